/**
 * FFmpeg for video and audio: finds the binary (a system `ffmpeg` on the PATH first, else the
 * static build the single binary embeds — @ffmpeg-installer/linux-<arch>, unpacked once to the
 * same private cache dir as libvips — else the one in node_modules), runs it niced, with bounded
 * threads and a wall-clock timeout, and reads stream facts from its `-i` report (the static build
 * ships no ffprobe). Input formats are always named (`-f mov`…) and only the `file` protocol is
 * allowed, so a hostile upload cannot make FFmpeg open playlists, concat lists or URLs.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HEARTH_VERSION } from "../version";

let resolved: string | null = null;

/** The ffmpeg executable to run; throws when there is none. */
export function ffmpegPath(): string {
  if (resolved) return resolved;
  const system = Bun.which("ffmpeg");
  if (system) return (resolved = system);
  if (Bun.isStandaloneExecutable) return (resolved = unpackEmbedded());
  // From a checkout: the package installed for this machine.
  const local = join(import.meta.dir, "../../node_modules", `@ffmpeg-installer/linux-${process.arch}`, "ffmpeg");
  if (existsSync(local)) return (resolved = local);
  throw new Error("ffmpeg: no ffmpeg found (install ffmpeg or run make install)");
}

function unpackEmbedded(): string {
  const blob = Bun.embeddedFiles.find((f) => /^ffmpeg/.test((f as Blob & { name: string }).name));
  if (!blob) throw new Error("ffmpeg: not embedded in this binary (build it with `make build`)");
  const name = (blob as Blob & { name: string }).name; // content-hashed: a new build gets a new file
  const dir = join(tmpdir(), `hearth-${HEARTH_VERSION}-${process.getuid?.() ?? 0}`);
  const path = join(dir, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  const uid = process.getuid?.();
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) throw new Error(`ffmpeg: ${dir} is not a private directory`);
  if ((st.mode & 0o022) !== 0) chmodSync(dir, 0o700);
  if (!(existsSync(path) && statSync(path).size === blob.size)) {
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, readFileSync(`/$bunfs/root/${name}`), { mode: 0o700 });
    renameSync(tmp, path);
  }
  return path;
}

/** FFmpeg's demuxer name for each accepted container (never auto-detected). */
export const DEMUXERS: Record<string, string> = {
  mp4: "mov",
  mov: "mov",
  m4v: "mov",
  "3gp": "mov",
  m4a: "mov",
  webm: "matroska",
  mp3: "mp3",
  ogg: "ogg",
  wav: "wav",
  flac: "flac",
  aac: "aac",
  gif: "gif",
};

export class FfmpegError extends Error {}

/** The largest resident set an ffmpeg run reached (bytes), for the benchmark and diagnostics. */
export const ffmpegStats = { peakRssBytes: 0, runs: 0 };

/** How FFmpeg runs: thread count (MEDIA_THREADS, at most 2) and a timeout in seconds. */
export interface FfmpegBounds {
  threads: number;
  timeoutSeconds: number;
}

/** Runs ffmpeg with `args`; resolves stdout and stderr (stderr capped), rejects FfmpegError on failure or timeout. */
export async function runFfmpeg(args: string[], bounds: FfmpegBounds, allowFail = false): Promise<{ stdout: Uint8Array; stderr: string }> {
  const nice = Bun.which("nice");
  const cmd = [ffmpegPath(), "-nostdin", "-hide_banner", "-threads", String(bounds.threads), ...args];
  const proc = Bun.spawn(nice ? [nice, "-n", "10", ...cmd] : cmd, { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill("SIGKILL");
  }, bounds.timeoutSeconds * 1000);
  try {
    const [out, err] = await Promise.all([new Response(proc.stdout).arrayBuffer(), new Response(proc.stderr).text()]);
    const code = await proc.exited;
    const usage = proc.resourceUsage();
    ffmpegStats.runs++;
    if (usage) ffmpegStats.peakRssBytes = Math.max(ffmpegStats.peakRssBytes, usage.maxRSS); // bytes (Bun)
    const stderr = err.length > 65536 ? err.slice(0, 65536) : err;
    if (timedOut) throw new FfmpegError("timed out");
    if (code !== 0 && !allowFail) throw new FfmpegError(lastLine(stderr) || `exit ${code}`);
    return { stdout: new Uint8Array(out), stderr };
  } finally {
    clearTimeout(timer);
  }
}

const lastLine = (s: string) => s.trim().split("\n").pop()?.trim() ?? "";

/** Input arguments for a file of a known container. */
export function inputArgs(path: string, ext: string): string[] {
  const f = DEMUXERS[ext];
  if (!f) throw new FfmpegError(`unsupported container ${ext}`);
  return ["-protocol_whitelist", "file", "-f", f, "-i", path];
}

/** What FFmpeg's report says about a file. */
export interface AvProbe {
  duration?: number;
  bitrate?: number;
  video?: { codec: string; pixFmt?: string; width: number; height: number; fps?: number; frameRate?: string; rotate?: number };
  audio?: { codec: string; encode: string; sampleRate?: string; channels?: string; bitrate?: number };
}

/** Reads streams from `ffmpeg -i` (exit status 1 with no output file is expected). */
export async function probeAv(path: string, ext: string, bounds: FfmpegBounds): Promise<AvProbe> {
  const { stderr } = await runFfmpeg([...inputArgs(path, ext)], { ...bounds, timeoutSeconds: Math.min(bounds.timeoutSeconds, 30) }, true);
  return parseProbe(stderr);
}

/** Parses FFmpeg's input report; throws FfmpegError when the input could not be opened. */
export function parseProbe(stderr: string): AvProbe {
  if (!/^Input #0/m.test(stderr)) throw new FfmpegError(lastLine(stderr) || "unreadable");
  const out: AvProbe = {};
  const d = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  if (d) out.duration = Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]);
  const br = /Duration: [^\n]*bitrate: (\d+) kb\/s/.exec(stderr);
  if (br) out.bitrate = Number(br[1]) * 1000;
  for (const line of stderr.split("\n")) {
    const v = /Stream #0:\d+[^:]*: Video: (.+)$/.exec(line);
    if (v && !out.video) {
      const desc = v[1]!;
      if (/\(attached pic\)/.test(line)) continue; // cover art in audio files
      const size = /, (\d{1,6})x(\d{1,6})/.exec(desc);
      const fps = /, ([\d.]+k?) (?:fps|tbr)/.exec(desc);
      const fpsValue = fps ? (fps[1]!.endsWith("k") ? Number(fps[1]!.slice(0, -1)) * 1000 : Number(fps[1])) : undefined;
      out.video = {
        codec: desc.split(/[ ,]/)[0]!,
        pixFmt: /, (yuv\w+|rgb\w+|bgr\w+|pal8|gray\w*|nv12)/.exec(desc)?.[1],
        width: size ? Number(size[1]) : 0,
        height: size ? Number(size[2]) : 0,
        fps: fpsValue,
        frameRate: fpsValue ? fraction(fpsValue) : undefined,
      };
    }
    const a = /Stream #0:\d+[^:]*: Audio: (.+)$/.exec(line);
    if (a && !out.audio) {
      const parts = a[1]!.split(", ");
      const abr = /(\d+) kb\/s/.exec(a[1]!);
      out.audio = {
        codec: parts[0]!.split(" ")[0]!,
        encode: parts[0]!,
        sampleRate: parts.find((p) => / Hz$/.test(p)),
        channels: parts[2],
        bitrate: abr ? Number(abr[1]) * 1000 : undefined,
      };
    }
    const rot = /rotate\s*:\s*(-?\d+)/.exec(line);
    if (rot && out.video) out.video.rotate = Number(rot[1]);
  }
  return out;
}

/** 29.97 → "30000/1001", 30 → "30/1", as Mastodon's frame_rate strings. */
function fraction(fps: number): string {
  if (Number.isInteger(fps)) return `${fps}/1`;
  for (const base of [1001, 100, 1000]) {
    const num = Math.round(fps * base);
    if (Math.abs(num / base - fps) < 0.006) return `${num}/${base}`;
  }
  return `${Math.round(fps * 1000)}/1000`;
}

/** Runs the ffmpeg in use and checks its encoders; resolves to e.g. "ffmpeg N-47683-g0e8eb07980-static (embedded), libx264 aac libmp3lame". */
export async function ffmpegSelfTest(): Promise<string> {
  const path = ffmpegPath();
  const where = Bun.isStandaloneExecutable && !Bun.which("ffmpeg") ? "embedded" : path;
  const { stdout } = await runFfmpeg(["-encoders"], { threads: 1, timeoutSeconds: 60 });
  const encoders = new TextDecoder().decode(stdout);
  const missing = ["libx264", "aac", "libmp3lame"].filter((e) => !new RegExp(`^ A?V?\\S* +${e} `, "m").test(encoders));
  if (missing.length) throw new Error(`ffmpeg at ${path} lacks the ${missing.join(", ")} encoder(s)`);
  const { stdout: v } = await runFfmpeg(["-version"], { threads: 1, timeoutSeconds: 60 });
  const version = /ffmpeg version (\S+)/.exec(new TextDecoder().decode(v))?.[1] ?? "unknown";
  return `ffmpeg ${version} (${where}), libx264 aac libmp3lame`;
}
