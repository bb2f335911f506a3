/**
 * Remote media whose cache the retention removed is fetched again when viewed: the API keeps
 * answering with this server's URL (/media_proxy/<id>/<style>); the first GET there downloads the
 * remote file from a local HTTP server (ALLOW_PRIVATE_ADDRESSES=true in the rig), stores it and
 * redirects to the stored copy; later views use the copy; an unreachable remote gets its URL.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { loadSharp } from "../../src/media/sharp";
import { FakeRemote, startTestServer, type TestServer, type TestUser } from "../rig";
import { insertRemoteAccount, insertStatus } from "../rig/fixtures";

const DAY = 24 * 3600_000;
const sharp = () => loadSharp() as unknown as typeof import("sharp").default;
let s: TestServer;
let alice: TestUser;
let remote: FakeRemote;
let up = true;

beforeAll(async () => {
  s = await startTestServer({ frozen: true, runJobs: false, env: { MEDIA_CACHE_RETENTION_DAYS: "7" } });
  alice = await s.createUser("alice");
  const png = new Uint8Array(
    await sharp()({ create: { width: 640, height: 480, channels: 3, background: { r: 10, g: 120, b: 200 } } })
      .png()
      .toBuffer(),
  );
  remote = new FakeRemote({ unknownActorStatus: 404 });
  remote.route("/img/photo.png", () =>
    up ? new Response(png, { headers: { "content-type": "image/png" } }) : new Response("", { status: 503 }),
  );
});
afterAll(async () => {
  remote.stop();
  await s.stop();
});

/** A remote status with one image attachment, cached by the media.cache_remote job. */
async function cachedRemoteImage(): Promise<{ statusId: number; mediaId: number; url: string }> {
  const acct = insertRemoteAccount(s.ctx, `rem${s.ctx.ids.next()}`, remote.host);
  const st = insertStatus(s.ctx, acct.id);
  s.ctx.db.query("UPDATE statuses SET local = 0 WHERE id = ?").run(st.id);
  const mediaId = s.ctx.ids.next();
  const url = `${remote.base}/img/photo.png`;
  s.ctx.db
    .query(
      "INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, created_at, updated_at) VALUES (?, ?, ?, 'image', ?, ?, ?)",
    )
    .run(mediaId, acct.id, st.id, url, s.clock.now(), s.clock.now());
  s.ctx.db.query("UPDATE statuses SET media_ids = ? WHERE id = ?").run(JSON.stringify([mediaId]), st.id);
  s.ctx.jobs.enqueue("media.cache_remote", { id: mediaId });
  await s.drain();
  return { statusId: st.id, mediaId, url };
}

const attachment = async (statusId: number) =>
  ((await (await s.api("GET", `/api/v1/statuses/${statusId}`, { token: alice.token })).json()) as any).media_attachments[0];

async function expire(): Promise<void> {
  s.clock.advance(8 * DAY);
  s.ctx.jobs.enqueue("media.remove_remote_cache", {});
  await s.drain();
}

test("after the retention removed the cache, the API keeps our URL and a view fetches the file again", async () => {
  const { statusId, mediaId } = await cachedRemoteImage();
  const cached = await attachment(statusId);
  expect(cached.url.startsWith(`${s.url}/system/`)).toBe(true);
  const fetchedBefore = remote.requests.filter((p) => p === "/img/photo.png").length;

  await expire();
  expect(await s.ctx.storage.get(new URL(cached.url).pathname.replace("/system/", ""))).toBeNull();
  const a = await attachment(statusId);
  expect(a.url).toBe(`${s.url}/media_proxy/${mediaId}/original`);
  expect(a.preview_url).toBe(`${s.url}/media_proxy/${mediaId}/small`);

  // An image element follows the redirect: it gets the picture, from this server.
  const res = await fetch(a.url);
  expect(res.status).toBe(200);
  expect(res.url.startsWith(`${s.url}/system/`)).toBe(true);
  expect(await sharp()(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ width: 640, height: 480 });
  expect(remote.requests.filter((p) => p === "/img/photo.png").length).toBe(fetchedBefore + 1);

  // Stored again: the API answers with the new copy, and the small preview needs no other download.
  const again = await attachment(statusId);
  expect(again.url).toBe(res.url);
  const small = await fetch(`${s.url}/media_proxy/${mediaId}/small`, { redirect: "manual" });
  expect(small.status).toBe(302);
  expect(small.headers.get("location")).toBe(again.preview_url);
  expect((await fetch(again.preview_url)).status).toBe(200);
  expect(remote.requests.filter((p) => p === "/img/photo.png").length).toBe(fetchedBefore + 1);
});

test("two views at once download once; an unreachable remote hands out its URL and is not retried at once", async () => {
  const { statusId, mediaId, url } = await cachedRemoteImage();
  await expire();
  const n = remote.requests.filter((p) => p === "/img/photo.png").length;
  const both = await Promise.all([0, 1].map(() => fetch(`${s.url}/media_proxy/${mediaId}/original`, { redirect: "manual" })));
  expect(both.map((r) => r.status)).toEqual([302, 302]);
  expect(both[0]!.headers.get("location")).toBe(both[1]!.headers.get("location"));
  expect(remote.requests.filter((p) => p === "/img/photo.png").length).toBe(n + 1);
  expect((await attachment(statusId)).url).toBe(both[0]!.headers.get("location"));

  const other = await cachedRemoteImage();
  await expire();
  up = false;
  try {
    const m = remote.requests.filter((p) => p === "/img/photo.png").length;
    const first = await fetch(`${s.url}/media_proxy/${other.mediaId}/original`, { redirect: "manual" });
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(other.url);
    const second = await fetch(`${s.url}/media_proxy/${other.mediaId}/original`, { redirect: "manual" });
    expect(second.headers.get("location")).toBe(other.url);
    expect(remote.requests.filter((p) => p === "/img/photo.png").length).toBe(m + 1);
    expect((await attachment(other.statusId)).url).toBe(`${s.url}/media_proxy/${other.mediaId}/original`);
  } finally {
    up = true;
  }
  expect(url).toBe(other.url);
});

test("unknown ids and styles are 404", async () => {
  expect((await fetch(`${s.url}/media_proxy/123/original`, { redirect: "manual" })).status).toBe(404);
  expect((await fetch(`${s.url}/media_proxy/abc/original`, { redirect: "manual" })).status).toBe(404);
  const { mediaId } = await cachedRemoteImage();
  expect((await fetch(`${s.url}/media_proxy/${mediaId}/huge`, { redirect: "manual" })).status).toBe(404);
});
