/**
 * `make bench`: runs every benchmark suite, one after another, each as its own process with a
 * time cap, and prints their tables. Suites (scripts/bench/<name>.ts; missing files are skipped):
 *   http        issue 2: home/public timelines and posting on a 1M-status database (50 clients)
 *   streaming   issue 4: 1,000 WebSocket streams receiving a burst of 1,000 statuses
 *   media       issue 4: image uploads through POST /api/v1/media and /api/v2/media
 *   inbox       federation: signed activities POSTed to the inbox
 *   federation  federation: delivery fan-out to remote followers
 *   features    lists, grouped notifications, filters, followed tags, scheduled posts and the
 *               admin API on the 1M-status database plus features-seed.ts (50 clients)
 *   binary      issue 11: sizes of dist/hearth-linux-x64 and -arm64, start-up on an empty data
 *               directory (x64 natively, arm64 under qemu-aarch64-static)
 *   backup      issue 11: hearth backup / restore on the 1M-status database: time, size, and the
 *               latency a running server shows meanwhile
 *   ops         issue 11: the x64 binary's start-up (empty data directory, 1M-status database), idle
 *               RSS, and RSS after BENCH_OPS_SECONDS (600) of mixed load and after going idle;
 *               its cap is that load plus BENCH_SUITE_TIMEOUT
 *   memory      issues 11 and 17: the x64 binary's RSS (anonymous + file pages) on the 1M-status
 *               database: idle, under BENCH_MEMORY_CLIENTS (200) mixed clients, after BENCH_IDLE_SECONDS
 *               (300) idle, across a BENCH_SOAK_SECONDS (3600) soak and after it; its cap adds those times;
 *               skipped when perf runs too, whose table has these rows (BENCH_PERF_MEMORY_DBS)
 *   push        issue 12: Web Push deliveries per second to a receiver on 127.0.0.1 (aes128gcm, aesgcm)
 *   transcode   issue 12: a 30 s 1080p phone video (remux and HEVC → H.264) and a 12 MP HEIC photo:
 *               time, peak memory, and what the codecs add to the binaries
 *   search      issue 13: full-text search (word, phrase, operators, accounts) at 10 clients, FTS5
 *               index size, and POST /api/v1/statuses with and without the search triggers
 *   trends      issue 13: the trends.refresh job's run time on the 1M-status database
 *   instance    issue 17: CPU per request of the instance documents, custom emojis, NodeInfo,
 *               WebFinger and an actor document (server pinned to core 0, load to core 1)
 *   perf        issue 17: home/list/public timelines (limit 20, 40), grouped notifications and
 *               posting on a 10,000- and the 1,000,000-status database at 10 and 50 clients: req/s,
 *               p50, p99, CPU ms per request (server on core 0, load on core 1); posting's request
 *               alone (job runner paused: serve-paused.ts) and, below it, its jobs per post; then the
 *               memory suite's rows for the databases in BENCH_PERF_MEMORY_DBS ("1M"; "none" skips)
 *   web         issue 16: gzipped JS of the home screen's first load (budget 70 KB) and of each lazy
 *               chunk; Home's time to interactive on an emulated phone (CPU ×4, 1.6 Mbps/150 ms)
 * BENCH_ONLY=name[,name] picks suites; any other value is passed to the http suite as
 * BENCH_SCENARIO (e.g. BENCH_ONLY=home). BENCH_SUITE_TIMEOUT caps each suite (seconds, 300).
 * Every suite talks to 127.0.0.1 only and prints the load average next to its figures.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadNote, num, ROOT } from "./lib";

const SUITES = [
  "http",
  "streaming",
  "media",
  "inbox",
  "federation",
  "features",
  "binary",
  "backup",
  "ops",
  "memory",
  "push",
  "transcode",
  "search",
  "trends",
  "instance",
  "perf",
  "web",
];

function pick(only: string | undefined): { suites: string[]; env: Record<string, string> } {
  if (!only) return { suites: SUITES, env: {} };
  const wanted = only
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.every((w) => SUITES.includes(w))) return { suites: wanted, env: {} };
  return { suites: ["http"], env: { BENCH_SCENARIO: only } };
}

async function runSuite(name: string, env: Record<string, string>, capSeconds: number): Promise<string> {
  const file = join(import.meta.dir, `${name}.ts`);
  if (!existsSync(file)) return "skipped (no script)";
  console.log(`\n=== ${name} (${loadNote()}) ${"=".repeat(Math.max(0, 60 - name.length))}`);
  const t0 = performance.now();
  const proc = Bun.spawn([process.execPath, file], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
  const timer = setTimeout(() => {
    console.log(`\n${name}: still running after ${capSeconds} s, stopping it (figures above are partial)`);
    proc.kill("SIGTERM");
    setTimeout(() => {
      if (proc.exitCode === null) proc.kill("SIGKILL");
    }, 5000).unref();
  }, capSeconds * 1000);
  const code = await proc.exited;
  clearTimeout(timer);
  const secs = ((performance.now() - t0) / 1000).toFixed(0);
  return code === 0 ? `ok in ${secs} s` : `FAILED (exit ${code}) after ${secs} s`;
}

/** The time a long-running suite adds to BENCH_SUITE_TIMEOUT: its load and idle phases. */
function extraSeconds(suite: string): number {
  if (suite === "ops") return num("BENCH_OPS_SECONDS", 600) + num("BENCH_OPS_IDLE_SECONDS", 60);
  const memory = num("BENCH_MEMORY_LOAD_SECONDS", 60) + 2 * num("BENCH_IDLE_SECONDS", 300) + num("BENCH_SOAK_SECONDS", 3600);
  if (suite === "memory") return memory;
  // perf.ts runs the memory suite's phases for its table (memoryRows), once per database listed.
  if (suite === "perf") return memory * perfMemoryDbs().length;
  return 0;
}

/** The databases perf.ts adds memory rows for (BENCH_PERF_MEMORY_DBS, default "1M"; "none": none). */
const perfMemoryDbs = (): string[] => (process.env.BENCH_PERF_MEMORY_DBS ?? "1M").split(",").filter((d) => d && d !== "none");

async function main(): Promise<void> {
  const { suites, env } = pick(process.env.BENCH_ONLY);
  const cap = num("BENCH_SUITE_TIMEOUT", 300);
  console.log(`Hearth benchmarks: ${suites.join(", ")} (${loadNote()}; other work on the machine makes every figure pessimistic)`);
  const outcome: [string, string][] = [];
  let failed = false;
  for (const s of suites) {
    // The perf table has the memory suite's rows already (issue 17: one table): not twice an hour's soak.
    if (s === "memory" && suites.includes("perf") && perfMemoryDbs().length) {
      outcome.push([s, "in the perf suite's table (BENCH_PERF_MEMORY_DBS)"]);
      continue;
    }
    const r = await runSuite(s, env, cap + extraSeconds(s));
    if (r.startsWith("FAILED")) failed = true;
    outcome.push([s, r]);
  }
  console.log(`\n=== summary (${loadNote()})`);
  for (const [s, r] of outcome) console.log(`  ${s.padEnd(11)} ${r}`);
  process.exit(failed ? 1 : 0);
}

await main();
