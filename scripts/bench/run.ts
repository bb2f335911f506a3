/**
 * `make bench`: seeds (or reuses from .bench/) a 1M-status database, starts `bun src/main.ts
 * serve` as a separate process on 127.0.0.1, drives three scenarios with 50 concurrent clients
 * and prints throughput, p50/p99 latency and the server's idle and peak RSS.
 * Knobs (env): BENCH_SECONDS, BENCH_CLIENTS, BENCH_STATUSES, BENCH_ACCOUNTS, BENCH_FOLLOWS,
 * BENCH_ONLY (run scenarios whose name contains it), BENCH_PROFILE=1 (server CPU profile in .bench/).
 */
import { createHash } from "node:crypto";
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import type { Subprocess } from "bun";
import { MIGRATIONS } from "../../src/db/migration-files";
import { runLoad, type LoadResult, type Scenario } from "./load";
import { seed, type SeedResult } from "./seed";

const ROOT = resolve(import.meta.dir, "../..");
const BENCH = join(ROOT, ".bench");
const LOCAL_DOMAIN = "bench.local";
const num = (k: string, d: number) => (process.env[k] ? Number(process.env[k]) : d);
const P = {
  seconds: num("BENCH_SECONDS", 10),
  clients: num("BENCH_CLIENTS", 50),
  statuses: num("BENCH_STATUSES", 1_000_000),
  accounts: num("BENCH_ACCOUNTS", 10_000),
  follows: num("BENCH_FOLLOWS", 500),
};
const MAX_REQUESTS = 500_000;
/** Other work on the machine skews every figure; reported with the table. */
const LOAD_BEFORE = loadavg()[0]!;
const TARGET_HOME_P99_MS = 20;
const TARGET_IDLE_RSS_MB = 80;

/** Seeds once per (schema, seed script, size) and caches the database under .bench/. */
async function seededDb(): Promise<{ path: string; meta: SeedResult }> {
  const key = createHash("sha256")
    .update(MIGRATIONS.map((m) => m.sql).join("\n"))
    .update(readFileSync(join(import.meta.dir, "seed.ts")))
    .update(JSON.stringify([P.statuses, P.accounts, P.follows]))
    .digest("hex").slice(0, 12);
  const dir = join(BENCH, `seed-${key}`);
  if (existsSync(join(dir, "seed.json"))) {
    console.log(`using cached seed ${dir}`);
    return { path: join(dir, "hearth.sqlite"), meta: JSON.parse(readFileSync(join(dir, "seed.json"), "utf8")) };
  }
  // A new schema or seed script makes older caches useless; they are 500 MB each.
  for (const old of readdirSync(BENCH)) if (/^(seed|seeding)-/.test(old)) rmSync(join(BENCH, old), { recursive: true, force: true });
  const tmp = join(BENCH, `seeding-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  console.log(`seeding ${P.statuses.toLocaleString("en")} statuses from ${P.accounts.toLocaleString("en")} accounts (once; cached in .bench/)`);
  const t = performance.now();
  const meta = await seed({ dataDir: tmp, localDomain: LOCAL_DOMAIN, ...P, log: (m) => console.log(m) });
  writeFileSync(join(tmp, "seed.json"), JSON.stringify(meta));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { path: join(dir, "hearth.sqlite"), meta };
}

function freePort(): number {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const p = s.port!;
  s.stop(true);
  return p;
}

/** Resident set size of a process in MB (0 if it is gone). */
function rssMb(pid: number, field = "VmRSS"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

async function waitReady(url: string, proc: Subprocess, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}; see .bench/server.log`);
    try { await fetch(url); return; } catch { await Bun.sleep(100); }
  }
  throw new Error("server did not start; see .bench/server.log");
}

async function main() {
  mkdirSync(BENCH, { recursive: true });
  const { path, meta } = await seededDb();
  const dataDir = join(BENCH, "run");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(path, join(dataDir, "hearth.sqlite")); // POSTs must not touch the cached seed
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFd = openSync(join(BENCH, "server.log"), "w");
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof-md", `--cpu-prof-dir=${BENCH}`] : [];
  const server = Bun.spawn([process.execPath, ...profile, "src/main.ts", "serve"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), BIND: "127.0.0.1", PROTOCOL: "http", LOCAL_DOMAIN, DATA_DIR: dataDir, RATE_LIMITS: "false", LOG_LEVEL: "warn" },
    stdin: "ignore", stdout: logFd, stderr: logFd,
  });
  const stop = () => { if (server.exitCode === null) server.kill("SIGTERM"); };
  process.on("SIGINT", () => { stop(); process.exit(130); });
  try {
    await waitReady(`${base}/api/v1/instance`, server);
    await Bun.sleep(1000);
    const idleRss = rssMb(server.pid);
    const auth = { Authorization: `Bearer ${meta.token}` };
    const scenarios: Scenario[] = [
      { name: "GET /api/v1/timelines/home", method: "GET", url: `${base}/api/v1/timelines/home`, headers: auth },
      { name: "GET /api/v1/timelines/public", method: "GET", url: `${base}/api/v1/timelines/public`, headers: auth },
      { name: "POST /api/v1/statuses", method: "POST", url: `${base}/api/v1/statuses`, headers: { ...auth, "Content-Type": "application/json" },
        body: (i) => JSON.stringify({ status: `bench post ${i} #hearth`, visibility: "public" }) },
    ];
    const results: (LoadResult & { cpu: number })[] = [];
    let peakRss = idleRss;
    for (const s of scenarios.filter((x) => x.name.includes(process.env.BENCH_ONLY ?? ""))) {
      await runLoad(s, { clients: Math.min(P.clients, 10), seconds: 1, maxRequests: 2000 }); // warm-up, not recorded
      const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssMb(server.pid)); }, 100);
      const cpu0 = cpuSeconds(server.pid);
      const r = await runLoad(s, { clients: P.clients, seconds: P.seconds, maxRequests: MAX_REQUESTS });
      results.push({ ...r, cpu: (cpuSeconds(server.pid) - cpu0) / r.seconds });
      clearInterval(sampler);
      process.stdout.write(".");
    }
    peakRss = Math.max(peakRss, rssMb(server.pid, "VmHWM"));
    console.log("\n");
    report(results, meta, idleRss, peakRss);
  } finally {
    stop();
    await Promise.race([server.exited, Bun.sleep(5000)]);
    if (server.exitCode === null) server.kill("SIGKILL");
    closeSync(logFd);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: (LoadResult & { cpu: number })[], meta: SeedResult, idleRss: number, peakRss: number) {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "-");
  console.log(`Hearth bench: ${P.statuses.toLocaleString("en")} statuses, ${P.accounts.toLocaleString("en")} accounts, home feed ${meta.homeFeedRows.toLocaleString("en")} rows; ` +
    `${P.clients} clients x ${P.seconds} s per scenario on 127.0.0.1, ${availableParallelism()} CPUs shared by server and clients`);
  const head = ["scenario", "req/s", "p50 ms", "p99 ms", "max ms", "requests", "non-2xx", "errors", "server CPU"];
  const rows = results.map((r) => [r.name, f(r.rps, 0), f(r.p50, 2), f(r.p99, 2), f(r.max, 1), String(r.requests),
    String(Object.values(r.statuses).reduce((a, b) => a + b, 0)), String(r.errors), `${f(r.cpu * 100, 0)}%`]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  if (LOAD_BEFORE > availableParallelism() / 2) console.log(`note: load average was ${LOAD_BEFORE.toFixed(1)} on ${availableParallelism()} CPUs before the run: other work competes, figures are pessimistic`);
  console.log(line(head));
  console.log(w.map((n) => "-".repeat(n)).join("  "));
  for (const r of rows) console.log(line(r));
  for (const r of results) {
    if (r.firstProblem) console.log(`  ${r.name}: ${JSON.stringify(r.statuses)} ${r.errors} errors; first: ${r.firstProblem}`);
  }
  console.log(`\nserver RSS: idle ${f(idleRss)} MB, peak under load ${f(peakRss)} MB`);
  const home = results.find((r) => r.name.includes("/home"));
  if (!home) return;
  const homeOk = home.ok === home.requests && home.p99 < TARGET_HOME_P99_MS;
  console.log(`target home p99 < ${TARGET_HOME_P99_MS} ms at ${P.clients} concurrent: ${homeOk ? "met" : "NOT met"} (${f(home.p99, 2)} ms${home.ok < home.requests ? `, ${home.requests - home.ok} failed requests` : ""})`);
  console.log(`target idle RSS < ${TARGET_IDLE_RSS_MB} MB: ${idleRss < TARGET_IDLE_RSS_MB ? "met" : "NOT met"} (${f(idleRss)} MB)`);
}

await main();
