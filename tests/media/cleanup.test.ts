/** media.remove_unattached and media.remove_remote_cache, run through the jobs table with drain(). */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { CRON_JOBS } from "../../src/jobs/cron";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { filesUnder, upload } from "../api/v1/media/helpers";
import { gradient } from "./fixtures";

const DAY = 24 * 60 * 60 * 1000;
let clock = Date.now();
let s: TestServer;
let alice: TestUser;

beforeAll(async () => {
  s = await startTestServer({ now: () => clock, runJobs: false, env: { MEDIA_CACHE_RETENTION_DAYS: "7" } });
  alice = await s.createUser("alice");
});
afterAll(() => s.stop());

const png = async () => ({ bytes: await gradient(40, 30, "png"), type: "image/png", name: "p.png" });

test("both cleanups are scheduled daily through CRON_JOBS", () => {
  expect(CRON_JOBS.map((j) => j.kind)).toEqual(expect.arrayContaining(["media.remove_unattached", "media.remove_remote_cache"]));
});

test("unattached uploads older than a day go, files and rows; attached and recent ones stay", async () => {
  const old = await (await upload(s, "/api/v2/media", alice.token, { file: await png() })).json();
  const attached = await (await upload(s, "/api/v2/media", alice.token, { file: await png() })).json();
  s.ctx.db
    .query("INSERT INTO statuses (id, uri, account_id, created_at, updated_at) VALUES (1, 'x:1', ?, ?, ?)")
    .run(alice.account.id, clock, clock);
  s.ctx.db.query("UPDATE media_attachments SET status_id = 1 WHERE id = ?").run(Number(attached.id));
  clock += DAY + 60_000;
  const recent = await (await upload(s, "/api/v2/media", alice.token, { file: await png() })).json();
  const mediaDir = join(s.dataDir, "media", "media_attachments", "files");
  expect(filesUnder(join(mediaDir, old.id)).length).toBe(2);

  s.ctx.jobs.enqueue("media.remove_unattached", {});
  expect(await s.drain()).toBe(1);
  expect(s.count("media_attachments", "id = ?", Number(old.id))).toBe(0);
  expect(filesUnder(join(mediaDir, old.id))).toEqual([]);
  for (const kept of [attached, recent]) {
    expect(s.count("media_attachments", "id = ?", Number(kept.id))).toBe(1);
    expect(filesUnder(join(mediaDir, kept.id)).length).toBe(2);
  }
});

test("remote media files older than MEDIA_CACHE_RETENTION_DAYS are uncached; rows keep remote_url", async () => {
  const insert = (id: number, created: number) => {
    const key = `media_attachments/files/${id}/original/cached.png`;
    s.ctx.db
      .query(
        `INSERT INTO media_attachments (id, account_id, type, file_key, remote_url, meta, processing, created_at, updated_at)
       VALUES (?, ?, 'image', ?, ?, '{}', 0, ?, ?)`,
      )
      .run(id, alice.account.id, key, `https://remote.example/${id}.png`, created, created);
    s.ctx.db.query("UPDATE media_attachments SET status_id = 1 WHERE id = ?").run(id);
    return key;
  };
  const oldKey = insert(900001, clock - 8 * DAY);
  const newKey = insert(900002, clock - 2 * DAY);
  for (const k of [oldKey, newKey]) await s.ctx.storage.put(k, await gradient(4, 4, "png"), "image/png");

  s.ctx.jobs.enqueue("media.remove_remote_cache", {});
  expect(await s.drain()).toBe(1);
  expect(await s.ctx.storage.get(oldKey)).toBeNull();
  expect(await s.ctx.storage.get(newKey)).not.toBeNull();
  const row = s.ctx.db.query("SELECT file_key, remote_url FROM media_attachments WHERE id = 900001").get() as any;
  expect(row).toEqual({ file_key: null, remote_url: "https://remote.example/900001.png" });
  // The API then answers with this server's media proxy, which fetches it again on view
  // (tests/media/recache.test.ts), not with the remote URL.
  const { toMastodonMedia } = await import("../../src/serializers/mastodon/media");
  const full = s.ctx.db.query("SELECT * FROM media_attachments WHERE id = 900001").get() as any;
  expect(toMastodonMedia(s.ctx, full)).toMatchObject({
    url: `${s.url}/media_proxy/900001/original`,
    preview_url: `${s.url}/media_proxy/900001/small`,
    remote_url: "https://remote.example/900001.png",
  });
});
