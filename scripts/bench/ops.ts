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
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { BENCH, benchUser, fmt, freePort, LOCAL_DOMAIN, loadNote, num, printTable, ROOT, rssMb, rssSampler, withInstance } from "./lib";
import { runLoad, type LoadResult, type Scenario } from "./load";
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

interface Running {
  proc: Subprocess;
  pid: number;
  base: string;
  /** ms from spawn to the first 200 of GET /api/v1/instance. */
  startMs: number;
  stop(): Promise<void>;
}

/** Execs the binary on `dataDir` and waits for the first 200 of /api/v1/instance. */
async function startBinary(bin: string, dataDir: string, localDomain: string | null, log: string): Promise<Running> {
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = Bun.file(log);
  const t0 = performance.now();
  const proc = Bun.spawn([bin, "serve"], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? dataDir,
      PORT: String(port),
      BIND: "127.0.0.1",
      PROTOCOL: "http",
      LOCAL_DOMAIN: localDomain ?? `127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      RATE_LIMITS: "false",
      LOG_LEVEL: "warn",
      // BENCH_OPS_BUN_OPTIONS (e.g. --smol) goes to the binary's runtime as BUN_OPTIONS.
      ...(process.env.BENCH_OPS_BUN_OPTIONS ? { BUN_OPTIONS: process.env.BENCH_OPS_BUN_OPTIONS } : {}),
    },
    stdin: "ignore",
    stdout: out,
    stderr: out,
  });
  const stop = async () => {
    if (proc.exitCode === null) proc.kill("SIGTERM");
    await Promise.race([proc.exited, Bun.sleep(15_000)]);
    if (proc.exitCode === null) proc.kill("SIGKILL");
  };
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`binary exited with ${proc.exitCode}; see ${log}`);
    if (performance.now() - t0 > 60_000) {
      await stop();
      throw new Error(`binary did not answer within 60 s; see ${log}`);
    }
    const res = await fetch(`${base}/api/v1/instance`).catch(() => null);
    if (res?.status === 200) {
      const startMs = performance.now() - t0;
      await res.arrayBuffer();
      return { proc, pid: proc.pid, base, startMs, stop };
    }
    await res?.arrayBuffer();
    await Bun.sleep(5);
  }
}

/** RSS split: anonymous memory (heap, SQLite cache) and file pages (the binary's code and data). */
const split = (pid: number): string => `anon ${fmt(rssMb(pid, "RssAnon"))} + file ${fmt(rssMb(pid, "RssFile"))} MB`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** A fresh copy of the cached 1M-status database in `dataDir` (the binary migrates and writes). */
function copyBigDb(src: string, dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(src, join(dataDir, "hearth.sqlite"));
  if (existsSync(`${src}-wal`)) copyFileSync(`${src}-wal`, join(dataDir, "hearth.sqlite-wal"));
}

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

/** Keeps `n` WebSocket streams open (reconnecting) and counts their events until `close()`. */
function streams(base: string, token: string, n: number): { events: () => number; reconnects: () => number; close(): void } {
  const kinds = ["user", "public:local", "user", "public"];
  let events = 0,
    reconnects = 0,
    open = true;
  const socks: WebSocket[] = [];
  const connect = (i: number) => {
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/v1/streaming?stream=${kinds[i % kinds.length]}`, [token]);
    ws.onmessage = () => {
      events++;
    };
    ws.onclose = () => {
      if (!open) return;
      reconnects++;
      setTimeout(() => open && connect(i), 500);
    };
    socks[i] = ws;
  };
  for (let i = 0; i < n; i++) connect(i);
  return {
    events: () => events,
    reconnects: () => reconnects,
    close: () => {
      open = false;
      for (const ws of socks) ws?.close();
    },
  };
}

/** The mixed load: one closed-loop group per scenario, all at once, for `seconds`. */
async function mixedLoad(base: string, token: string, neighbourToken: string, seconds: number): Promise<LoadResult[]> {
  const auth = { Authorization: `Bearer ${token}` };
  const json = { "Content-Type": "application/json" };
  const groups: [Scenario, number][] = [
    [{ name: "GET /api/v1/timelines/home", method: "GET", url: `${base}/api/v1/timelines/home`, headers: auth }, 2],
    [{ name: "GET /api/v1/timelines/public", method: "GET", url: `${base}/api/v1/timelines/public`, headers: auth }, 2],
    [{ name: "GET /api/v1/notifications", method: "GET", url: `${base}/api/v1/notifications`, headers: auth }, 1],
    [{ name: "GET /api/v1/instance", method: "GET", url: `${base}/api/v1/instance` }, 1],
    [
      {
        name: "POST /api/v1/statuses",
        method: "POST",
        url: `${base}/api/v1/statuses`,
        headers: { ...auth, ...json },
        body: (i) => JSON.stringify({ status: `ops bench post ${i} #hearth`, visibility: "public" }),
      },
      1,
    ],
    [
      {
        name: "POST /api/v1/statuses (mention)",
        method: "POST",
        url: `${base}/api/v1/statuses`,
        headers: { Authorization: `Bearer ${neighbourToken}`, ...json },
        body: (i) => JSON.stringify({ status: `@bench hello ${i}`, visibility: i % 2 ? "public" : "unlisted" }),
      },
      1,
    ],
  ];
  // Generous per-group caps: the time bound is what stops the load.
  const maxRequests = Math.max(10_000, seconds * 2_000);
  return Promise.all(groups.map(([s, clients]) => runLoad(s, { clients, seconds, maxRequests })));
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
