/**
 * Shared pieces of the benchmark suites: a Hearth server started as a separate process
 * (`bun src/main.ts serve`) on 127.0.0.1, /proc readings of its RSS and CPU time, a local user
 * with a token made through the real services, and table printing.
 */
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";
import type { Subprocess } from "bun";
import type { LoadResult } from "./load";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { createLocalAccount } from "../../src/services/accounts/create-local";
import { createApplication, issueToken } from "../../src/services/oauth/tokens";

export const ROOT = resolve(import.meta.dir, "../..");
export const BENCH = join(ROOT, ".bench");
export const LOCAL_DOMAIN = "bench.local";

/** A numeric knob from the environment. */
export const num = (k: string, d: number): number => (process.env[k] ? Number(process.env[k]) : d);

/** "load 1.23/2 CPUs": the 1-minute load average, printed next to every figure. */
export function loadNote(): string {
  return `load ${loadavg()[0]!.toFixed(2)}/${availableParallelism()} CPUs`;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): number {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const p = s.port!;
  s.stop(true);
  return p;
}

/** A /proc/<pid>/status size field in MB (VmRSS, VmHWM, RssAnon…); 0 if the process is gone. */
export function rssMb(pid: number, field = "VmRSS"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every 100 ms; `stop()` returns the peak (including VmHWM). */
export function rssSampler(pid: number): { stop(): number } {
  let peak = rssMb(pid);
  const t = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 100);
  return {
    stop: () => {
      clearInterval(t);
      return Math.max(peak, rssMb(pid));
    },
  };
}

/** A running server process. */
export interface BenchServer {
  proc: Subprocess;
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `bun src/main.ts serve` on `dataDir` (migrations run at start) and waits until it
 * answers. Its output goes to .bench/<name>.log; BENCH_PROFILE=1 writes a CPU profile to .bench/.
 * `opts.cpus` (e.g. "0") pins it to those cores with taskset when the machine has it.
 */
export async function startServer(
  name: string,
  dataDir: string,
  env: Record<string, string> = {},
  opts: { cpus?: string; entry?: string[] } = {},
): Promise<BenchServer> {
  mkdirSync(BENCH, { recursive: true });
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = join(BENCH, `${name}.log`);
  const logFd = openSync(log, "w");
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof-md", `--cpu-prof-dir=${BENCH}`] : [];
  // `cpus` pins the server with taskset (which execs it: the pid stays the server's).
  const pin = opts.cpus && Bun.which("taskset") ? ["taskset", "-c", opts.cpus] : [];
  // `entry`: another script to run instead of `src/main.ts serve` (serve-paused.ts).
  const proc = Bun.spawn([...pin, process.execPath, ...profile, ...(opts.entry ?? ["src/main.ts", "serve"])], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      BIND: "127.0.0.1",
      PROTOCOL: "http",
      LOCAL_DOMAIN,
      DATA_DIR: dataDir,
      RATE_LIMITS: "false",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdin: "ignore",
    stdout: logFd,
    stderr: logFd,
  });
  const stop = async () => {
    if (proc.exitCode === null) proc.kill("SIGTERM");
    await Promise.race([proc.exited, Bun.sleep(5000)]);
    if (proc.exitCode === null) proc.kill("SIGKILL");
    closeSync(logFd);
  };
  process.once("SIGINT", () => {
    if (proc.exitCode === null) proc.kill("SIGKILL");
    process.exit(130);
  });
  const until = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) {
      await stop();
      throw new Error(`server exited with ${proc.exitCode}; see ${log}`);
    }
    try {
      await fetch(`${base}/api/v1/streaming/health`);
      break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`server did not start; see ${log}`);
    }
    await Bun.sleep(100);
  }
  return { proc, base, pid: proc.pid, stop };
}

/** Opens an instance in `dataDir` (creating it), runs `fn` and closes the database. */
export async function withInstance<T>(dataDir: string, fn: (ctx: AppContext) => Promise<T> | T): Promise<T> {
  const config = loadConfig({ DATA_DIR: dataDir, LOCAL_DOMAIN, PROTOCOL: "http" });
  const ctx = createContext(config, { log: createLogger("error") });
  try {
    return await fn(ctx);
  } finally {
    ctx.db.close();
  }
}

/** Creates a confirmed local user through the services and a read/write/follow token for it. */
export async function benchUser(
  ctx: AppContext,
  username: string,
): Promise<{ accountId: number; userId: number; token: string; appId: number }> {
  const { account } = await createLocalAccount(ctx, {
    username,
    email: `${username}@example.com`,
    password: "bench-password",
    role: "user",
  });
  const app = createApplication(ctx, {
    name: "Hearth bench",
    website: null,
    redirectUris: ["urn:ietf:wg:oauth:2.0:oob"],
    scopes: ["read", "write", "follow"],
  });
  const userId = ctx.db.query<{ id: number }, [number]>("SELECT id FROM users WHERE account_id = ?").get(account.id)!.id;
  const token = issueToken(ctx, { applicationId: app.id, userId, scopes: ["read", "write", "follow"] }).token;
  return { accountId: account.id, userId, token, appId: app.id };
}

/** Prints rows as an aligned table (first column left-aligned). */
export function printTable(head: string[], rows: string[][]): void {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("  ");
  console.log(line(head));
  console.log(w.map((n) => "-".repeat(n)).join("  "));
  for (const r of rows) console.log(line(r));
}

/** A scenario's load figures with the server CPU seconds it took and the load average before it. */
export type LoadRow = LoadResult & { cpu: number; load: string };

/** Prints the load scenarios as one table (with the server's CPU share when `cpuShare`), then each scenario's first problem. */
export function printLoadTable(rows: LoadRow[], cpuShare = true): void {
  const head = ["scenario", "req/s", "p50 ms", "p99 ms", "max ms", "requests", "non-2xx", "errors"];
  if (cpuShare) head.push("server CPU");
  head.push("CPU ms/req", "load before");
  printTable(
    head,
    rows.map((r) => [
      r.name,
      fmt(r.rps, 0),
      fmt(r.p50, 2),
      fmt(r.p99, 2),
      fmt(r.max, 1),
      String(r.requests),
      String(Object.values(r.statuses).reduce((a, b) => a + b, 0)),
      String(r.errors),
      ...(cpuShare ? [`${fmt((r.cpu / r.seconds) * 100, 0)}%`] : []),
      fmt((r.cpu * 1000) / r.requests, 3),
      r.load,
    ]),
  );
  for (const r of rows)
    if (r.firstProblem) console.log(`  ${r.name}: ${JSON.stringify(r.statuses)} ${r.errors} errors; first: ${r.firstProblem}`);
}

/** Fixed-decimals formatting that prints "-" for NaN/Infinity. */
export const fmt = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : "-");
