/** `hearth admin media usage|remove` and `hearth admin statuses remove-remote` on a real data directory. */
import { afterAll, beforeAll, expect, spyOn, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAdmin } from "../../src/cli/admin";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { SEQ } from "../../src/model/ids";

const DAY = 24 * 3600_000;
let dataDir: string;
let ctx: AppContext;
let local: number;
let remote: number;

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const log = spyOn(console, "log").mockImplementation(() => {});
  const error = spyOn(console, "error").mockImplementation(() => {});
  try {
    const code = await runAdmin(ctx, args);
    return { code, out: log.mock.calls.map((c) => c.join(" ")).join("\n"), err: error.mock.calls.map((c) => c.join(" ")).join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

function account(username: string, domain: string | null): number {
  const id = ctx.ids.next();
  ctx.db
    .query("INSERT INTO accounts (id, username, domain, uri, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)")
    .run(id, username, domain, domain ? `https://${domain}/users/${username}` : `https://hearth.test/users/${username}`);
  return id;
}

function status(accountId: number, ageDays: number, isLocal = false): number {
  const id = (Date.now() - ageDays * DAY) * SEQ + Math.floor(Math.random() * SEQ);
  ctx.db
    .query("INSERT INTO statuses (id, uri, account_id, local, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
    .run(id, `https://x/${id}`, accountId, isLocal ? 1 : 0, Date.now() - ageDays * DAY, Date.now() - ageDays * DAY);
  return id;
}

async function media(accountId: number, statusId: number, remoteUrl: string | null, bytes: number, storedDaysAgo = 0): Promise<string> {
  const id = ctx.ids.next();
  const key = `media_attachments/files/${id}/original/f.png`;
  const t = Date.now() - storedDaysAgo * DAY;
  ctx.db
    .query(
      "INSERT INTO media_attachments (id, account_id, status_id, type, file_key, remote_url, created_at, updated_at) VALUES (?, ?, ?, 'image', ?, ?, ?, ?)",
    )
    .run(id, accountId, statusId, key, remoteUrl, t, t);
  await ctx.storage.put(key, new Uint8Array(bytes), "image/png");
  return key;
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "hearth-media-cli-"));
  ctx = createContext(loadConfig({ DATA_DIR: dataDir, LOCAL_DOMAIN: "hearth.test" }), { log: createLogger("error") });
  local = account("alice", null);
  remote = account("bob", "far.example");
});
afterAll(() => {
  ctx.db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test("media usage sums bytes by kind", async () => {
  await media(local, status(local, 1, true), null, 3000);
  await media(remote, status(remote, 1), "https://far.example/a.png", 2000);
  await ctx.storage.put(`accounts/avatars/${local}/a.png`, new Uint8Array(700), "image/png");
  ctx.db.query("UPDATE accounts SET avatar_path = ? WHERE id = ?").run(`accounts/avatars/${local}/a.png`, local);
  await ctx.storage.put("media_attachments/files/42/original/nobody.png", new Uint8Array(500), "image/png");
  const r = await run("media", "usage");
  expect(r.code).toBe(0);
  expect(r.out).toContain("Attachments (local):                2.93 KB (1 files)");
  expect(r.out).toContain("Attachments (remote cache):         1.95 KB (1 files)");
  expect(r.out).toContain("Avatars and headers (local):        700 Bytes (1 files)");
  expect(r.out).toContain("Orphaned files:                     500 Bytes (1 files)");
  expect(r.out).toMatch(/Database: +\d/);
});

test("media remove --days N drops remote caches stored more than N days ago", async () => {
  const old = await media(remote, status(remote, 10), "https://far.example/old.png", 10, 5);
  const fresh = await media(remote, status(remote, 10), "https://far.example/new.png", 10, 1);
  const mine = await media(local, status(local, 10, true), null, 10, 5);
  const r = await run("media", "remove", "--days", "3");
  expect(r).toMatchObject({ code: 0, out: "Removed the cached files of 1 remote attachments older than 3 days" });
  expect(await ctx.storage.get(old)).toBeNull();
  expect(await ctx.storage.get(fresh)).not.toBeNull();
  expect(await ctx.storage.get(mine)).not.toBeNull();
  expect(await run("media", "remove", "--days", "soon")).toMatchObject({
    code: 1,
    err: 'hearth: --days must be a whole number of days (1 or more), got "soon"',
  });
});

test("statuses remove-remote --days N removes old remote statuses nobody here interacted with", async () => {
  const plain = status(remote, 40);
  const liked = status(remote, 40);
  const recent = status(remote, 5);
  ctx.db.query("INSERT INTO favourites (id, account_id, status_id, created_at) VALUES (?, ?, ?, 1)").run(ctx.ids.next(), local, liked);
  const r = await run("statuses", "remove-remote", "--days", "30");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^Removed \d+ of \d+ remote statuses older than 30 days/);
  const ids = new Set((ctx.db.query("SELECT id FROM statuses").all() as { id: number }[]).map((x) => x.id));
  expect(ids.has(plain)).toBe(false);
  expect(ids.has(liked)).toBe(true);
  expect(ids.has(recent)).toBe(true);
  expect((await run("statuses", "remove", "--days", "30")).code).toBe(2);
});
