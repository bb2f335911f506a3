/** S3 backend against a real S3-protocol server (s3rver on 127.0.0.1, path-style), not a mock. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { S3Client } from "bun";
import { loadSharp } from "../../src/media/sharp";
import { startTestServer, type TestServer } from "../rig";
import { filesUnder, upload } from "../api/v1/media/helpers";
import { gradient } from "./fixtures";

const sharp = () => loadSharp() as unknown as typeof import("sharp").default;
let s3dir: string;
let s3: S3rver;
let endpoint: string;
let s: TestServer;
let bucket: S3Client;

beforeAll(async () => {
  s3dir = mkdtempSync(join(tmpdir(), "hearth-s3-"));
  s3 = new S3rver({
    port: 0,
    address: "127.0.0.1",
    directory: s3dir,
    silent: true,
    configureBuckets: [{ name: "hearth-media", configs: [] }],
  });
  const info = (await s3.run()) as unknown as { port: number };
  endpoint = `http://127.0.0.1:${info.port}`;
  const creds = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };
  s = await startTestServer({
    env: { S3_ENABLED: "true", S3_BUCKET: "hearth-media", S3_ENDPOINT: endpoint, S3_REGION: "us-east-1", ...creds },
  });
  bucket = new S3Client({ bucket: "hearth-media", endpoint, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER" });
});
afterAll(async () => {
  await s.stop();
  await s3.close();
  rmSync(s3dir, { recursive: true, force: true });
});

test("uploads land in the bucket, URLs point at it, deletes remove the objects", async () => {
  const alice = await s.createUser("alice");
  const m = await alice.client.v2.media.create({
    file: new Blob([await gradient(300, 200, "png")], { type: "image/png" }),
    skipPolling: true,
  });
  expect(m.url).toStartWith(`${endpoint}/hearth-media/media_attachments/files/${m.id}/original/`);
  const key = m.url!.slice(`${endpoint}/hearth-media/`.length);
  // Read back through the S3 API and through the public path-style URL.
  const obj = bucket.file(key);
  expect(await obj.exists()).toBe(true);
  const meta = await sharp()(new Uint8Array(await obj.arrayBuffer())).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 300, 200]);
  const res = await fetch(m.url!);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/png");
  expect((await fetch(m.previewUrl!)).status).toBe(200);
  // Nothing went to the local disk.
  expect(filesUnder(join(s.dataDir, "media"))).toEqual([]);

  const del = await s.api("DELETE", `/api/v1/media/${m.id}`, { token: alice.token });
  expect(del.status).toBe(200);
  expect(await obj.exists()).toBe(false);
  expect(await bucket.file(m.previewUrl!.slice(`${endpoint}/hearth-media/`.length)).exists()).toBe(false);
});

test("a rejected upload leaves no object in the bucket", async () => {
  const bob = await s.createUser("bob");
  const before = (await bucket.list()).contents?.length ?? 0;
  const res = await upload(s, "/api/v2/media", bob.token, { file: { bytes: new TextEncoder().encode("<svg/>"), type: "image/svg+xml" } });
  expect(res.status).toBe(422);
  expect((await bucket.list()).contents?.length ?? 0).toBe(before);
});

test("S3_ALIAS_HOST makes https://<alias>/<key> URLs", async () => {
  const { S3Storage } = await import("../../src/media/s3-storage");
  const st = new S3Storage({ bucket: "b", endpoint, region: "us-east-1", aliasHost: "cdn.example.org" });
  expect(st.url("media_attachments/files/1/original/a.png")).toBe("https://cdn.example.org/media_attachments/files/1/original/a.png");
});
