/**
 * Image processing throughput (issue 4): photos of a few sizes uploaded through
 * POST /api/v1/media (always processed inline: auto-orient, strip metadata, re-encode, small
 * preview, blurhash) by a few concurrent clients, against the server in its own process.
 * Prints uploads/s, MB/s of uploaded bytes, latency and server CPU per upload, and RSS.
 * Bounded: BENCH_MEDIA_SECONDS (8) or BENCH_MEDIA_MAX (300) uploads per size, whichever first.
 * Knobs: BENCH_MEDIA_CLIENTS (4).
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { loadSharp } from "../../src/media/sharp";
import { BENCH, benchUser, cpuSeconds, fmt, loadNote, num, printTable, rssMb, rssSampler, startServer, withInstance } from "./lib";

const SECONDS = num("BENCH_MEDIA_SECONDS", 8);
const MAX = num("BENCH_MEDIA_MAX", 300);
const CLIENTS = num("BENCH_MEDIA_CLIENTS", 4);
const SIZES: { name: string; width: number; height: number; format: "jpeg" | "png" }[] = [
  { name: "JPEG 640x480", width: 640, height: 480, format: "jpeg" },
  { name: "JPEG 1920x1080", width: 1920, height: 1080, format: "jpeg" },
  { name: "JPEG 4032x3024 (downscaled)", width: 4032, height: 3024, format: "jpeg" },
  { name: "PNG 1280x720", width: 1280, height: 720, format: "png" },
];

/** A photo-like test image: smooth gradients plus noise, so it neither compresses to nothing nor is pure noise. */
async function makeImage(width: number, height: number, format: "jpeg" | "png"): Promise<Uint8Array> {
  const raw = Buffer.alloc(width * height * 3);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed >> 16) % 24;
      const o = (y * width + x) * 3;
      raw[o] = Math.min(255, ((x * 255) / width + n) | 0);
      raw[o + 1] = Math.min(255, ((y * 255) / height + n) | 0);
      raw[o + 2] = Math.min(255, (128 + 100 * Math.sin(x / 40) * Math.cos(y / 50) + n) | 0);
    }
  }
  const img = loadSharp()(raw, { raw: { width, height, channels: 3 } });
  return new Uint8Array(format === "jpeg" ? await img.jpeg({ quality: 88 }).toBuffer() : await img.png().toBuffer());
}

interface Row {
  name: string;
  bytes: number;
  uploads: number;
  failed: number;
  seconds: number;
  p50: number;
  p99: number;
  cpu: number;
  load: string;
  firstProblem: string | null;
}

async function measure(base: string, token: string, pid: number, name: string, body: Uint8Array, format: string): Promise<Row> {
  const load = loadNote();
  const latencies: number[] = [];
  let n = 0,
    failed = 0;
  let firstProblem: string | null = null;
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  const deadline = t0 + SECONDS * 1000;
  const client = async () => {
    while (n < MAX && performance.now() < deadline) {
      n++;
      const form = new FormData();
      form.append("file", new File([body as unknown as BlobPart], `bench.${format}`, { type: `image/${format}` }));
      form.append("description", "benchmark image");
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/media`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: form });
      const text = await res.text();
      latencies.push(performance.now() - t);
      if (res.status !== 200) {
        failed++;
        firstProblem ??= `${res.status} ${text.slice(0, 120)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return {
    name,
    bytes: body.length,
    uploads: n,
    failed,
    seconds,
    p50: q(0.5),
    p99: q(0.99),
    cpu: cpuSeconds(pid) - cpu0,
    load,
    firstProblem,
  };
}

async function main(): Promise<void> {
  const dataDir = join(BENCH, "run-media");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const { token } = await withInstance(dataDir, (ctx) => benchUser(ctx, "uploader"));
  const images = await Promise.all(SIZES.map((s) => makeImage(s.width, s.height, s.format)));
  const server = await startServer("media-server", dataDir);
  try {
    await Bun.sleep(500);
    const idle = rssMb(server.pid);
    const rss = rssSampler(server.pid);
    const rows: Row[] = [];
    for (let i = 0; i < SIZES.length; i++) {
      await measure(server.base, token, server.pid, "warm-up", images[i]!, SIZES[i]!.format).catch(() => undefined);
      rows.push(await measure(server.base, token, server.pid, SIZES[i]!.name, images[i]!, SIZES[i]!.format));
      process.stdout.write(".");
    }
    const peak = rss.stop();
    console.log(
      `\n\nMedia (issue 4): POST /api/v1/media (inline processing) with ${CLIENTS} concurrent clients, server in its own process`,
    );
    printTable(
      ["image", "file KB", "uploads", "failed", "uploads/s", "MB/s in", "p50 ms", "p99 ms", "CPU ms/upload", "load before"],
      rows.map((r) => [
        r.name,
        fmt(r.bytes / 1024, 0),
        String(r.uploads),
        String(r.failed),
        fmt(r.uploads / r.seconds, 1),
        fmt((r.uploads * r.bytes) / 1048576 / r.seconds, 2),
        fmt(r.p50, 0),
        fmt(r.p99, 0),
        fmt((r.cpu * 1000) / r.uploads, 0),
        r.load,
      ]),
    );
    for (const r of rows) if (r.firstProblem) console.log(`  ${r.name}: first failure ${r.firstProblem}`);
    console.log(
      `server RSS: idle ${fmt(idle)} MB, peak while processing ${fmt(peak)} MB (libvips uses worker threads: CPU ms/upload can exceed wall time)`,
    );
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
