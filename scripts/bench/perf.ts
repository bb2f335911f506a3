/**
 * Issue 17's timelines suite: home, list and public timelines (limit 20 and 40), grouped
 * notifications and POST /api/v1/statuses on a 10,000-status and the 1,000,000-status database
 * (seed.ts + features-seed.ts, cached in .bench/), at 10 and 50 clients, with the server pinned
 * to core 0 and this load generator to core 1. Prints one table: requests/s, p50, p99 and server
 * CPU ms per request (utime + stime from /proc before and after). POST rows run on a server whose
 * job runner is paused (serve-paused.ts), so they count the request alone; the row under each
 * gives the CPU of the jobs those posts queued (fan-out, delivery, notifications), run afterwards
 * (SIGUSR2), per post. Memory rows join the table through `memoryRows`.
 * Knobs: BENCH_SECONDS (per row, 3), BENCH_PERF_DBS (e.g. "10k" or "1M"), BENCH_SCENARIO,
 * BENCH_PERF_MEMORY_DBS and the memory suite's (see memoryRows).
 */
import { Database } from "bun:sqlite";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { BENCH, type BenchServer, cpuSeconds, fmt, loadNote, num, printTable, startServer } from "./lib";
import { runLoad, type Scenario } from "./load";
import { baseDb, derivedDb, type BaseSize } from "./seed-cache";
import { seedFeatures, type FeaturesMeta } from "./features-seed";
import { memoryBinary, memoryKnobs, memoryPhases, verdict } from "./memory";

const SECONDS = num("BENCH_SECONDS", 3);
const CLIENTS = [10, 50];
const pinned = availableParallelism() >= 2 && !!Bun.which("taskset");
/** Issue 17's targets: CPU ms per request of reads and posts, and the read p99 at 50 clients. */
const TARGET = { readCpuMs: 0.3, postCpuMs: 0.5, p99Ms: 10 };

/** The two data sets: `name` keeps their caches apart (seed-cache.ts). */
const DATABASES: { label: string; name: string; features: string; size: BaseSize }[] = [
  { label: "10k", name: "perf10k", features: "perf10k-features", size: { statuses: 10_000, accounts: 2_000, follows: 100 } },
  { label: "1M", name: "seed", features: "features-seed", size: { statuses: 1_000_000, accounts: 10_000, follows: 500 } },
];

/** One line of the table (columns: see HEAD). */
export type PerfRow = string[];
const HEAD = ["endpoint", "db", "clients", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "non-2xx/err", "load before"];

/**
 * The memory rows (issues 11 and 17: RSS idle, under load, after the idle minutes, after the soak)
 * in this table: the memory suite's phases (memory.ts `memoryPhases`, with its knobs
 * BENCH_MEMORY_CLIENTS, BENCH_MEMORY_LOAD_SECONDS, BENCH_IDLE_SECONDS, BENCH_SOAK_SECONDS) run on
 * the x64 binary, started fresh on a copy of `db`'s base data set and pinned like this suite's
 * server, after the timeline rows. The perf server (`bun src/main.ts`, warmed by the timeline
 * rows) is not what the targets are about: they are the binary's, from start-up on. Only for the
 * databases in BENCH_PERF_MEMORY_DBS (default "1M"; "none" skips them). The RSS and its target go
 * in the first cell, the load's clients and req/s in theirs; the anon/file split is printed before
 * the table.
 */
export async function memoryRows(_server: BenchServer, db: string): Promise<PerfRow[]> {
  const d = DATABASES.find((x) => x.label === db);
  if (!d || !(process.env.BENCH_PERF_MEMORY_DBS ?? "1M").split(",").includes(db)) return [];
  const knobs = memoryKnobs();
  console.log(
    `\nmemory rows on the ${db} database: the x64 binary, ${knobs.clients} clients for ${knobs.loadSeconds} s, soak ${knobs.soakSeconds} s`,
  );
  const { figures, notes } = await memoryPhases(memoryBinary(), await baseDb(d.size, d.name), knobs, pinned ? { cpus: "0" } : {});
  for (const n of [...notes, ...figures.map((f) => `${f.figure}: ${f.detail}`)]) console.log(`  ${n}`);
  return figures.map((f) => {
    const target = f.target === null ? "" : ` (< ${f.target} MB: ${verdict(f)})`;
    const rps = f.rps === undefined ? "-" : fmt(f.rps, 0);
    return [
      `RSS ${f.figure}: ${fmt(f.mb)} MB${target}`,
      db,
      f.clients ? String(f.clients) : "-",
      rps,
      "-",
      "-",
      "-",
      "-",
      f.load.replace("load ", ""),
    ];
  });
}

function scenarios(base: string, m: FeaturesMeta): Scenario[] {
  const auth = { Authorization: `Bearer ${m.token}` };
  const get = (name: string, path: string): Scenario => ({ name, method: "GET", url: `${base}${path}`, headers: auth });
  const rows: Scenario[] = [];
  for (const limit of [20, 40]) {
    rows.push(get(`GET home limit=${limit}`, `/api/v1/timelines/home?limit=${limit}`));
    rows.push(get(`GET list limit=${limit}`, `/api/v1/timelines/list/${m.listId}?limit=${limit}`));
    rows.push(get(`GET public limit=${limit}`, `/api/v1/timelines/public?limit=${limit}`));
  }
  rows.push(get("GET v2 notifications (grouped)", "/api/v2/notifications"));
  rows.push({
    name: "POST /api/v1/statuses",
    method: "POST",
    url: `${base}/api/v1/statuses`,
    headers: { ...auth, "Content-Type": "application/json" },
    body: (i) => JSON.stringify({ status: `perf post ${i} #hearth`, visibility: "public" }),
  });
  return rows;
}

/** Jobs waiting in the queue of the database at `path`. */
function queuedJobs(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    return db.query<{ n: number }, []>("SELECT count(*) AS n FROM jobs WHERE run_at <= strftime('%s','now') * 1000 + 60000").get()!.n;
  } finally {
    db.close();
  }
}

/** Calls `start`, then waits until the queue is empty (at most `maxMs`); returns the server CPU seconds meanwhile. */
async function drain(server: BenchServer, path: string, maxMs: number, start = () => {}): Promise<{ cpu: number; jobs: number }> {
  const cpu0 = cpuSeconds(server.pid);
  const jobs = queuedJobs(path);
  start();
  const until = Date.now() + maxMs;
  while (queuedJobs(path) > 0 && Date.now() < until) await Bun.sleep(50);
  return { cpu: cpuSeconds(server.pid) - cpu0, jobs };
}

async function runDatabase(d: (typeof DATABASES)[number], out: PerfRow[]): Promise<void> {
  const base = await baseDb(d.size, d.name);
  const db = await derivedDb(d.features, base, join(import.meta.dir, "features-seed.ts"), (dir) => {
    console.log(`adding the features data set to the ${d.label} database (once; cached in .bench/)`);
    return seedFeatures(dir, base.meta, (msg) => console.log(msg));
  });
  const dataDir = join(BENCH, `run-perf-${d.label}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "hearth.sqlite");
  copyFileSync(db.path, path); // POSTs must not touch the cached seed
  const only = process.env.BENCH_SCENARIO ?? "";
  let server = await startServer(`perf-${d.label}-server`, dataDir, {}, pinned ? { cpus: "0" } : {});
  try {
    await Bun.sleep(500);
    const all = scenarios(server.base, db.meta).filter((x) => x.name.includes(only));
    for (const s of all.filter((x) => x.method !== "POST"))
      for (const clients of CLIENTS) {
        await runLoad(s, { clients, seconds: 0.5, maxRequests: 20_000 }); // warm-up, not recorded
        await measure(server, s, clients, d.label, out);
        process.stdout.write(".");
      }
    out.push(...(await memoryRows(server, d.label)));
    const posts = all.filter((x) => x.method === "POST");
    if (posts.length) {
      // Posting: the request alone on a server whose runner is paused, then the jobs it queued.
      await server.stop();
      server = await startServer(
        `perf-${d.label}-paused`,
        dataDir,
        {},
        { ...(pinned ? { cpus: "0" } : {}), entry: ["scripts/bench/serve-paused.ts"] },
      );
      await Bun.sleep(500);
      const runJobs = (maxMs: number) => drain(server, path, maxMs, () => process.kill(server.pid, "SIGUSR2"));
      for (const s0 of posts) {
        const s = { ...s0, url: s0.url.replace(/^http:\/\/[^/]+/, server.base) };
        for (const clients of CLIENTS) {
          await runLoad(s, { clients, seconds: 0.5, maxRequests: 20_000 }); // warm-up, not recorded
          await runJobs(60_000);
          const r = await measure(server, { ...s, name: `${s.name} (request)` }, clients, d.label, out);
          const j = await runJobs(120_000);
          out.push([
            "  its jobs, run after the load",
            d.label,
            String(clients),
            "-",
            "-",
            "-",
            fmt((j.cpu * 1000) / Math.max(1, r.requests), 3),
            `${j.jobs} jobs`,
            "-",
          ]);
          process.stdout.write(".");
        }
      }
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `s` at `clients` for SECONDS and adds its row; returns the load's result. */
async function measure(server: BenchServer, s: Scenario, clients: number, label: string, out: PerfRow[]) {
  const load = loadNote().replace("load ", "");
  const cpu0 = cpuSeconds(server.pid);
  const r = await runLoad(s, { clients, seconds: SECONDS, maxRequests: 1_000_000 });
  const cpuMs = ((cpuSeconds(server.pid) - cpu0) * 1000) / Math.max(1, r.requests);
  const bad = Object.values(r.statuses).reduce((a, b) => a + b, 0) + r.errors;
  out.push([s.name, label, String(clients), fmt(r.rps, 0), fmt(r.p50, 2), fmt(r.p99, 2), fmt(cpuMs, 3), String(bad), load]);
  if (r.firstProblem) console.log(`  ${s.name} (${label}, ${clients}): first problem: ${r.firstProblem}`);
  return r;
}

async function main(): Promise<void> {
  mkdirSync(BENCH, { recursive: true });
  if (pinned) Bun.spawnSync(["taskset", "-a", "-p", "-c", "1", String(process.pid)], { stdout: "ignore" });
  const want = (process.env.BENCH_PERF_DBS ?? "10k,1M").split(",");
  const rows: PerfRow[] = [];
  for (const d of DATABASES.filter((x) => want.includes(x.label))) await runDatabase(d, rows);
  console.log(
    `\ntimelines, notifications, posting (${pinned ? "server on core 0, load on core 1" : "not pinned"}; ${SECONDS} s per row; ${loadNote()} at the end)`,
  );
  printTable(HEAD, rows);
  console.log(
    `targets: reads <= ${TARGET.readCpuMs} CPU ms/req and p99 < ${TARGET.p99Ms} ms at 50 clients; POST <= ${TARGET.postCpuMs} CPU ms/req in the request ` +
      "(runner paused during the load); the row under it is the CPU of the jobs those posts queued, run afterwards, per post",
  );
}

await main();
