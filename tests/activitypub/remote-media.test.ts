/**
 * Remote media cache: attachments, previews and avatars of remote statuses are downloaded from
 * a local sink server, served from /system, kept as remote URLs when rejected, failing or not
 * images, and uncached again by media.remove_remote_cache.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { blockDomain } from "../../src/services/admin/block-domain";
import { resolveStatusByUri } from "../../src/services/federation/resolve-status";
import { REMOTE_MEDIA_ATTEMPTS } from "../../src/jobs/handlers/media";
import { purgeAccount } from "../../src/services/registrations/delete-local-account";
import { loadSharp } from "../../src/media/sharp";
import { clip } from "../media/clips";
import { drainAll, FakeRemote, startTestServer, type TestServer } from "../rig";

const sharp = () => loadSharp() as unknown as typeof import("sharp").default;
const DAY = 24 * 3600_000;
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const BLURHASH = "LEHV6nWB2yk8pyo0adR*.7kCMdnj";
let clock = Date.now();
let s: TestServer;

async function png(width: number, height: number): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(
    await sharp()({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 20 } } })
      .png()
      .toBuffer(),
  );
}

/** A remote server (the rig's FakeRemote): one actor `rem` and whatever notes a test registers; records every request. */
interface Sink {
  base: string;
  host: string;
  requests: string[];
  notes: Map<string, Record<string, unknown>>;
  stop(): void;
}

function startSink(images: Map<string, Uint8Array<ArrayBuffer>>): Sink {
  const remote = new FakeRemote({ unknownActorStatus: 404, emptyCollections: false });
  const base = remote.base;
  remote.serve("/users/rem", {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${base}/users/rem`,
    type: "Person",
    preferredUsername: "rem",
    inbox: `${base}/users/rem/inbox`,
    followers: `${base}/users/rem/followers`,
    icon: { type: "Image", mediaType: "image/png", url: `${base}/img/avatar.png` },
    image: { type: "Image", mediaType: "image/png", url: `${base}/img/header.png` },
  });
  remote.route("/img/broken.png", () => new Response("oops", { status: 500 }));
  remote.route("/img/fake.png", () => new Response("<html>not an image at all</html>", { headers: { "content-type": "image/png" } }));
  for (const [path, img] of images) remote.route(path, () => new Response(img, { headers: { "content-type": "image/png" } }));
  return { base, host: remote.host, requests: remote.requests, notes: remote.documents, stop: () => remote.stop() };
}

let sink: Sink;
let rejected: Sink;
let n = 0;

/** Registers a public Note with `attachment` on `on` and resolves it; returns the status id. */
async function remoteStatus(on: Sink, attachment: unknown[]): Promise<number> {
  const path = `/notes/${++n}`;
  on.notes.set(path, {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${on.base}${path}`,
    type: "Note",
    attributedTo: `${on.base}/users/rem`,
    content: `<p>note ${n}</p>`,
    published: new Date(clock - 60_000).toISOString(),
    to: [PUBLIC],
    attachment,
  });
  const row = await resolveStatusByUri(s.ctx, `${on.base}${path}`);
  expect(row).not.toBeNull();
  return row!.id;
}

const status = async (id: number) => (await (await s.api("GET", `/api/v1/statuses/${id}`)).json()) as any;
const imageRequests = (on: Sink) => on.requests.filter((p) => p.startsWith("/img/") || p.startsWith("/video/"));

async function decoded(url: string): Promise<{ width?: number; height?: number }> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return sharp()(Buffer.from(await res.arrayBuffer())).metadata();
}

/** Drains, moving the clock past each retry's backoff, until no job of `kind` is left (the rig's drainAll). */
async function settle(kind: string): Promise<void> {
  await drainAll([s], {
    done: () => s.count("jobs", "kind = ?", kind) === 0,
    maxRounds: 10,
    pauseMs: 0,
    maxMs: Number.POSITIVE_INFINITY,
    between: () => {
      clock += 2 * 3600_000;
    },
    onTimeout: "throw",
    describe: () => `${kind} jobs did not settle`,
  });
}

beforeAll(async () => {
  const images = new Map([
    ["/img/avatar.png", await png(600, 600)],
    ["/img/header.png", await png(900, 300)],
    ["/img/photo.png", await png(1000, 800)],
    ["/img/poster.png", await png(320, 180)],
    ["/video/noposter.mp4", await clip({ width: 320, height: 240, audio: true })],
  ]);
  s = await startTestServer({ now: () => clock, runJobs: false, env: { MEDIA_CACHE_RETENTION_DAYS: "7" } });
  sink = startSink(images);
  rejected = startSink(images);
});
afterAll(async () => {
  sink.stop();
  rejected.stop();
  await s.stop();
});

describe("remote media cache", () => {
  let statusId: number;
  test("before caching url and preview_url are the remote URL; afterwards local copies, remote_url kept", async () => {
    statusId = await remoteStatus(sink, [
      {
        type: "Document",
        mediaType: "image/png",
        url: `${sink.base}/img/photo.png`,
        name: "a red square",
        blurhash: BLURHASH,
        focalPoint: [0.5, -0.25],
        width: 1000,
        height: 800,
      },
      {
        type: "Document",
        mediaType: "video/mp4",
        url: `${sink.base}/video/clip.mp4`,
        icon: { type: "Image", url: `${sink.base}/img/poster.png` },
      },
    ]);
    expect(s.count("jobs", "kind = 'media.cache_remote'")).toBe(2);
    expect(s.count("jobs", "kind = 'media.cache_avatar'")).toBe(1);
    const [img0, vid0] = (await status(statusId)).media_attachments;
    expect(img0).toMatchObject({
      type: "image",
      url: `${sink.base}/img/photo.png`,
      preview_url: `${sink.base}/img/photo.png`,
      remote_url: `${sink.base}/img/photo.png`,
    });
    expect(vid0).toMatchObject({ type: "video", url: `${sink.base}/video/clip.mp4`, preview_url: `${sink.base}/video/clip.mp4` });

    await settle("media.cache_remote");
    const view = await status(statusId);
    const [img, vid] = view.media_attachments;
    expect(img.url.startsWith(`${s.url}/system/`)).toBe(true);
    expect(img.preview_url.startsWith(`${s.url}/system/`)).toBe(true);
    expect(img.preview_url).not.toBe(img.url);
    expect(img).toMatchObject({ remote_url: `${sink.base}/img/photo.png`, description: "a red square", blurhash: BLURHASH });
    expect(img.meta.focus).toEqual({ x: 0.5, y: -0.25 });
    expect(img.meta.original).toMatchObject({ width: 1000, height: 800 });
    expect(img.meta.small.width * img.meta.small.height).toBeLessThanOrEqual(230_400);
    expect(await decoded(img.url)).toMatchObject({ width: 1000, height: 800 });
    expect(await decoded(img.preview_url)).toMatchObject({ width: img.meta.small.width, height: img.meta.small.height });
    // Video keeps its remote file; only its preview image is cached.
    expect(vid.url).toBe(`${sink.base}/video/clip.mp4`);
    expect(vid.remote_url).toBe(`${sink.base}/video/clip.mp4`);
    expect(vid.preview_url.startsWith(`${s.url}/system/`)).toBe(true);
    expect(typeof vid.blurhash).toBe("string");
    expect(sink.requests).not.toContain("/video/clip.mp4");

    const account = view.account;
    expect(account.avatar.startsWith(`${s.url}/system/accounts/avatars/`)).toBe(true);
    expect(account.header.startsWith(`${s.url}/system/accounts/headers/`)).toBe(true);
    expect(await decoded(account.avatar)).toMatchObject({ width: 400, height: 400 });
    expect(await decoded(account.header)).toMatchObject({ width: 1500, height: 500 });
  });

  test("a remote video without a preview image gets its first frame cached; the video itself stays remote", async () => {
    const id = await remoteStatus(sink, [{ type: "Document", mediaType: "video/mp4", url: `${sink.base}/video/noposter.mp4` }]);
    expect((await status(id)).media_attachments[0].preview_url).toBe(`${sink.base}/video/noposter.mp4`);
    await settle("media.cache_remote");
    const [vid] = (await status(id)).media_attachments;
    expect(vid).toMatchObject({ type: "video", url: `${sink.base}/video/noposter.mp4`, remote_url: `${sink.base}/video/noposter.mp4` });
    expect(vid.preview_url.startsWith(`${s.url}/system/`)).toBe(true);
    expect(await decoded(vid.preview_url)).toMatchObject({ width: 320, height: 240 });
    expect(vid.meta.small).toMatchObject({ width: 320, height: 240 });
    expect(typeof vid.blurhash).toBe("string");
  }, 30_000);

  test("a changed avatar URL drops the old cached file and caches the new one", async () => {
    const { upsertRemoteActor } = await import("../../src/services/federation/upsert-actor");
    const before = s.ctx.db
      .query<{ id: number; avatar_path: string }, [string]>("SELECT id, avatar_path FROM accounts WHERE uri = ?")
      .get(`${sink.base}/users/rem`)!;
    upsertRemoteActor(s.ctx, {
      id: `${sink.base}/users/rem`,
      type: "Person",
      preferredUsername: "rem",
      inbox: `${sink.base}/users/rem/inbox`,
      icon: { type: "Image", url: `${sink.base}/img/poster.png` },
      image: { type: "Image", url: `${sink.base}/img/header.png` },
    });
    const mid = (await (await s.api("GET", `/api/v1/accounts/${before.id}`)).json()) as any;
    expect(mid.avatar).toBe(`${sink.base}/img/poster.png`);
    expect(mid.header.startsWith(`${s.url}/system/`)).toBe(true);
    await settle("media.cache_avatar");
    const after = (await (await s.api("GET", `/api/v1/accounts/${before.id}`)).json()) as any;
    expect(after.avatar.startsWith(`${s.url}/system/accounts/avatars/`)).toBe(true);
    expect(await s.ctx.storage.get(before.avatar_path)).toBeNull();
  });

  test("media.remove_remote_cache uncaches old attachments (images through the media proxy, which fetches them again) and keeps avatars", async () => {
    const keys = s.ctx.db
      .query<{ file_key: string | null; thumbnail_key: string | null }, [number]>(
        "SELECT file_key, thumbnail_key FROM media_attachments WHERE status_id = ?",
      )
      .all(statusId);
    const stored = keys.flatMap((k) => [k.file_key, k.thumbnail_key]).filter((k): k is string => !!k);
    expect(stored.length).toBe(3);
    clock += 8 * DAY;
    s.ctx.jobs.enqueue("media.remove_remote_cache", {});
    await s.drain();
    const [img, vid] = (await status(statusId)).media_attachments;
    expect(img).toMatchObject({
      url: `${s.url}/media_proxy/${img.id}/original`,
      preview_url: `${s.url}/media_proxy/${img.id}/small`,
      remote_url: `${sink.base}/img/photo.png`,
    });
    expect(vid).toMatchObject({ url: `${sink.base}/video/clip.mp4`, preview_url: `${sink.base}/video/clip.mp4` });
    for (const k of stored) expect(await s.ctx.storage.get(k)).toBeNull();
    expect(await decoded(img.url)).toMatchObject({ width: 1000, height: 800 });
    const account = (await status(statusId)).account;
    expect(account.avatar.startsWith(`${s.url}/system/accounts/avatars/`)).toBe(true);
    expect((await fetch(account.avatar)).status).toBe(200);
  });

  test("a 500 is retried a few times, then given up: remote URLs stay", async () => {
    const id = await remoteStatus(sink, [{ type: "Document", mediaType: "image/png", url: `${sink.base}/img/broken.png` }]);
    await settle("media.cache_remote");
    expect(sink.requests.filter((p) => p === "/img/broken.png").length).toBe(REMOTE_MEDIA_ATTEMPTS);
    const [m] = (await status(id)).media_attachments;
    expect(m).toMatchObject({
      url: `${sink.base}/img/broken.png`,
      preview_url: `${sink.base}/img/broken.png`,
      remote_url: `${sink.base}/img/broken.png`,
    });
  });

  test("a body that is not an image is not stored and not retried", async () => {
    const id = await remoteStatus(sink, [{ type: "Document", mediaType: "image/png", url: `${sink.base}/img/fake.png` }]);
    await s.drain();
    expect(s.count("jobs", "kind = 'media.cache_remote'")).toBe(0);
    expect(sink.requests.filter((p) => p === "/img/fake.png").length).toBe(1);
    expect(s.count("media_attachments", "status_id = ? AND (file_key IS NOT NULL OR thumbnail_key IS NOT NULL)", id)).toBe(0);
    const [m] = (await status(id)).media_attachments;
    expect(m).toMatchObject({ url: `${sink.base}/img/fake.png`, preview_url: `${sink.base}/img/fake.png` });
  });

  test("reject_media: nothing of the domain is downloaded, attachments keep their remote URL", async () => {
    // Stored before the block (jobs already queued), then one after it.
    const first = await remoteStatus(rejected, [{ type: "Document", mediaType: "image/png", url: `${rejected.base}/img/photo.png` }]);
    expect(s.count("jobs", "kind IN ('media.cache_remote', 'media.cache_avatar')")).toBe(2);
    blockDomain(s.ctx, { domain: rejected.host, severity: "noop", rejectMedia: true });
    const second = await remoteStatus(rejected, [{ type: "Document", mediaType: "image/png", url: `${rejected.base}/img/photo.png` }]);
    await settle("media.cache_remote");
    await settle("media.cache_avatar");
    expect(imageRequests(rejected)).toEqual([]);
    const [a] = (await status(first)).media_attachments;
    expect(a).toMatchObject({
      url: `${rejected.base}/img/photo.png`,
      preview_url: `${rejected.base}/img/photo.png`,
      remote_url: `${rejected.base}/img/photo.png`,
    });
    const v2 = await status(second);
    expect(v2.media_attachments[0]).toMatchObject({ type: "unknown", remote_url: `${rejected.base}/img/photo.png` });
    expect(v2.account.avatar.startsWith(`${s.url}/system/`)).toBe(false);
  });

  /** A freshly cached status on `sink`: its id and every stored key (attachments, avatar, header). */
  async function cachedStatus(): Promise<{ id: number; accountId: number; keys: string[] }> {
    const id = await remoteStatus(sink, [{ type: "Document", mediaType: "image/png", url: `${sink.base}/img/photo.png` }]);
    await settle("media.cache_remote");
    await settle("media.cache_avatar");
    const accountId = s.ctx.db.query<{ account_id: number }, [number]>("SELECT account_id FROM statuses WHERE id = ?").get(id)!.account_id;
    const keys = s.ctx.db
      .query<{ k: string }, [number, number]>(
        `SELECT file_key AS k FROM media_attachments WHERE status_id = ?1 UNION ALL SELECT thumbnail_key FROM media_attachments WHERE status_id = ?1
       UNION ALL SELECT avatar_path FROM accounts WHERE id = ?2 UNION ALL SELECT header_path FROM accounts WHERE id = ?2`,
      )
      .all(id, accountId)
      .map((r) => r.k);
    expect(keys.every((k) => typeof k === "string")).toBe(true);
    for (const k of keys) expect(await s.ctx.storage.get(k)).not.toBeNull();
    return { id, accountId, keys };
  }

  test("a deleted remote account's cached files are deleted", async () => {
    const { accountId, keys } = await cachedStatus();
    expect(keys.length).toBe(4);
    s.ctx.db.transaction(() => purgeAccount(s.ctx, accountId)).immediate();
    expect(s.count("jobs", "kind = 'media.delete_files'")).toBe(1);
    await s.drain();
    for (const k of keys) expect(await s.ctx.storage.get(k)).toBeNull();
  });

  test("blocking a domain's media clears what was cached from it", async () => {
    const { id, keys } = await cachedStatus();
    blockDomain(s.ctx, { domain: sink.host, severity: "silence", rejectMedia: true });
    await s.drain();
    for (const k of keys) expect(await s.ctx.storage.get(k)).toBeNull();
    const view = await status(id);
    expect(view.media_attachments[0]).toMatchObject({ url: `${sink.base}/img/photo.png`, preview_url: `${sink.base}/img/photo.png` });
    expect(view.account.avatar).not.toContain("/system/");
    expect(view.account.avatar).not.toContain(sink.base);
  });
});
