/**
 * `hearth backup` beside a running server with writers posting, and `hearth restore` into an
 * empty data directory: checksums, every table's rows, statuses acknowledged before the backup,
 * media bytes, and a server started on the restored data; refusals; BACKUP_KEEP pruning.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { createContext } from "../../src/context";
import { CRON_JOBS } from "../../src/jobs/cron";
import { runBackupDaily } from "../../src/jobs/handlers/backup";
import { createLogger } from "../../src/log";
import { startServer } from "../../src/server";
import type { BackupManifest } from "../../src/services/backup/manifest";
import { freePort, startTestServer, type TestServer, type TestUser } from "../rig";
import { upload } from "../api/v1/media/helpers";
import { gradient } from "../media/fixtures";
import { hearth, rowCounts, sha256, withDb } from "./helpers";

let s: TestServer;
let alice: TestUser;
let work: string;
let mediaStatusId: string;
let mediaUrl: string;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  work = mkdtempSync(join(tmpdir(), "hearth-backup-test-"));
  const res = await upload(s, "/api/v2/media", alice.token, { file: { bytes: await gradient(64, 48, "png"), type: "image/png" } });
  const media = (await res.json()) as { id: string };
  await s.drain();
  const post = await s.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: "with a picture", media_ids: [media.id] } });
  const st = (await post.json()) as { id: string; media_attachments: { url: string }[] };
  mediaStatusId = st.id;
  mediaUrl = st.media_attachments[0]!.url;
});
afterAll(async () => {
  await s.stop();
  rmSync(work, { recursive: true, force: true });
});

const env = () => ({ DATA_DIR: s.dataDir });

test("a backup taken while writers post restores to the same rows, checksums and media", async () => {
  const acked: { id: string; at: number }[] = [];
  let writing = true;
  const writer = async (n: number) => {
    for (let i = 0; writing; i++) {
      const res = await s.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: `writer ${n} post ${i}` } });
      if (res.status === 200) acked.push({ id: ((await res.json()) as { id: string }).id, at: performance.now() });
    }
  };
  const writers = [writer(1), writer(2), writer(3)];
  await Bun.sleep(300);
  const started = performance.now();
  const ackedBefore = acked.map((a) => a.id);
  const r = await hearth(["backup", join(work, "backups")], env());
  await Bun.sleep(100); // writers keep going after the backup returns
  writing = false;
  await Promise.all(writers);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(ackedBefore.length).toBeGreaterThan(5);
  expect(acked.some((a) => a.at > started)).toBe(true); // posts went through while the backup ran

  const [name] = readdirSync(join(work, "backups"));
  expect(name).toMatch(/^hearth-backup-\d{8}T\d{6}Z$/);
  const dir = join(work, "backups", name!);
  expect(r.out).toContain(dir);
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as BackupManifest;
  // Checksums: the manifest and SHA256SUMS agree with the bytes on disk.
  const sums = readFileSync(join(dir, "SHA256SUMS"), "utf8").trim().split("\n");
  expect(sums).toHaveLength(manifest.files.length);
  for (const f of manifest.files) {
    expect(sha256(join(dir, f.path))).toBe(f.sha256);
    expect(sums).toContain(`${f.sha256}  ${f.path}`);
  }
  expect(manifest.files.map((f) => f.path)).toContain(`media/${new URL(mediaUrl).pathname.replace(/^\/system\//, "")}`);
  expect(manifest.local_domain).toBe(s.domain);
  expect(manifest.media).toBe("disk");

  // One consistent moment: every post acknowledged before the backup started is in it, none
  // acknowledged after it returned is needed, and the counters written in the same transactions agree.
  const db = join(dir, "hearth.sqlite");
  withDb(db, (d) => {
    const ids = new Set(
      d
        .query<{ id: number }, []>("SELECT id FROM statuses")
        .all()
        .map((x) => String(x.id)),
    );
    for (const id of ackedBefore) expect(ids.has(id)).toBe(true);
    expect(ids.size).toBeLessThanOrEqual(acked.length + 1);
    const counter = d.query<{ n: number }, [number]>("SELECT statuses_count AS n FROM accounts WHERE id = ?").get(alice.account.id)!.n;
    expect(counter).toBe(ids.size);
    expect(d.query<{ integrity_check: string }, []>("PRAGMA integrity_check").get()!.integrity_check).toBe("ok");
  });
  expect(manifest.tables.statuses).toBeGreaterThanOrEqual(ackedBefore.length + 1);
  expect(manifest.tables.statuses).toBeLessThan(s.count("statuses"));

  // Restore into a new, empty data directory: the same rows in every table, the same media bytes.
  const restored = join(work, "restored");
  const rr = await hearth(["restore", dir], { DATA_DIR: restored });
  expect(rr.err).toBe("");
  expect(rr.code).toBe(0);
  expect(rr.out).toContain("checksums verified");
  expect(rowCounts(join(restored, "hearth.sqlite"))).toEqual(manifest.tables);
  for (const f of manifest.files.filter((f) => f.path.startsWith("media/"))) {
    expect(sha256(join(restored, f.path))).toBe(f.sha256);
    expect(sha256(join(restored, f.path))).toBe(sha256(join(s.dataDir, f.path)));
  }

  // A server on the restored data answers with the same account, statuses and picture.
  const port = freePort();
  const ctx = createContext(loadConfig({ DATA_DIR: restored, PORT: String(port), RATE_LIMITS: "false" }), { log: createLogger("error") });
  const server = startServer(ctx, { port, hostname: "127.0.0.1", runJobs: false });
  try {
    expect(ctx.config.localDomain).toBe(s.domain); // recorded configuration came back
    const base = `http://127.0.0.1:${port}`;
    const st = await fetch(`${base}/api/v1/statuses/${mediaStatusId}`);
    expect(st.status).toBe(200);
    const json = (await st.json()) as { account: { username: string }; media_attachments: { url: string }[] };
    expect(json.account.username).toBe("alice");
    const pic = await fetch(`${base}${new URL(json.media_attachments[0]!.url).pathname}`);
    expect(pic.status).toBe(200);
    expect(Buffer.from(await pic.arrayBuffer())).toEqual(Buffer.from(await (await fetch(mediaUrl)).arrayBuffer()));
    expect((await fetch(`${base}/api/v1/statuses/${ackedBefore[0]}`)).status).toBe(200);
  } finally {
    await server.stop();
    ctx.db.close();
  }
}, 60_000);

test("restore refuses a live data directory, a non-empty one and a damaged backup", async () => {
  const backups = join(work, "refusals");
  expect((await hearth(["backup", backups], env())).code).toBe(0);
  const dir = join(backups, readdirSync(backups)[0]!);

  const live = await hearth(["restore", dir], env());
  expect(live.code).toBe(1);
  expect(live.err).toContain("already holds a Hearth database and a running Hearth has it open");
  expect(s.count("statuses")).toBeGreaterThan(0); // untouched

  const busy = join(work, "not-empty");
  mkdirSync(busy);
  writeFileSync(join(busy, "notes.txt"), "mine");
  const notEmpty = await hearth(["restore", dir], { DATA_DIR: busy });
  expect(notEmpty.code).toBe(1);
  expect(notEmpty.err).toContain("is not empty (notes.txt)");
  expect(readdirSync(busy)).toEqual(["notes.txt"]);

  const damaged = join(work, "damaged");
  cpSync(dir, damaged, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(damaged, "manifest.json"), "utf8")) as BackupManifest;
  const pic = manifest.files.find((f) => f.path.startsWith("media/"))!;
  const bytes = readFileSync(join(damaged, pic.path));
  bytes[bytes.length - 1]! ^= 0xff;
  writeFileSync(join(damaged, pic.path), bytes);
  const target = join(work, "from-damaged");
  const bad = await hearth(["restore", damaged], { DATA_DIR: target });
  expect(bad.code).toBe(1);
  expect(bad.err).toContain(`the backup's ${pic.path} is damaged`);
  expect(existsSync(join(target, "hearth.sqlite"))).toBe(false);
  expect(readdirSync(target)).toEqual([]);
}, 60_000);

test("the daily backup keeps BACKUP_KEEP backups and is scheduled only with BACKUP_DIR", async () => {
  const daily = join(work, "daily");
  const config = { ...s.ctx.config, backupDir: { kind: "dir" as const, path: daily }, backupKeep: 2 };
  const day = 86_400_000;
  const t0 = Date.UTC(2030, 0, 1, 2, 37);
  for (let i = 0; i < 4; i++) await runBackupDaily({ ...s.ctx, config, now: () => t0 + i * day });
  expect(readdirSync(daily).sort()).toEqual(["hearth-backup-20300103T023700Z", "hearth-backup-20300104T023700Z"]);
  // A pre-migrate backup and an unrelated folder are never pruned.
  mkdirSync(join(daily, "pre-migrate-0024-20291231T000000Z"));
  mkdirSync(join(daily, "keep-me"));
  await runBackupDaily({ ...s.ctx, config, now: () => t0 + 4 * day });
  expect(readdirSync(daily).sort()).toEqual([
    "hearth-backup-20300104T023700Z",
    "hearth-backup-20300105T023700Z",
    "keep-me",
    "pre-migrate-0024-20291231T000000Z",
  ]);
  const entry = CRON_JOBS.find((j) => j.kind === "backup.daily")!;
  expect(entry.enabled!({ ...s.ctx, config })).toBe(true);
  expect(entry.enabled!(s.ctx)).toBe(false);
  expect(loadConfig({ BACKUP_DIR: daily, BACKUP_KEEP: "3" }).backupKeep).toBe(3);
  expect(() => loadConfig({ BACKUP_KEEP: "0" })).toThrow("BACKUP_KEEP must be a whole number from 1 to 1000");
}, 60_000);
