/** `hearth backup s3://bucket/prefix` and `hearth restore s3://…` against a real S3-protocol server (s3rver). */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { S3Client } from "bun";
import { parseBackupTarget } from "../../src/config";
import type { BackupManifest } from "../../src/services/backup/manifest";
import { pruneBackups } from "../../src/services/backup/prune";
import { startTestServer, type TestServer } from "../rig";
import { upload } from "../api/v1/media/helpers";
import { gradient } from "../media/fixtures";
import { hearth, rowCounts, sha256 } from "./helpers";

let s3dir: string;
let s3: S3rver;
let s: TestServer;
let work: string;
let bucket: S3Client;
let creds: Record<string, string>;

beforeAll(async () => {
  s3dir = mkdtempSync(join(tmpdir(), "hearth-s3-backup-"));
  work = mkdtempSync(join(tmpdir(), "hearth-s3-restore-"));
  s3 = new S3rver({
    port: 0,
    address: "127.0.0.1",
    directory: s3dir,
    silent: true,
    configureBuckets: [{ name: "hearth-backups", configs: [] }],
  });
  const info = (await s3.run()) as unknown as { port: number };
  const endpoint = `http://127.0.0.1:${info.port}`;
  creds = { S3_ENDPOINT: endpoint, S3_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
  bucket = new S3Client({ bucket: "hearth-backups", endpoint, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
  s = await startTestServer();
  const alice = await s.createUser("alice");
  await upload(s, "/api/v2/media", alice.token, { file: { bytes: await gradient(40, 30, "png"), type: "image/png" } });
  await s.drain();
  for (let i = 0; i < 5; i++) await s.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: `post ${i}` } });
});
afterAll(async () => {
  await s.stop();
  await s3.close();
  rmSync(s3dir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

test("backups go to the bucket, restore from it verifies checksums, BACKUP_KEEP prunes there", async () => {
  const first = await hearth(["backup", "s3://hearth-backups/daily"], { DATA_DIR: s.dataDir, ...creds });
  expect(first.err).toBe("");
  expect(first.code).toBe(0);
  const url = /backup written to (s3:\/\/\S+):/.exec(first.out)![1]!;
  expect(url).toMatch(/^s3:\/\/hearth-backups\/daily\/hearth-backup-\d{8}T\d{6}Z$/);
  const prefix = url.slice("s3://hearth-backups/".length);
  const manifest = (await bucket.file(`${prefix}/manifest.json`).json()) as BackupManifest;
  expect(manifest.files.some((f) => f.path.startsWith("media/media_attachments/"))).toBe(true);
  for (const f of manifest.files) expect((await bucket.file(`${prefix}/${f.path}`).stat()).size).toBe(f.size);
  expect(await bucket.file(`${prefix}/SHA256SUMS`).exists()).toBe(true);

  const restored = join(work, "data");
  const r = await hearth(["restore", url], { DATA_DIR: restored, ...creds });
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  for (const f of manifest.files) expect(sha256(join(restored, f.path))).toBe(f.sha256);
  expect(rowCounts(join(restored, "hearth.sqlite"))).toEqual(manifest.tables);
  expect(manifest.tables.statuses).toBe(5);

  // A damaged object is refused before anything lands in the data directory.
  const pic = manifest.files.find((f) => f.path.startsWith("media/"))!;
  await bucket.write(`${prefix}/${pic.path}`, "not the picture");
  const bad = await hearth(["restore", url], { DATA_DIR: join(work, "other"), ...creds });
  expect(bad.code).toBe(1);
  expect(bad.err).toContain(`the backup's ${pic.path} is damaged`);

  // Two more backups (one in the same second gets a -2 name), then keep 2: the oldest goes.
  expect((await hearth(["backup", "s3://hearth-backups/daily"], { DATA_DIR: s.dataDir, ...creds })).code).toBe(0);
  expect((await hearth(["backup", "s3://hearth-backups/daily/"], { DATA_DIR: s.dataDir, ...creds })).code).toBe(0);
  const target = parseBackupTarget("s3://hearth-backups/daily", creds);
  const removed = await pruneBackups(target, 2);
  expect(removed).toEqual([prefix.split("/")[1]!]);
  const left = (await bucket.list({ prefix: "daily/" })).contents!.map((c) => c.key);
  expect(left.some((k) => k.startsWith(`${prefix}/`))).toBe(false);
  expect(left.filter((k) => k.endsWith("/manifest.json"))).toHaveLength(2);
}, 60_000);
