/**
 * The one way tests drain background work: run every server's due jobs (and wait for any
 * peers) in rounds until a "done" condition holds, bounded by time or by rounds. The older
 * per-folder `settle()` helpers are thin wrappers over `drainAll` with their own condition.
 */
import type { TestServer } from "./index";

/** Something else that does background work (a Fedify peer): idle() when its queue is empty. */
export interface Idler {
  idle(): boolean;
}

export interface DrainOptions {
  /** Peers that must be idle too (part of the default condition). */
  peers?: Idler[];
  /**
   * When a round counts as quiet, given how many jobs that round ran. Default: no job due
   * now or running on any server, and every peer idle.
   */
  done?: (ran: number) => boolean;
  /** Quiet rounds in a row needed to stop (default 1). */
  quietRounds?: number;
  /** Time bound in ms (default 5000). */
  maxMs?: number;
  /** Round bound (default none). */
  maxRounds?: number;
  /** Pause between rounds in ms: after a busy round and after a quiet one (default 15). */
  pauseMs?: number | { busy: number; quiet: number };
  /** Runs between rounds (e.g. moves a frozen clock past a retry's backoff). */
  between?: () => void;
  /** When the bound is hit: return quietly (default) or throw with `describe()`'s text. */
  onTimeout?: "return" | "throw";
  /** The message thrown on timeout. */
  describe?: () => string;
}

/** Jobs that are due now or running (failed jobs waiting for a later retry do not count). */
export function busyJobs(s: TestServer): number {
  const t = s.ctx.now();
  return s.count("jobs", "run_at <= ? OR (locked_until IS NOT NULL AND locked_until > ?)", t, t);
}

/** Jobs that are due now (running ones not included). */
export function dueJobs(s: TestServer): number {
  return s.count("jobs", "run_at <= ?", s.ctx.now());
}

/** Drains `servers` round after round until `done` holds `quietRounds` times in a row (or a bound is hit). */
export async function drainAll(servers: TestServer[], o: DrainOptions = {}): Promise<void> {
  const peers = o.peers ?? [];
  const done = o.done ?? (() => !servers.some((s) => busyJobs(s) > 0) && peers.every((p) => p.idle()));
  const pause = typeof o.pauseMs === "object" ? o.pauseMs : { busy: o.pauseMs ?? 15, quiet: o.pauseMs ?? 15 };
  const end = Date.now() + (o.maxMs ?? 5000);
  let quiet = 0;
  for (let round = 1; Date.now() < end && (o.maxRounds === undefined || round <= o.maxRounds); round++) {
    let ran = 0;
    for (const s of servers) ran += await s.drain();
    const isQuiet = done(ran);
    quiet = isQuiet ? quiet + 1 : 0;
    if (quiet >= (o.quietRounds ?? 1)) return;
    o.between?.();
    const ms = isQuiet ? pause.quiet : pause.busy;
    if (ms > 0) await Bun.sleep(ms);
  }
  if (o.onTimeout === "throw") throw new Error(o.describe?.() ?? "background work did not drain in time");
}
