/**
 * Bench suite "ops" (issue 11): the figures a Raspberry Pi owner cares about, measured on the x64
 * binary (dist/hearth-linux-x64, built first with `make`) run as a user runs it, a copy outside
 * the tree on a data directory of its own:
 *   - start-up, from exec to the first 200 of GET /api/v1/instance, on an empty data directory and
 *     on a copy of the 1,000,000-status database (seed.ts, cached in .bench/; the cached file stays
 *     pristine), BENCH_OPS_RUNS (3) runs each after one unrecorded warm-up (the very first start
 *     unpacks libvips and ffmpeg to the temp dir), median reported;
 *   - the server's RSS when idle after start-up on each;
 *   - its RSS after BENCH_OPS_SECONDS (600) of mixed load on the big database, closed-loop clients
 *     in this process (home and public timelines, notifications, the instance document, posting,
 *     another local user mentioning the first so notifications keep coming) with
 *     BENCH_OPS_STREAMS (4) WebSocket streams open, and again after BENCH_OPS_IDLE_SECONDS (60) idle.
 * Everything is on 127.0.0.1 and bounded in time; the load average is printed next to each figure.
 * BENCH_OPS_BUN_OPTIONS (e.g. --smol) is handed to the binary as BUN_OPTIONS, to compare runtime settings.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyBigDb, median, mixedLoad, split, startBinary, streams, type Running } from "./binary-run";
import { BENCH, benchUser, fmt, LOCAL_DOMAIN, loadNote, num, printTable, ROOT, rssMb, rssSampler, withInstance } from "./lib";
import { baseDb } from "./seed-cache";

const P = {
  runs: num("BENCH_OPS_RUNS", 3),
  seconds: num("BENCH_OPS_SECONDS", 600),
  idleSeconds: num("BENCH_OPS_IDLE_SECONDS", 60),
  settleSeconds: num("BENCH_OPS_SETTLE_SECONDS", 5),
  streams: num("BENCH_OPS_STREAMS", 4),
  statuses: num("BENCH_STATUSES", 1_000_000),
  accounts: num("BENCH_ACCOUNTS", 10_000),
  follows: num("BENCH_FOLLOWS", 500),
};
const TARGET_START_MS = 300;
const TARGET_IDLE_RSS_MB = 60;
const TARGET_LOAD_RSS_MB = 150;

/** Measures start-up `P.runs` times (after a warm-up); each run gets `fresh()`'s data directory. */
async function startUps(
  label: string,
  bin: string,
  fresh: () => string,
  localDomain: string | null,
): Promise<{ warmUp: number; times: number[] }> {
  let warmUp = Number.NaN;
  const times: number[] = [];
  for (let i = 0; i <= P.runs; i++) {
    const dir = fresh();
    const s = await startBinary(bin, dir, localDomain, join(BENCH, `ops-${label}.log`));
    await s.stop();
    if (i > 0) times.push(s.startMs);
    else warmUp = s.startMs;
  }
  return { warmUp, times };
}

async function main(): Promise<void> {
  const built = Bun.spawnSync(["make", "-s", "-o", "node_modules/.hearth-installed", "dist/hearth-linux-x64"], {
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  });
  if (built.exitCode !== 0) throw new Error("make dist/hearth-linux-x64 failed");
  const base = await baseDb(P);
  mkdirSync(BENCH, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "hearth-bench-ops-"));
  const bigDir = join(BENCH, "run-ops");
  // A copy outside the tree, as a user would run it (and safe from a rebuild meanwhile).
  const bin = join(work, "hearth");
  copyFileSync(join(ROOT, "dist/hearth-linux-x64"), bin);
  Bun.spawnSync(["chmod", "755", bin]);
  const rows: string[][] = [];
  const row = (figure: string, value: number, unit: string, target: number | null, detail: string, load: string) =>
    rows.push([
      figure,
      `${fmt(value, unit === "ms" ? 0 : 1)} ${unit}`,
      target === null ? "-" : `< ${target} ${unit}`,
      target === null ? "" : value < target ? "met" : "NOT met",
      detail,
      load,
    ]);
  let server: Running | null = null;
  try {
    // 1. Start-up on an empty data directory, and idle RSS there.
    let n = 0;
    const emptyDir = () => {
      const d = join(work, `empty-${n++}`);
      mkdirSync(d);
      return d;
    };
    let load = loadNote();
    const empty = await startUps("empty", bin, emptyDir, null);
    row(
      "start-up, empty data directory",
      median(empty.times),
      "ms",
      null,
      `runs ${empty.times.map((t) => fmt(t, 0)).join(" ")} (warm-up ${fmt(empty.warmUp, 0)})`,
      load,
    );
    const e = await startBinary(bin, emptyDir(), null, join(BENCH, "ops-empty.log"));
    await Bun.sleep(P.settleSeconds * 1000);
    load = loadNote();
    row(
      "idle RSS after start-up, empty data directory",
      rssMb(e.pid),
      "MB",
      TARGET_IDLE_RSS_MB,
      `${split(e.pid)}, ${P.settleSeconds} s after start`,
      load,
    );
    await e.stop();

    // 2. Start-up on a copy of the 1M-status database: first on a fresh copy, then restarts.
    console.log(`copying the ${P.statuses.toLocaleString("en")}-status database to ${bigDir}`);
    copyBigDb(base.path, bigDir);
    load = loadNote();
    const big = await startUps("big", bin, () => bigDir, LOCAL_DOMAIN);
    row(
      `start-up, ${P.statuses.toLocaleString("en")}-status database`,
      median(big.times),
      "ms",
      TARGET_START_MS,
      `runs ${big.times.map((t) => fmt(t, 0)).join(" ")} (restarts; first start on the fresh copy ${fmt(big.warmUp, 0)})`,
      load,
    );

    // 3. Idle RSS on it, the mixed load, and idle again.
    const neighbour = await withInstance(bigDir, (ctx) => benchUser(ctx, "neighbour"));
    server = await startBinary(bin, bigDir, LOCAL_DOMAIN, join(BENCH, "ops-big.log"));
    await Bun.sleep(P.settleSeconds * 1000);
    load = loadNote();
    row(
      "idle RSS after start-up, 1M-status database",
      rssMb(server.pid),
      "MB",
      TARGET_IDLE_RSS_MB,
      `${split(server.pid)}, ${P.settleSeconds} s after start`,
      load,
    );
    console.log(`mixed load for ${P.seconds} s with ${P.streams} streams (${loadNote()})…`);
    const sampler = rssSampler(server.pid);
    const st = streams(server.base, base.meta.token, P.streams);
    // Load average and RSS every tenth of the run (every minute by default).
    const pid = server.pid;
    const loadAt: string[] = [loadNote()];
    const rssAt: number[] = [rssMb(pid)];
    const ticker = setInterval(
      () => {
        loadAt.push(loadNote());
        rssAt.push(rssMb(pid));
      },
      (P.seconds * 1000) / 10,
    );
    const results = await mixedLoad(server.base, base.meta.token, neighbour.token, P.seconds);
    clearInterval(ticker);
    loadAt.push(loadNote());
    rssAt.push(rssMb(pid));
    const afterLoad = rssMb(server.pid);
    const peak = Math.max(sampler.stop(), rssMb(server.pid, "VmHWM"));
    const events = st.events();
    const reconnects = st.reconnects();
    st.close();
    row(
      `RSS after ${P.seconds} s of mixed load`,
      afterLoad,
      "MB",
      TARGET_LOAD_RSS_MB,
      `${split(server.pid)}; peak ${fmt(peak)} MB`,
      loadAt[loadAt.length - 1]!,
    );
    await Bun.sleep(P.idleSeconds * 1000);
    load = loadNote();
    row(`RSS after ${P.idleSeconds} s idle following the load`, rssMb(server.pid), "MB", TARGET_LOAD_RSS_MB, split(server.pid), load);

    console.log(
      `\nMixed load on the x64 binary, ${P.statuses.toLocaleString("en")}-status database, ${P.seconds} s, ` +
        `${results.length} closed-loop groups (8 clients) and ${P.streams} streams (${events} events, ${reconnects} reconnects); ` +
        `load average every ${fmt(P.seconds / 10, 0)} s: ${loadAt.map((l) => l.replace(/^load | CPUs$/g, "")).join(", ")}`,
    );
    console.log(`server RSS every ${fmt(P.seconds / 10, 0)} s (MB): ${rssAt.map((r) => fmt(r, 0)).join(", ")}`);
    printTable(
      ["scenario", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "non-2xx", "errors"],
      results.map((r) => [
        r.name,
        String(r.requests),
        fmt(r.rps, 0),
        fmt(r.p50, 2),
        fmt(r.p99, 2),
        fmt(r.max, 0),
        String(Object.values(r.statuses).reduce((a, b) => a + b, 0)),
        String(r.errors),
      ]),
    );
    for (const r of results) if (r.firstProblem) console.log(`  ${r.name}: first problem: ${r.firstProblem}`);
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(bigDir, { recursive: true, force: true });
  }
  console.log(`\nOperations (issue 11): the x64 binary, started as a user starts it (${loadNote()} at the end)`);
  printTable(["figure", "measured", "target", "", "detail", "load when measured"], rows);
  process.exit(0);
}

await main();
