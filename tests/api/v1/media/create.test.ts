import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadSharp } from "../../../../src/media/sharp";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { clip, processed } from "../../../media/clips";
import { animatedGif, contains, gradient, noiseJpeg } from "../../../media/fixtures";
import { filesUnder, upload } from "./helpers";

const sharp = () => loadSharp() as unknown as typeof import("sharp").default;
let s: TestServer;
let alice: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
});
afterAll(() => s.stop());

/** Fetches a media URL from the test server and returns its bytes. */
async function fetchBytes(url: string): Promise<Uint8Array<ArrayBuffer>> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

describe("POST /api/v2/media", () => {
  test("a small PNG is processed inline: 200 with url, preview, meta, blurhash, focus and description", async () => {
    const png = await gradient(800, 600, "png");
    const res = await upload(s, "/api/v2/media", alice.token, {
      file: { bytes: png, type: "image/png", name: "pic.png" },
      description: "A gradient",
      focus: "-0.5,0.25",
    });
    expect(res.status).toBe(200);
    const m = await res.json();
    expect(m.type).toBe("image");
    expect(m.url).toMatch(new RegExp(`^${s.url}/system/media_attachments/files/${m.id}/original/[0-9a-f]{16}\\.png$`));
    expect(m.preview_url).toContain(`/small/`);
    expect(m.description).toBe("A gradient");
    expect(m.meta.focus).toEqual({ x: -0.5, y: 0.25 });
    expect(m.meta.original).toEqual({ width: 800, height: 600, size: "800x600", aspect: 800 / 600 });
    // 640x360 area: 800x600 scaled by sqrt(230400/480000)
    expect(m.meta.small.width * m.meta.small.height).toBeLessThanOrEqual(230_400);
    expect(m.meta.small.aspect).toBeCloseTo(4 / 3, 1);
    expect(m.blurhash).toMatch(/^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{36}$/); // 4x4 components → 36 chars
    const small = await sharp()(await fetchBytes(m.preview_url)).metadata();
    expect([small.width, small.height]).toEqual([m.meta.small.width, m.meta.small.height]);
    expect(
      s.count("media_attachments", "id = ? AND account_id = ? AND status_id IS NULL AND processing = 0", Number(m.id), alice.account.id),
    ).toBe(1);
  });

  test("masto.js upload of a small image resolves with the processed attachment", async () => {
    const jpeg = await gradient(320, 200, "jpeg");
    const m = await alice.client.v2.media.create({ file: new Blob([jpeg], { type: "image/jpeg" }), description: "via masto" });
    expect(m.url).toContain("/original/");
    expect(m.description).toBe("via masto");
    expect(m.meta?.original?.width).toBe(320);
  });

  test("a large JPEG answers 202 with url null; masto.js polls until the job has processed it", async () => {
    const big = await noiseJpeg(4200, 2400); // 10 MP: above the inline threshold and the 3840x2160 area
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const raw = await upload(s, "/api/v2/media", alice.token, { file: { bytes: big, type: "image/jpeg", name: "big.jpg" } });
    expect(raw.status).toBe(202);
    const pending = await raw.json();
    expect(pending.url).toBeNull();
    expect(pending.preview_url).toContain("/small/");
    expect(pending.blurhash).toBeString();
    // The in-process runner may already hold the job: poll as a client would.
    let status = 0;
    for (let i = 0; i < 200 && status !== 200; i++) {
      await s.drain();
      status = (await s.api("GET", `/api/v1/media/${pending.id}`, { token: alice.token })).status;
      if (status === 206) await Bun.sleep(25);
    }
    expect(status).toBe(200);
    const done = await alice.client.v1.media.$select(pending.id).fetch();
    expect(done.url).toContain("/original/");
    expect(done.meta?.original?.width! * done.meta?.original?.height!).toBeLessThanOrEqual(8_294_400);
    expect(done.meta?.original?.aspect).toBeCloseTo(4200 / 2400, 2);
    const stored = await sharp()(await fetchBytes(done.url!)).metadata();
    expect(stored.width).toBe(done.meta!.original!.width!);
    expect(filesUnder(join(s.dataDir, "media-pending"))).toEqual([]);

    // masto.js's own polling path (it GETs until url is set)
    const medium = await noiseJpeg(2100, 2000); // 4.2 MP: still deferred
    const viaMasto = await alice.client.v2.media.create({ file: new Blob([medium], { type: "image/jpeg" }) });
    expect(viaMasto.url).toContain("/original/");
  }, 20_000);

  test("EXIF (GPS, camera) is stripped and the image auto-oriented", async () => {
    const jpeg = await gradient(120, 60, "jpeg", { gps: true, orientation: 6 });
    expect(contains(jpeg, "HearthCam")).toBe(true);
    expect((await sharp()(jpeg).metadata()).exif).toBeDefined();
    const res = await upload(s, "/api/v2/media", alice.token, { file: { bytes: jpeg, type: "image/jpeg", name: "gps.jpg" } });
    expect(res.status).toBe(200);
    const m = await res.json();
    expect(m.meta.original).toMatchObject({ width: 60, height: 120 });
    for (const url of [m.url, m.preview_url]) {
      const bytes = await fetchBytes(url);
      const meta = await sharp()(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(contains(bytes, "HearthCam")).toBe(false);
      expect(contains(bytes, "Exif")).toBe(false);
    }
  });

  test("a static GIF becomes a PNG image; an animated GIF becomes gifv (a silent MP4, as Mastodon converts them)", async () => {
    const res = await upload(s, "/api/v2/media", alice.token, {
      file: { bytes: await gradient(50, 40, "gif"), type: "image/gif", name: "a.gif" },
    });
    const m = await res.json();
    expect([res.status, m.type]).toEqual([200, "image"]);
    expect(m.url).toEndWith(".png");
    const gif = await animatedGif(40, 30);
    const res2 = await upload(s, "/api/v2/media", alice.token, { file: { bytes: gif, type: "image/gif", name: "anim.gif" } });
    const queued = await res2.json();
    expect([res2.status, queued.type, queued.url]).toEqual([202, "gifv", null]);
    const a = await (await processed(s, alice.token, queued.id)).json();
    expect(a.type).toBe("gifv");
    expect(a.url).toEndWith(".mp4");
    expect(a.meta.original).toMatchObject({ width: 40, height: 30 });
    expect(new TextDecoder().decode((await fetchBytes(a.url)).subarray(4, 8))).toBe("ftyp");
    expect(a.preview_url).toEndWith(".jpg");
  }, 30_000);

  test("mp4 without audio is gifv, with audio video; meta as Mastodon reports it; a custom thumbnail wins", async () => {
    let res = await upload(s, "/api/v2/media", alice.token, {
      file: { bytes: await clip({ width: 640, height: 360, seconds: 4 }), type: "video/mp4", name: "clip.mp4" },
    });
    expect(res.status).toBe(202);
    let m = await (await processed(s, alice.token, (await res.json()).id)).json();
    expect(m.type).toBe("gifv");
    expect(m.url).toEndWith(".mp4");
    expect(m.meta.original).toMatchObject({ width: 640, height: 360, frame_rate: "24/1" });
    expect(m.meta.original.duration).toBeCloseTo(4, 0);
    expect(m.meta).toMatchObject({ width: 640, height: 360, size: "640x360", fps: 24 });

    res = await upload(s, "/api/v2/media", alice.token, {
      file: { bytes: await clip({ width: 1280, height: 720, seconds: 2, audio: true }), type: "video/mp4", name: "talk.mp4" },
      thumbnail: { bytes: await gradient(1280, 720, "jpeg"), type: "image/jpeg", name: "t.jpg" },
    });
    expect(res.status).toBe(202);
    const queued = await res.json();
    m = await (await processed(s, alice.token, queued.id)).json();
    expect(m.type).toBe("video");
    expect(m.meta.original).toMatchObject({ width: 1280, height: 720, frame_rate: "24/1" });
    expect(m.meta.small).toMatchObject({ width: 640, height: 360 });
    expect(m.preview_url).toBe(queued.preview_url);
    expect(m.preview_url).toEndWith(".jpg");
    expect(m.blurhash).toBe(queued.blurhash);
  }, 30_000);

  test("v1 processes even large images inline and answers 200", async () => {
    const big = await gradient(2600, 1800, "jpeg");
    const res = await upload(s, "/api/v1/media", alice.token, { file: { bytes: big, type: "image/jpeg", name: "v1.jpg" } });
    expect(res.status).toBe(200);
    expect((await res.json()).url).toContain("/original/");
  });
});
