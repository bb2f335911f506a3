/**
 * configuration.media_attachments.supported_mime_types advertises exactly what uploads accept:
 * the list equals the pipeline's SUPPORTED_MIME_TYPES, a file of every advertised type uploads
 * and is detected as that type (a type added to the list needs a sample here), and HEIC,
 * QuickTime and FLAC, refused without a transcoder, are then not advertised.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { analyzeUpload } from "../../../../src/media/analyze";
import { SUPPORTED_MIME_TYPES } from "../../../../src/media/limits";
import { loadSharp } from "../../../../src/media/sharp";
import { ffmpegFile, heicFixture, PATTERN, TONE } from "../../../media/clips";
import { gradient, mp4 } from "../../../media/fixtures";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { upload } from "../media/helpers";

let s: TestServer;
let alice: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
});
afterAll(() => s.stop());

const sharp = () => loadSharp() as unknown as typeof import("sharp").default;

/** A WAVE file: RIFF header, 16-bit mono fmt chunk, a little silence. */
function wav(): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(44 + 800);
  const dv = new DataView(b.buffer);
  b.set(new TextEncoder().encode("RIFF"), 0);
  dv.setUint32(4, b.length - 8, true);
  b.set(new TextEncoder().encode("WAVEfmt "), 8);
  dv.setUint32(16, 16, true);
  dv.setUint16(20, 1, true);
  dv.setUint16(22, 1, true);
  dv.setUint32(24, 8000, true);
  dv.setUint32(28, 16000, true);
  dv.setUint16(32, 2, true);
  dv.setUint16(34, 16, true);
  b.set(new TextEncoder().encode("data"), 36);
  dv.setUint32(40, 800, true);
  return b;
}

/** One file of each accepted type, named by the type it must be detected as. */
async function sample(type: string): Promise<Uint8Array<ArrayBuffer>> {
  switch (type) {
    case "image/jpeg":
      return gradient(40, 30, "jpeg");
    case "image/png":
      return gradient(40, 30, "png");
    case "image/gif":
      return gradient(40, 30, "gif");
    case "image/webp":
      return gradient(40, 30, "webp");
    case "image/avif":
      return new Uint8Array(
        await sharp()(await gradient(40, 30, "png"))
          .avif({ effort: 0 })
          .toBuffer(),
      );
    case "image/heic":
      return heicFixture();
    case "image/heif":
      return heicFixture(true);
    case "video/mp4":
      return ffmpegFile([...PATTERN, ...TONE, "-c:v", "libx264", "-c:a", "aac", "-f", "mp4"]);
    case "video/quicktime":
      return ffmpegFile([...PATTERN, ...TONE, "-c:v", "libx264", "-c:a", "aac", "-f", "mov"]);
    case "video/x-m4v":
      return ffmpegFile([...PATTERN, ...TONE, "-c:v", "libx264", "-c:a", "aac", "-brand", "M4V ", "-f", "mp4"]);
    case "video/3gpp":
      return ffmpegFile([...PATTERN, ...TONE, "-c:v", "libx264", "-c:a", "aac", "-f", "3gp"]);
    case "video/webm":
      return ffmpegFile([...PATTERN, ...TONE, "-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus", "-f", "webm"]);
    case "audio/mpeg":
      return ffmpegFile([...TONE, "-c:a", "libmp3lame", "-f", "mp3"]);
    case "audio/ogg":
      return ffmpegFile([...TONE, "-c:a", "libopus", "-f", "ogg"]);
    case "audio/mp4":
      return ffmpegFile([...TONE, "-c:a", "aac", "-brand", "M4A ", "-f", "ipod"]);
    case "audio/aac":
      return ffmpegFile([...TONE, "-c:a", "aac", "-f", "adts"]);
    case "audio/wav":
      return wav();
    case "audio/flac":
      return ffmpegFile([...TONE, "-c:a", "flac", "-f", "flac"]);
    case "audio/webm":
      return ffmpegFile([...TONE, "-c:a", "libopus", "-f", "webm"]);
  }
  throw new Error(`no sample for advertised type ${type}`);
}

/** Minimal containers of types Mastodon lists that need a transcoder: ftyp "heic", ftyp "qt  ", "fLaC". */
const TRANSCODER_TYPES: Record<string, Uint8Array<ArrayBuffer>> = {
  "image/heic": mp4({ width: 64, height: 64, seconds: 1, frames: 1, brand: "heic" }),
  "video/quicktime": mp4({ width: 320, height: 240, seconds: 1, frames: 10, audio: true, brand: "qt  " }),
  "audio/flac": new Uint8Array([...new TextEncoder().encode("fLaC"), 0x80, 0, 0, 34, ...new Array(34).fill(0)]),
};

const advertisedTypes = async (path = "/api/v2/instance"): Promise<string[]> =>
  (await (await s.api("GET", path)).json()).configuration.media_attachments.supported_mime_types;

describe("supported_mime_types", () => {
  test("v1 and v2 instance advertise exactly the accepted list (SUPPORTED_MIME_TYPES of the media pipeline)", async () => {
    for (const path of ["/api/v2/instance", "/api/v1/instance"]) expect(await advertisedTypes(path)).toEqual([...SUPPORTED_MIME_TYPES]);
  });

  test("a file of every advertised type is detected as that type and uploads", async () => {
    const advertised = await advertisedTypes();
    expect(advertised.length).toBeGreaterThan(0);
    for (const type of advertised) {
      const bytes = await sample(type);
      expect([type, (await analyzeUpload(bytes, type, undefined)).mime]).toEqual([type, type]);
      const res = await upload(s, "/api/v1/media", alice.token, { file: { bytes, type, name: "sample" } });
      expect([type, res.status]).toEqual([type, 200]);
    }
  }, 30_000);

  test("HEIC, QuickTime and FLAC are advertised only when they are accepted (without a transcoder: refused and absent)", async () => {
    const advertised = await advertisedTypes();
    for (const [type, bytes] of Object.entries(TRANSCODER_TYPES)) {
      if (advertised.includes(type)) continue; // then the test above uploaded a real one
      const res = await upload(s, "/api/v1/media", alice.token, { file: { bytes, type, name: "sample" } });
      expect([type, res.status]).toEqual([type, 422]);
      if (type === "image/heic") expect(advertised).not.toContain("image/heif");
    }
  });
});
