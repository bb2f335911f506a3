/**
 * Bench suite "memory" (issues 11 and 17): the x64 binary's resident memory on a copy of the
 * 1,000,000-status database, each figure split into anonymous memory (JS heap, malloc, SQLite's
 * cache) and file pages (the binary's own code, mapped from disk):
 *   - idle after start-up;
 *   - under BENCH_MEMORY_CLIENTS (200) mixed closed-loop clients for BENCH_MEMORY_LOAD_SECONDS (60)
 *     with BENCH_OPS_STREAMS (4) streams open (at the end and the peak);
 *   - 60 s and BENCH_IDLE_SECONDS (300) after going idle;
 *   - across a soak of BENCH_SOAK_SECONDS (3600) of the ops suite's mixed load (8 clients): RSS
 *     every tenth, the growth from the end of the first tenth to the end, and after the soak;
 *   - BENCH_IDLE_SECONDS after the soak.
 * BENCH_MEMORY_BIN uses that binary instead of building dist/hearth-linux-x64 (to measure an
 * earlier build); BENCH_MEMORY_CPUS (e.g. "0") pins it with taskset. Everything is on 127.0.0.1;
 * the load average is printed next to each figure. The phases are exported (`memoryPhases`): the
 * perf suite (perf.ts) runs them too and puts their rows in its table.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyBigDb, mixedLoad, split, startBinary, streams, type Running } from "./binary-run";
import { BENCH, benchUser, fmt, LOCAL_DOMAIN, loadNote, num, printTable, ROOT, rssMb, rssSampler, withInstance } from "./lib";
import type { LoadResult } from "./load";
import { baseDb, type CachedDb } from "./seed-cache";
import type { SeedResult } from "./seed";

/** The suite's knobs (see the module comment). */
export interface MemoryKnobs {
  clients: number;
  loadSeconds: number;
  idleSeconds: number;
  soakSeconds: number;
  settleSeconds: number;
  streams: number;
}

export const memoryKnobs = (): MemoryKnobs => ({
  clients: num("BENCH_MEMORY_CLIENTS", 200),
  loadSeconds: num("BENCH_MEMORY_LOAD_SECONDS", 60),
  idleSeconds: num("BENCH_IDLE_SECONDS", 300),
  soakSeconds: num("BENCH_SOAK_SECONDS", 3600),
  settleSeconds: num("BENCH_OPS_SETTLE_SECONDS", 5),
  streams: num("BENCH_OPS_STREAMS", 4),
});
const SIZE = {
  statuses: num("BENCH_STATUSES", 1_000_000),
  accounts: num("BENCH_ACCOUNTS", 10_000),
  follows: num("BENCH_FOLLOWS", 500),
};
const TARGET_IDLE_MB = 60;
const TARGET_LOAD_MB = 150;
const TARGET_AFTER_IDLE_MB = 80;
/** "No growth": what the soak may add between the end of its first tenth and its end. */
const TARGET_GROWTH_MB = 10;

/** One measured figure: RSS (or growth) in MB, its target (null: none), details and the load average. */
export interface MemoryFigure {
  figure: string;
  mb: number;
  target: number | null;
  detail: string;
  load: string;
  /** The load it was measured under, if any: clients and requests per second. */
  clients?: number;
  rps?: number;
}

/** Requests, errors and non-2xx answers of a load, as one short note. */
const loadSummary = (rs: LoadResult[]): string => {
  const requests = rs.reduce((a, r) => a + r.requests, 0);
  const errors = rs.reduce((a, r) => a + r.errors, 0);
  const non2xx = rs.reduce((a, r) => a + Object.values(r.statuses).reduce((x, y) => x + y, 0), 0);
  return `${requests} requests (${fmt(loadRps(rs), 0)}/s), ${non2xx} non-2xx, ${errors} errors`;
};
const loadRps = (rs: LoadResult[]): number => rs.reduce((a, r) => a + r.requests, 0) / Math.max(...rs.map((r) => r.seconds));

/** Waits `seconds`, noting RSS every `every` seconds; returns the samples (MB). */
async function idle(pid: number, seconds: number, every: number): Promise<number[]> {
  const at: number[] = [];
  for (let t = 0; t < seconds; t += every) {
    await Bun.sleep(Math.min(every, seconds - t) * 1000);
    at.push(rssMb(pid));
  }
  return at;
}

/** The binary to measure: BENCH_MEMORY_BIN, or dist/hearth-linux-x64 built now. */
export function memoryBinary(): string {
  if (process.env.BENCH_MEMORY_BIN) return process.env.BENCH_MEMORY_BIN;
  const built = Bun.spawnSync(["make", "-s", "-o", "node_modules/.hearth-installed", "dist/hearth-linux-x64"], {
    cwd: ROOT,
    stdout: "inherit",
    stderr: "inherit",
  });
  if (built.exitCode !== 0) throw new Error("make dist/hearth-linux-x64 failed");
  return join(ROOT, "dist/hearth-linux-x64");
}

/**
 * The suite's phases (see the module comment) on a copy of `seed` served by the binary `binSrc`
 * (pinned to `cpus` when given): idle, under load, going idle, the soak, idle after it.
 * Returns the figures in that order and notes (RSS series, load averages).
 */
export async function memoryPhases(
  binSrc: string,
  seed: CachedDb<SeedResult>,
  P: MemoryKnobs,
  opts: { cpus?: string } = {},
): Promise<{ figures: MemoryFigure[]; notes: string[] }> {
  mkdirSync(BENCH, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "hearth-bench-memory-"));
  const dir = join(BENCH, `run-memory-${process.pid}`);
  const bin = join(work, "hearth");
  copyFileSync(binSrc, bin);
  Bun.spawnSync(["chmod", "755", bin]);
  const figures: MemoryFigure[] = [];
  const row = (figure: string, mb: number, target: number | null, detail: string, under?: { clients: number; rps: number }) =>
    figures.push({ figure, mb, target, detail, load: loadNote(), ...under });
  const notes: string[] = [];
  let server: Running | null = null;
  try {
    copyBigDb(seed.path, dir);
    const neighbour = await withInstance(dir, (ctx) => benchUser(ctx, "neighbour"));
    server = await startBinary(bin, dir, LOCAL_DOMAIN, join(BENCH, `memory-server-${process.pid}.log`), opts);
    const pid = server.pid;
    await Bun.sleep(P.settleSeconds * 1000);
    row("idle after start-up", rssMb(pid), TARGET_IDLE_MB, `${split(pid)}, ${P.settleSeconds} s after start`);

    // Under many clients.
    const scale = Math.max(1, Math.round(P.clients / 8));
    console.log(`${scale * 8} mixed clients for ${P.loadSeconds} s (${loadNote()})…`);
    let sampler = rssSampler(pid);
    let st = streams(server.base, seed.meta.token, P.streams);
    const busy = await mixedLoad(server.base, seed.meta.token, neighbour.token, P.loadSeconds, scale);
    const under = { clients: scale * 8, rps: loadRps(busy) };
    row(`under ${scale * 8} mixed clients, at the end`, rssMb(pid), TARGET_LOAD_MB, `${split(pid)}; ${loadSummary(busy)}`, under);
    row(`under ${scale * 8} mixed clients, peak`, sampler.stop(), TARGET_LOAD_MB, `sampled every 100 ms over ${P.loadSeconds} s`, under);
    st.close();

    // Going idle.
    const every = Math.max(1, Math.min(30, P.idleSeconds / 10));
    const first = Math.min(60, P.idleSeconds);
    const early = await idle(pid, first, every);
    if (first < P.idleSeconds) row(`${first} s idle after the load`, rssMb(pid), null, split(pid));
    const late = await idle(pid, P.idleSeconds - first, every);
    row(`${P.idleSeconds} s idle after the load`, rssMb(pid), TARGET_AFTER_IDLE_MB, split(pid));
    notes.push(`RSS every ${fmt(every, 0)} s while idle after the load (MB): ${[...early, ...late].map((r) => fmt(r, 0)).join(", ")}`);

    // The soak: the ops suite's mixed load (8 clients) for BENCH_SOAK_SECONDS.
    console.log(`soak: 8 mixed clients for ${P.soakSeconds} s (${loadNote()})…`);
    sampler = rssSampler(pid);
    st = streams(server.base, seed.meta.token, P.streams);
    const rssAt: number[] = [];
    const loadAt: string[] = [];
    const ticker = setInterval(
      () => {
        rssAt.push(rssMb(pid));
        loadAt.push(loadNote().replace(/^load | CPUs$/g, ""));
      },
      (P.soakSeconds * 1000) / 10,
    );
    const soak = await mixedLoad(server.base, seed.meta.token, neighbour.token, P.soakSeconds);
    clearInterval(ticker);
    st.close();
    const end = rssMb(pid);
    const growth = end - (rssAt[0] ?? end);
    const soakLoad = { clients: 8, rps: loadRps(soak) };
    row(
      `after the ${P.soakSeconds} s soak`,
      end,
      TARGET_LOAD_MB,
      `${split(pid)}; peak ${fmt(sampler.stop())} MB; ${loadSummary(soak)}`,
      soakLoad,
    );
    row(`growth across the soak (end of first tenth to end)`, growth, TARGET_GROWTH_MB, `from ${fmt(rssAt[0] ?? end)} MB`, soakLoad);
    notes.push(`RSS every ${fmt(P.soakSeconds / 10, 0)} s of the soak (MB): ${rssAt.map((r) => fmt(r, 0)).join(", ")}, end ${fmt(end, 0)}`);
    notes.push(`load average at those times: ${loadAt.join(", ")}`);
    await idle(pid, P.idleSeconds, P.idleSeconds);
    row(`${P.idleSeconds} s idle after the soak`, rssMb(pid), TARGET_AFTER_IDLE_MB, split(pid));
  } finally {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
  return { figures, notes };
}

/** "met" / "NOT met" / "" (no target). */
export const verdict = (f: MemoryFigure): string => (f.target === null ? "" : f.mb < f.target ? "met" : "NOT met");

async function main(): Promise<void> {
  const bin = memoryBinary();
  const seed = await baseDb(SIZE);
  const cpus = process.env.BENCH_MEMORY_CPUS;
  const { figures, notes } = await memoryPhases(bin, seed, memoryKnobs(), cpus ? { cpus } : {});
  console.log(
    `\nMemory (issues 11 and 17): the x64 binary on the ${SIZE.statuses.toLocaleString("en")}-status database (${loadNote()} at the end)`,
  );
  for (const n of notes) console.log(n);
  printTable(
    ["figure", "RSS", "target", "", "anon + file, detail", "load when measured"],
    figures.map((f) => [f.figure, `${fmt(f.mb)} MB`, f.target === null ? "-" : `< ${f.target} MB`, verdict(f), f.detail, f.load]),
  );
  process.exit(0);
}

if (import.meta.main) await main();
