/**
 * SIGTERM on `hearth serve` (a real child process) under load: new connections are refused,
 * every post that got a 200 is in the database, every accepted upload was processed or still
 * has its queued job, scheduled jobs stay, the WAL is checkpointed and the exit code is 0.
 */
import { afterAll, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { createContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { createLocalAccount } from "../../src/services/accounts/create-local";
import { createApplication, issueToken } from "../../src/services/oauth/tokens";
import { gradient } from "../media/fixtures";
import { freePort } from "../rig";

const dir = mkdtempSync(join(tmpdir(), "hearth-sigterm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("SIGTERM during load loses no acknowledged post and no queued job, checkpoints the WAL, exits 0", async () => {
  const port = freePort();
  const env = {
    DATA_DIR: dir,
    PORT: String(port),
    BIND: "127.0.0.1",
    LOCAL_DOMAIN: `127.0.0.1:${port}`,
    PROTOCOL: "http",
    RATE_LIMITS: "false",
  };
  // The account, a token and jobs due in an hour, written before the server starts.
  const ctx = createContext(loadConfig(env), { log: createLogger("error") });
  const { user } = await createLocalAccount(ctx, {
    username: "alice",
    email: "alice@example.com",
    password: "pw-alice-secret",
    role: "user",
  });
  const app = createApplication(ctx, { name: "t", website: null, redirectUris: ["urn:ietf:wg:oauth:2.0:oob"], scopes: ["read", "write"] });
  const token = issueToken(ctx, { applicationId: app.id, userId: user.id, scopes: ["read", "write"] }).token;
  const later = Array.from({ length: 5 }, (_, i) =>
    ctx.jobs.enqueue("poll.expire", { pollId: 900 + i }, { runAt: Date.now() + 3_600_000 }),
  );
  ctx.db.close();
  const picture = await gradient(2000, 2000, "jpeg"); // 4 megapixels: processed by a media.process job

  const proc = Bun.spawn(["node_modules/.bin/bun", "src/main.ts", "serve"], {
    env: { ...process.env, ...env, LOG_LEVEL: "info" },
    stdout: "pipe",
    stderr: "pipe",
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/api/v1/instance`).catch(() => null))?.ok) break;
    if (i > 300) throw new Error("server did not start");
    await Bun.sleep(50);
  }

  const auth = { Authorization: `Bearer ${token}` };
  const posted: string[] = [];
  const uploaded: string[] = [];
  let stop = false;
  const poster = async (n: number) => {
    for (let i = 0; !stop; i++) {
      const res = await fetch(`${base}/api/v1/statuses`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ status: `client ${n} post ${i}` }),
      }).catch(() => null);
      if (!res) return; // refused: the server stopped accepting
      if (res.status === 200) posted.push(((await res.json()) as { id: string }).id);
    }
  };
  const uploader = async () => {
    while (!stop) {
      const form = new FormData();
      form.append("file", new Blob([picture], { type: "image/jpeg" }), "big.jpg");
      const res = await fetch(`${base}/api/v2/media`, { method: "POST", headers: auth, body: form }).catch(() => null);
      if (!res) return;
      if (res.status === 202 || res.status === 200) uploaded.push(((await res.json()) as { id: string }).id);
    }
  };
  const clients = [poster(1), poster(2), poster(3), poster(4), uploader()];
  while (posted.length < 40 || uploaded.length < 2) await Bun.sleep(20);
  // One more upload, in flight when the signal arrives (the server spends a while on a 4 MP image): it is answered, not cut.
  const form = new FormData();
  form.append("file", new Blob([picture], { type: "image/jpeg" }), "last.jpg");
  const inFlight = fetch(`${base}/api/v2/media`, { method: "POST", headers: auth, body: form }).catch((e: Error) => e);
  await Bun.sleep(40);
  proc.kill("SIGTERM");
  await Bun.sleep(50);
  // New connections are refused from here on (or the process is already gone).
  expect(await fetch(`${base}/api/v1/instance`, { headers: { Connection: "close" } }).catch(() => "refused")).toBe("refused");
  const code = await Promise.race([proc.exited, Bun.sleep(20_000).then(() => "timeout")]);
  stop = true;
  await Promise.all(clients);
  const stderr = await new Response(proc.stderr).text();
  if (code !== 0) proc.kill("SIGKILL");
  expect(code).toBe(0);
  const last = await inFlight;
  expect(last instanceof Response ? last.status : String(last)).toBe(202);
  uploaded.push(((await (last as Response).json()) as { id: string }).id);
  expect(stderr).toContain("SIGTERM: stopping");
  expect(stderr).toContain("stopped");

  // The WAL was folded into the database file and truncated (or removed on close).
  const wal = join(dir, "hearth.sqlite-wal");
  expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
  const db = new Database(join(dir, "hearth.sqlite"), { readonly: true });
  try {
    const ids = new Set(
      db
        .query<{ id: number }, []>("SELECT id FROM statuses")
        .all()
        .map((r) => String(r.id)),
    );
    for (const id of posted) expect(ids.has(id)).toBe(true);
    for (const id of uploaded) {
      const row = db.query<{ processing: number }, [string]>("SELECT processing FROM media_attachments WHERE id = ?").get(id);
      expect(row).not.toBeNull();
      if (row!.processing === 0) continue; // processed before the exit
      const job = db
        .query<{ n: number }, [string]>("SELECT count(*) AS n FROM jobs WHERE kind = 'media.process' AND payload = ?")
        .get(JSON.stringify({ id: Number(id) }));
      expect(job!.n).toBe(1);
      expect(existsSync(join(dir, "media-pending", id))).toBe(true);
    }
    const kept = db
      .query<{ id: number }, []>("SELECT id FROM jobs WHERE kind = 'poll.expire'")
      .all()
      .map((r) => r.id);
    expect(kept.sort()).toEqual([...later].sort());
  } finally {
    db.close();
  }
}, 60_000);
