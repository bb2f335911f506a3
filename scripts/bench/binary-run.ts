/**
 * The x64 binary run as a user runs it, for the ops and memory suites: start it on a data
 * directory and time its first answer, its RSS split, a copy of the big database, WebSocket
 * streams held open, and the mixed load of home/public timelines, notifications, the instance
 * document and posting (with another user's mentions so notifications keep coming).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { fmt, freePort, rssMb } from "./lib";
import { runLoad, type LoadResult, type Scenario } from "./load";

/** The binary, running. */
export interface Running {
  proc: Subprocess;
  pid: number;
  base: string;
  /** ms from spawn to the first 200 of GET /api/v1/instance. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Execs the binary on `dataDir` and waits for the first 200 of /api/v1/instance. `opts.cpus` pins
 * it with taskset (which execs it: the pid stays the server's); `opts.env` adds variables.
 */
export async function startBinary(
  bin: string,
  dataDir: string,
  localDomain: string | null,
  log: string,
  opts: { cpus?: string; env?: Record<string, string> } = {},
): Promise<Running> {
  const port = freePort();
  const base = `http://127.0.0.1:${port}`;
  const out = Bun.file(log);
  const t0 = performance.now();
  const pin = opts.cpus && Bun.which("taskset") ? ["taskset", "-c", opts.cpus] : [];
  const proc = Bun.spawn([...pin, bin, "serve"], {
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
      ...opts.env,
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
export const split = (pid: number): string => `anon ${fmt(rssMb(pid, "RssAnon"))} + file ${fmt(rssMb(pid, "RssFile"))} MB`;

/** The middle value. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** A fresh copy of the cached 1M-status database in `dataDir` (the binary migrates and writes). */
export function copyBigDb(src: string, dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(src, join(dataDir, "hearth.sqlite"));
  if (existsSync(`${src}-wal`)) copyFileSync(`${src}-wal`, join(dataDir, "hearth.sqlite-wal"));
}

/** Keeps `n` WebSocket streams open (reconnecting) and counts their events until `close()`. */
export function streams(base: string, token: string, n: number): { events: () => number; reconnects: () => number; close(): void } {
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

/**
 * The mixed load: one closed-loop group per scenario, all at once, for `seconds`; 8 clients in
 * all, times `scale` (25 makes 200).
 */
export async function mixedLoad(base: string, token: string, neighbourToken: string, seconds: number, scale = 1): Promise<LoadResult[]> {
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
  return Promise.all(groups.map(([s, clients]) => runLoad(s, { clients: clients * scale, seconds, maxRequests })));
}
