/** Real video/audio made at test time with the bundled FFmpeg (lavfi test pattern and sine tone). */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ffmpegPath } from "../../src/media/ffmpeg";
import type { TestServer } from "../rig";

/** A 1 s (or `seconds`) H.264 clip in MP4, with an AAC tone when `audio`. */
export async function clip(o: { width: number; height: number; seconds?: number; audio?: boolean }): Promise<Uint8Array<ArrayBuffer>> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-clip-"));
  const out = join(dir, "clip.mp4");
  const t = o.seconds ?? 1;
  const args = ["-f", "lavfi", "-i", `testsrc=size=${o.width}x${o.height}:rate=24:duration=${t}`];
  if (o.audio) args.push("-f", "lavfi", "-i", `sine=frequency=440:duration=${t}`, "-c:a", "aac");
  args.push("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4", out);
  try {
    const p = Bun.spawn([ffmpegPath(), "-nostdin", "-loglevel", "error", "-y", ...args], { stderr: "pipe" });
    if ((await p.exited) !== 0) throw new Error(await new Response(p.stderr).text());
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls GET /api/v1/media/:id until processing is over; returns the final response. */
export async function processed(s: TestServer, token: string, id: string): Promise<Response> {
  for (let i = 0; i < 200; i++) {
    const r = await s.api("GET", `/api/v1/media/${id}`, { token });
    if (r.status !== 206) return r;
    await Bun.sleep(50);
  }
  throw new Error(`media ${id} still processing`);
}

/** Runs FFmpeg on lavfi sources with `args` (inputs, codecs and `-f`) and returns the file it wrote. */
export async function ffmpegFile(args: string[]): Promise<Uint8Array<ArrayBuffer>> {
  const dir = mkdtempSync(join(tmpdir(), "hearth-clip-"));
  const out = join(dir, "out");
  try {
    const p = Bun.spawn([ffmpegPath(), "-nostdin", "-loglevel", "error", "-y", ...args, out], { stderr: "pipe" });
    if ((await p.exited) !== 0) throw new Error(await new Response(p.stderr).text());
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Half a second of test pattern / tone as lavfi inputs. */
export const PATTERN = ["-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=0.5"];
export const TONE = ["-f", "lavfi", "-i", "sine=frequency=440:duration=0.5"];

/** The iPhone-style HEIC fixture; `heif` rewrites its major brand to mif1 (a generic HEIF file). */
export function heicFixture(heif = false): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(readFileSync(join(import.meta.dir, "fixtures/photo.heic")));
  if (heif) b.set(new TextEncoder().encode("mif1"), 8);
  return b;
}
