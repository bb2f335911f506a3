/**
 * Media CPU bounds: animations are capped by frame count, total decoded pixels and frame size
 * before any frame is decoded; every pipeline stops at MEDIA_PROCESSING_TIMEOUT; media jobs run
 * one at a time (MEDIA_JOBS) and the API keeps answering while a large image is processed.
 * Refusals answer 422 and leave no row, job or file behind.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadSharp } from "../../../../src/media/sharp";
import { animatedGifOf } from "../../../media/animations";
import { contains } from "../../../media/fixtures";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { filesUnder, upload } from "./helpers";

const sharp = () => loadSharp() as unknown as typeof import("sharp").default;

let s: TestServer;
let alice: TestUser;
/** The same server's settings with a one-second processing bound. */
let quick: TestServer;
let bob: TestUser;
/** 7680x4320 (the largest allowed image) of tiled noise, lossless: 40 KB, seconds to re-encode. */
let heavy: Uint8Array<ArrayBuffer>;

beforeAll(async () => {
  [s, quick] = await Promise.all([startTestServer(), startTestServer({ env: { MEDIA_PROCESSING_TIMEOUT: "1" } })]);
  alice = await s.createUser("alice");
  bob = await quick.createUser("bob");
  const tile = await sharp()(Buffer.from(crypto.getRandomValues(new Uint8Array(64 * 64 * 3))), {
    raw: { width: 64, height: 64, channels: 3 },
  })
    .png()
    .toBuffer();
  heavy = new Uint8Array(
    await sharp()({ create: { width: 7680, height: 4320, channels: 3, background: "#808080" } })
      .composite([{ input: tile, tile: true }])
      .webp({ lossless: true, effort: 0 })
      .toBuffer(),
  );
});
afterAll(async () => {
  await Promise.all([s.stop(), quick.stop()]);
});

const nothingWritten = (t: TestServer) => {
  expect(t.count("media_attachments")).toBe(0);
  expect(t.count("jobs", "kind = 'media.process'")).toBe(0);
  expect(filesUnder(join(t.dataDir, "media"))).toEqual([]);
  expect(filesUnder(join(t.dataDir, "media-pending"))).toEqual([]);
};

const file = (bytes: Uint8Array<ArrayBuffer>, type: string) => ({ file: { bytes, type, name: `upload.${type.split("/")[1]}` } });

/** Polls GET /api/v1/media/:id until it is no longer 206 (processing); returns the final response. */
async function processed(t: TestServer, token: string, id: string, limitMs = 60_000): Promise<Response> {
  const until = performance.now() + limitMs;
  for (;;) {
    const res = await t.api("GET", `/api/v1/media/${id}`, { token });
    if (res.status !== 206 || performance.now() > until) return res;
    await Bun.sleep(20);
  }
}

describe("animation caps (checked from the header)", () => {
  test("a 10,000-frame 64x64 GIF is refused at once with 422 and nothing stored", async () => {
    const bomb = await animatedGifOf(10_000, 64, 64);
    expect(bomb.length).toBeLessThan(16 * 1024 * 1024);
    for (const path of ["/api/v2/media", "/api/v1/media"]) {
      const t0 = performance.now();
      const res = await upload(s, path, alice.token, file(bomb, "image/gif"));
      const ms = performance.now() - t0;
      expect([res.status, (await res.json()).error]).toEqual([422, "Validation failed: File has too many animation frames"]);
      expect(ms).toBeLessThan(3000);
      console.log(`10,000-frame GIF (${(bomb.length / 1e6).toFixed(1)} MB) via ${path}: 422 in ${ms.toFixed(0)} ms`);
      nothingWritten(s);
    }
  });

  test("over 250 million pixels in all, or frames larger than 3840x2160: 422", async () => {
    let res = await upload(s, "/api/v2/media", alice.token, file(await animatedGifOf(300, 1000, 1000, { pattern: "flat" }), "image/gif"));
    expect([res.status, (await res.json()).error]).toEqual([422, "Validation failed: File has too many animation frames"]);
    res = await upload(s, "/api/v2/media", alice.token, file(await animatedGifOf(3, 4000, 2500, { pattern: "flat" }), "image/gif"));
    expect([res.status, (await res.json()).error]).toEqual([422, "Validation failed: File dimensions 4000x2500 are not supported"]);
    nothingWritten(s);
  });
});

describe("ordinary animations are kept", () => {
  test("a 60-frame 480x270 GIF becomes gifv (a silent MP4 without its comment block); an animated WebP is kept without its EXIF", async () => {
    const gif = await animatedGifOf(60, 480, 270, { comment: "SECRET-COMMENT" });
    let res = await upload(s, "/api/v2/media", alice.token, file(gif, "image/gif"));
    expect([200, 202]).toContain(res.status);
    let m = await res.json();
    m = await (await processed(s, alice.token, m.id)).json();
    expect([m.type, m.meta.original.width, m.meta.original.height]).toEqual(["gifv", 480, 270]);
    let stored = new Uint8Array(await (await fetch(m.url)).arrayBuffer());
    expect(contains(stored, "SECRET-COMMENT")).toBe(false);
    expect(contains(stored, "ftyp")).toBe(true);

    const frames = await Promise.all(
      ["#c0392b", "#27ae60", "#2980b9"].map((c) =>
        sharp()({ create: { width: 64, height: 48, channels: 3, background: c } })
          .png()
          .toBuffer(),
      ),
    );
    const webp = new Uint8Array(
      await sharp()(frames, { join: { animated: true } })
        .webp({ loop: 0, delay: 100 })
        .withExif({ IFD0: { Make: "HearthCam" } })
        .toBuffer(),
    );
    expect(contains(webp, "HearthCam")).toBe(true);
    res = await upload(s, "/api/v1/media", alice.token, file(webp, "image/webp"));
    expect(res.status).toBe(200);
    m = await res.json();
    stored = new Uint8Array(await (await fetch(m.url)).arrayBuffer());
    expect(contains(stored, "HearthCam")).toBe(false);
    const meta = await sharp()(stored).metadata();
    expect([meta.format, meta.pages, meta.exif]).toEqual(["webp", 3, undefined]);
  });

  test("the largest allowed animation (1000 frames of 500x500) goes to the job and is processed", async () => {
    const gif = await animatedGifOf(1000, 500, 500, { pattern: "flat" });
    const t0 = performance.now();
    const res = await upload(s, "/api/v2/media", alice.token, file(gif, "image/gif"));
    expect(res.status).toBe(202);
    const done = await processed(s, alice.token, (await res.json()).id);
    const ms = performance.now() - t0;
    expect(done.status).toBe(200);
    expect((await done.json()).meta.original).toMatchObject({ width: 500, height: 500 });
    expect(ms).toBeLessThan(30_000);
    console.log(
      `largest allowed animation (1000 x 500x500 = 250 Mpx, ${(gif.length / 1e6).toFixed(1)} MB): processed in ${ms.toFixed(0)} ms`,
    );
  }, 60_000);
});

describe("processing time and CPU", () => {
  test("MEDIA_PROCESSING_TIMEOUT: an allowed image that takes longer answers 422 (v1) or fails its job (v2), nothing kept", async () => {
    const t0 = performance.now();
    const res = await upload(quick, "/api/v1/media", bob.token, file(heavy, "image/webp"));
    expect([res.status, (await res.json()).error]).toEqual([422, "Validation failed: File could not be processed"]);
    expect(performance.now() - t0).toBeLessThan(10_000);
    nothingWritten(quick);

    const res2 = await upload(quick, "/api/v2/media", bob.token, file(heavy, "image/webp"));
    expect(res2.status).toBe(202);
    const done = await processed(quick, bob.token, (await res2.json()).id);
    expect(done.status).toBe(422);
    expect(filesUnder(join(quick.dataDir, "media-pending"))).toEqual([]);
    expect(filesUnder(join(quick.dataDir, "media")).filter((f) => f.includes("original"))).toEqual([]);
  }, 30_000);

  test("while large images are processed, media jobs run one at a time and the API keeps answering", async () => {
    // Jobs wait until both uploads are queued, so a runner would be free to start them together.
    const t = await startTestServer({ runJobs: false });
    const carol = await t.createUser("carol");
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await upload(t, "/api/v2/media", carol.token, file(heavy, "image/webp"));
      expect(res.status).toBe(202);
      ids.push((await res.json()).id);
    }
    t.server.runner.start();
    let maxParallel = 0;
    let peakRss = 0;
    const sampler = setInterval(() => {
      maxParallel = Math.max(maxParallel, sharp().counters().process);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 5);
    const latencies: number[] = [];
    const t0 = performance.now();
    let pending = true;
    const jobs = Promise.all(ids.map((id) => processed(t, carol.token, id))).finally(() => {
      pending = false;
    });
    while (pending) {
      const start = performance.now();
      const r = await t.api("GET", "/api/v1/instance");
      await r.arrayBuffer();
      latencies.push(performance.now() - start);
      await Bun.sleep(10);
    }
    const results = await jobs;
    clearInterval(sampler);
    await t.stop();
    const total = performance.now() - t0;
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(maxParallel).toBe(1);
    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(latencies.length / 2)]!;
    const max = latencies[latencies.length - 1]!;
    console.log(
      `two 7680x4320 images processed in ${total.toFixed(0)} ms; GET /api/v1/instance meanwhile: ${latencies.length} requests, ` +
        `p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms; sharp pipelines at once: ${maxParallel}; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(latencies.length).toBeGreaterThan(10);
    expect(max).toBeLessThan(1000);
  }, 60_000);
});
