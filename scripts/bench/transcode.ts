/**
 * Video and photo transcoding (issue 12), through the same functions the media job runs:
 *   - a 30 s 1080p phone video: H.264/AAC MOV (remuxed, as most Android phones' files are) and
 *     HEVC/AAC MOV (an iPhone's default, transcoded to H.264 at MEDIA_THREADS ≤ 2, niced);
 *   - a 12 MP (4032x3024) HEIC photo decoded (libheif in WebAssembly) to JPEG.
 * Prints wall time, ffmpeg's peak RSS (from the child's rusage) and this process's peak RSS, and
 * the size the codecs add to each binary (the embedded static ffmpeg; heic-decode's WebAssembly).
 * The inputs are made first with the bundled ffmpeg (x264/x265 ultrafast) and `heif-enc` (Debian's
 * libheif-examples; the HEIC row is skipped without it). Knob: BENCH_TRANSCODE_THREADS (1).
 */
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { transcodeAv } from "../../src/media/av";
import { ffmpegPath, ffmpegStats } from "../../src/media/ffmpeg";
import { heicToJpeg } from "../../src/media/heic";
import { loadSharp } from "../../src/media/sharp";
import { BENCH, fmt, loadNote, num, printTable, ROOT } from "./lib";

const THREADS = num("BENCH_TRANSCODE_THREADS", 1);
const dir = join(BENCH, "transcode");

async function run(cmd: string[]): Promise<void> {
  const p = Bun.spawn(cmd, { stdout: "ignore", stderr: "pipe" });
  if ((await p.exited) !== 0) throw new Error(`${cmd[0]}: ${await new Response(p.stderr).text()}`);
}

function peakSelfMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

const MB = (b: number) => b / 1024 / 1024;

async function video(name: string, vcodec: string[]): Promise<string[]> {
  const input = join(dir, `${name.replace(/[^A-Za-z0-9]+/g, "-")}.mov`);
  await run([
    ffmpegPath(),
    "-nostdin",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=1920x1080:rate=30:duration=30",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:duration=30",
    ...vcodec,
    "-c:a",
    "aac",
    "-f",
    "mov",
    input,
  ]);
  ffmpegStats.peakRssBytes = 0;
  const t0 = performance.now();
  const out = await transcodeAv(input, "mov", "video", { threads: THREADS, timeoutSeconds: 3600 });
  const secs = (performance.now() - t0) / 1000;
  const row = [
    name,
    `${fmt(MB(statSync(input).size))} MB`,
    `${fmt(MB(statSync(out.path).size))} MB`,
    fmt(secs, 1),
    fmt(MB(ffmpegStats.peakRssBytes), 0),
  ];
  rmSync(out.path, { force: true });
  rmSync(input, { force: true });
  return row;
}

async function heic(): Promise<string[]> {
  if (!Bun.which("heif-enc")) return ["HEIC 4032x3024 → JPEG", "-", "-", "skipped (no heif-enc)", "-"];
  const w = 4032;
  const h = 3024;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([(x * 255) / w, (y * 255) / h, (x ^ y) & 255], (y * w + x) * 3);
  const jpg = join(dir, "photo.jpg");
  const heicPath = join(dir, "photo.heic");
  await (loadSharp() as unknown as typeof import("sharp").default)(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 90 })
    .toFile(jpg);
  await run(["heif-enc", "-q", "50", "-o", heicPath, jpg]);
  const bytes = new Uint8Array(await Bun.file(heicPath).arrayBuffer());
  const before = peakSelfMb();
  const t0 = performance.now();
  const out = await heicToJpeg(bytes);
  const secs = (performance.now() - t0) / 1000;
  return [
    "HEIC 4032x3024 → JPEG",
    `${fmt(MB(bytes.length))} MB`,
    `${fmt(MB(out.length))} MB`,
    fmt(secs, 1),
    `${fmt(peakSelfMb(), 0)} (process; ${fmt(before, 0)} before)`,
  ];
}

function codecSizes(): string[][] {
  const size = (p: string) => {
    try {
      return `${fmt(MB(statSync(p).size))} MB`;
    } catch {
      return "not installed";
    }
  };
  const staged = join(process.env.HOME ?? "", ".cache/hearth-build");
  const arm = Bun.spawnSync([
    "sh",
    "-c",
    `ls -d ${staged}/linux-arm64-*ffmpeg*/node_modules/@ffmpeg-installer/linux-arm64/ffmpeg 2>/dev/null | head -1`,
  ])
    .stdout.toString()
    .trim();
  return [
    ["ffmpeg linux-x64 (embedded)", size(join(ROOT, "node_modules/@ffmpeg-installer/linux-x64/ffmpeg"))],
    ["ffmpeg linux-arm64 (embedded)", arm ? size(arm) : "not staged (make build)"],
    ["heic-decode (libheif WebAssembly, both)", size(join(ROOT, "node_modules/libheif-js/libheif-wasm/libheif-bundle.js"))],
  ];
}

mkdirSync(dir, { recursive: true });
console.log(`transcode: ${loadNote()}, ffmpeg threads ${THREADS}, niced`);
const rows = [
  await video("1080p30 H.264/AAC MOV, 30 s (remux)", ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]),
  await video("1080p30 HEVC/AAC MOV, 30 s (→ H.264)", ["-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-tag:v", "hvc1"]),
  await heic(),
];
printTable(["input", "in", "out", "seconds", "peak RSS MB"], rows);
printTable(["codec", "added to the binary"], codecSizes());
rmSync(dir, { recursive: true, force: true });
