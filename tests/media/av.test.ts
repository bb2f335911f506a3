/**
 * Video, audio and phone photos through /api/v2/media: real files made here with the bundled
 * FFmpeg (a 1 s H.264/AAC MOV, a VP9 WebM, a silent MP4, an MP3, a FLAC), an animated GIF made
 * with sharp, and an iPhone-style HEIC kept as a fixture (tests/media/fixtures/photo.heic, see
 * fixtures/README.md). Each is processed by the job, served, and described with the right type,
 * meta and preview; a truncated file and a container bomb get 422 and leave nothing behind.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ffmpegPath } from "../../src/media/ffmpeg";
import { loadSharp } from "../../src/media/sharp";
import { filesUnder, upload } from "../api/v1/media/helpers";
import { startTestServer, type TestServer, type TestUser } from "../rig";

// FFmpeg runs niced: a busy machine slows it down, never a passing run.
setDefaultTimeout(30_000);

let s: TestServer;
let alice: TestUser;
const dir = join(tmpdir(), `hearth-av-test-${process.pid}`);

async function ff(args: string[], out: string): Promise<Uint8Array<ArrayBuffer>> {
  const p = Bun.spawn([ffmpegPath(), "-nostdin", "-loglevel", "error", "-y", ...args, join(dir, out)], { stderr: "pipe" });
  if ((await p.exited) !== 0) throw new Error(await new Response(p.stderr).text());
  return new Uint8Array(readFileSync(join(dir, out)));
}
const testsrc = (size: string, seconds = 1) => ["-f", "lavfi", "-i", `testsrc=size=${size}:rate=30:duration=${seconds}`];
const tone = (seconds = 1) => ["-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`];

beforeAll(async () => {
  await Bun.$`mkdir -p ${dir}`;
  s = await startTestServer();
  alice = await s.createUser("alice");
});
afterAll(async () => {
  await s.stop();
  await Bun.$`rm -rf ${dir}`;
});

/** Uploads through v2 and waits for the job; returns the finished entity. */
async function uploadAndWait(
  bytes: Uint8Array<ArrayBuffer>,
  type: string,
  name: string,
  extra: Record<string, string> = {},
): Promise<Record<string, any>> {
  const res = await upload(s, "/api/v2/media", alice.token, { file: { bytes, type, name }, ...extra });
  expect([name, res.status]).toEqual([name, 202]);
  const { id } = (await res.json()) as { id: string };
  for (let i = 0; i < 200; i++) {
    const r = await s.api("GET", `/api/v1/media/${id}`, { token: alice.token });
    if (r.status === 200) return (await r.json()) as Record<string, any>;
    expect([name, r.status]).toEqual([name, 206]);
    await Bun.sleep(50);
  }
  throw new Error(`${name} still processing`);
}

async function served(url: string): Promise<Response> {
  const r = await fetch(url);
  expect(r.status).toBe(200);
  return r;
}

async function probe(bytes: Uint8Array, name: string): Promise<string> {
  await Bun.write(join(dir, name), bytes);
  const p = Bun.spawn([ffmpegPath(), "-hide_banner", "-i", join(dir, name)], { stderr: "pipe" });
  const err = await new Response(p.stderr).text();
  await p.exited;
  return err;
}

describe("video and audio uploads", () => {
  test("a phone's H.264/AAC MOV is remuxed to MP4 with faststart and gets a preview frame", async () => {
    const mov = await ff(
      [...testsrc("320x240"), ...tone(), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mov"],
      "in.mov",
    );
    const m = await uploadAndWait(mov, "video/quicktime", "IMG_0001.MOV", { focus: "0.5,-0.25" });
    expect(m.meta.focus).toEqual({ x: 0.5, y: -0.25 });
    expect(m.type).toBe("video");
    expect(m.url).toEndWith(".mp4");
    expect(m.preview_url).toBeTruthy();
    expect(m.blurhash).toBeString();
    expect(m.meta).toMatchObject({ width: 320, height: 240, size: "320x240", fps: 30, audio_channels: "mono", audio_bitrate: "44100 Hz" });
    expect(m.meta.duration).toBeCloseTo(1, 0);
    expect(m.meta.length).toMatch(/^0:00:0\d\.\d\d$/);
    expect(m.meta.audio_encode).toStartWith("aac");
    expect(m.meta.original).toMatchObject({ width: 320, height: 240, frame_rate: "30/1" });
    expect(m.meta.small.width).toBeGreaterThan(0);
    const body = new Uint8Array(await (await served(m.url)).arrayBuffer());
    // +faststart: the moov box comes before mdat.
    const text = Buffer.from(body.subarray(0, 4096)).toString("latin1");
    expect(text.indexOf("moov")).toBeGreaterThan(0);
    expect(text.indexOf("moov")).toBeLessThan(Buffer.from(body).toString("latin1").indexOf("mdat"));
    expect(await probe(body, "out.mp4")).toContain("Video: h264");
    const preview = await served(m.preview_url);
    expect(preview.headers.get("content-type")).toStartWith("image/");
  });

  test("a VP9 WebM becomes H.264 + AAC MP4", async () => {
    const webm = await ff(
      [...testsrc("256x144"), ...tone(), "-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus", "-f", "webm"],
      "in.webm",
    );
    const m = await uploadAndWait(webm, "video/webm", "clip.webm");
    expect(m.type).toBe("video");
    expect(m.meta).toMatchObject({ width: 256, height: 144 });
    expect(m.meta.audio_encode).toStartWith("aac");
    const out = await probe(new Uint8Array(await (await served(m.url)).arrayBuffer()), "vp9.mp4");
    expect(out).toContain("Video: h264");
    expect(out).toContain("Audio: aac");
    expect(m.preview_url).toBeTruthy();
  });

  test("a silent MP4 and an animated GIF become gifv", async () => {
    const silent = await ff([...testsrc("160x120"), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-an", "-f", "mp4"], "silent.mp4");
    const m = await uploadAndWait(silent, "video/mp4", "silent.mp4");
    expect(m.type).toBe("gifv");
    expect(m.meta.audio_encode).toBeUndefined();
    expect(m.preview_url).toBeTruthy();

    const sharp = loadSharp() as unknown as typeof import("sharp").default;
    const frames = await Promise.all(
      ["#c0392b", "#27ae60", "#2980b9"].map((c) =>
        sharp({ create: { width: 60, height: 40, channels: 3, background: c } })
          .raw()
          .toBuffer(),
      ),
    );
    const animated = new Uint8Array(
      await sharp(Buffer.concat(frames), { raw: { width: 60, height: 120, channels: 3, pageHeight: 40 } as never })
        .gif({ delay: [100, 100, 100], loop: 0 })
        .toBuffer(),
    );
    const g = await uploadAndWait(animated, "image/gif", "party.gif");
    expect(g.type).toBe("gifv");
    expect(g.url).toEndWith(".mp4");
    expect(g.meta).toMatchObject({ width: 60, height: 40 });
    expect(g.preview_url).toBeTruthy();
  });

  test("MP3 is kept as MP3, FLAC becomes MP3; a custom thumbnail is honoured", async () => {
    const mp3 = await ff([...tone(), "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"], "in.mp3");
    const a = await uploadAndWait(mp3, "audio/mpeg", "song.mp3");
    expect(a.type).toBe("audio");
    expect(a.url).toEndWith(".mp3");
    expect(a.meta.audio_encode).toBe("mp3");
    expect(a.meta.duration).toBeCloseTo(1, 0);
    expect(a.meta.original.bitrate).toBeGreaterThan(0);

    const flac = await ff([...tone(), "-c:a", "flac", "-f", "flac"], "in.flac");
    const sharp = loadSharp() as unknown as typeof import("sharp").default;
    const cover = new Uint8Array(
      await sharp({ create: { width: 80, height: 80, channels: 3, background: "#8e44ad" } })
        .png()
        .toBuffer(),
    );
    const res = await upload(s, "/api/v2/media", alice.token, {
      file: { bytes: flac, type: "audio/flac", name: "take.flac" },
      thumbnail: { bytes: cover, type: "image/png", name: "cover.png" },
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let f: Record<string, any> = {};
    for (let i = 0; i < 200; i++) {
      const r = await s.api("GET", `/api/v1/media/${id}`, { token: alice.token });
      if (r.status === 200) {
        f = (await r.json()) as Record<string, any>;
        break;
      }
      await Bun.sleep(50);
    }
    expect(f.type).toBe("audio");
    expect(f.url).toEndWith(".mp3");
    expect(f.meta.audio_encode).toBe("mp3");
    expect(f.preview_url).toBeTruthy();
    expect(f.meta.small).toMatchObject({ width: 80, height: 80 });
  });

  test("an iPhone HEIC photo becomes a JPEG", async () => {
    const heic = new Uint8Array(readFileSync(join(import.meta.dir, "fixtures/photo.heic")));
    const res = await upload(s, "/api/v2/media", alice.token, { file: { bytes: heic, type: "image/heic", name: "IMG_0002.HEIC" } });
    expect([200, 202]).toContain(res.status);
    const m = (await res.json()) as Record<string, any>;
    expect(m.type).toBe("image");
    expect(m.preview_url).toEndWith(".jpg");
    expect(m.meta.original.width).toBeGreaterThan(0);
    if (m.url) expect((await served(m.url)).headers.get("content-type")).toBe("image/jpeg");
  });

  test("a truncated file and a container bomb answer 422 and leave nothing behind", async () => {
    const mov = await ff([...testsrc("160x120"), ...tone(), "-c:v", "libx264", "-c:a", "aac", "-f", "mov"], "t.mov");
    // Cut before the moov box (FFmpeg writes it at the end): nothing to play.
    const truncated = mov.slice(0, Math.floor(mov.length / 2));
    // A 16x16 video declaring 20 minutes of frames: tiny on disk, a long transcode.
    const bomb = await ff(
      ["-f", "lavfi", "-i", "color=c=black:size=16x16:rate=1:duration=1300", "-c:v", "libx264", "-f", "mp4"],
      "bomb.mp4",
    );
    const before = filesUnder(s.dataDir).length;
    for (const [bytes, name] of [
      [truncated, "cut.mov"],
      [bomb, "bomb.mp4"],
    ] as const) {
      const res = await upload(s, "/api/v2/media", alice.token, { file: { bytes, type: "video/mp4", name } });
      expect([name, res.status]).toEqual([name, 422]);
    }
    expect(filesUnder(s.dataDir).length).toBe(before);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`hearth-av-${process.pid}-`))).toEqual([]);
    expect(existsSync(join(s.dataDir, "media-pending")) ? readdirSync(join(s.dataDir, "media-pending")) : []).toEqual([]);
  });
});
