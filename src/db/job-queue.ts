/** The durable jobs table: enqueue inside the caller's transaction, claim with a lease. */
import type { Database } from "bun:sqlite";
import type { JobPayloads } from "../jobs/kinds";

export interface JobRow {
  id: number;
  kind: string;
  payload: string;
  run_at: number;
  attempts: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
}

/**
 * Backoff for attempt n (1-based): Sidekiq style (1.45·n^4 + 15 + jitter) seconds. The 15 waits
 * between 16 tries sum to ≈ 3.0 days (2.97–3.06 with jitter); plain n^4 gave only ≈ 2.1 days.
 */
function backoffMs(attempt: number, random = Math.random): number {
  return (1.45 * attempt ** 4 + 15 + random() * 30 * (attempt + 1)) * 1000;
}

const MAX_ATTEMPTS = 16;
const LEASE_MS = 5 * 60 * 1000;

/** The payload a job kind takes: checked for the kinds in jobs/kinds.ts, anything for others. */
export type JobPayloadOf<K extends string> = K extends keyof JobPayloads ? JobPayloads[K] : unknown;

/** Enqueue/claim/finish operations over the jobs table. */
export class JobQueue {
  private listeners: (() => void)[] = [];
  constructor(
    private db: Database,
    private now: () => number,
  ) {}

  /** Adds a job; joins the caller's open transaction if there is one. Wakes the runner. */
  enqueue<K extends string>(kind: K, payload: JobPayloadOf<K>, opts: { runAt?: number } = {}): number {
    const t = this.now();
    const row = this.db
      .query<{ id: number }, [string, string, number, number]>(
        "INSERT INTO jobs (kind, payload, run_at, created_at) VALUES (?, ?, ?, ?) RETURNING id",
      )
      .get(kind, JSON.stringify(payload ?? {}), opts.runAt ?? t, t)!;
    queueMicrotask(() => this.listeners.forEach((l) => l()));
    return row.id;
  }

  /**
   * Adds a job unless one of the same kind and payload (compared as JSON text) is still waiting
   * to run; then that one is kept, moved to `runAt` if sooner, and its id returned. A job already
   * running does not count, so work committed after it started gets a run of its own. Debounces
   * (Sidekiq's `lock: :until_executed`); joins the caller's open transaction.
   */
  enqueueUnique<K extends string>(kind: K, payload: JobPayloadOf<K>, opts: { runAt?: number } = {}): number {
    const t = this.now();
    const runAt = opts.runAt ?? t;
    const json = JSON.stringify(payload ?? {});
    const waiting = this.db
      .query<{ id: number; run_at: number }, [string, string, number]>(
        "SELECT id, run_at FROM jobs WHERE kind = ? AND payload = ? AND (locked_until IS NULL OR locked_until < ?) LIMIT 1",
      )
      .get(kind, json, t);
    if (!waiting) return this.enqueue(kind, payload, opts);
    if (runAt < waiting.run_at) {
      this.db.query("UPDATE jobs SET run_at = ? WHERE id = ?").run(runAt, waiting.id);
      queueMicrotask(() => this.listeners.forEach((l) => l()));
    }
    return waiting.id;
  }

  /** Registers a callback run after each enqueue (the runner's wake-up). */
  onEnqueue(fn: () => void): void {
    this.listeners.push(fn);
  }

  /**
   * Claims up to `limit` due jobs with a lease so no other runner takes them; `kinds` narrows
   * the claim to those kinds (`only`) or to every other kind (`except`).
   */
  claim(limit: number, kinds?: { only?: readonly string[]; except?: readonly string[] }): JobRow[] {
    const t = this.now();
    const list = kinds?.only ?? kinds?.except ?? [];
    const filter = list.length ? ` AND kind ${kinds?.only ? "IN" : "NOT IN"} (${list.map(() => "?").join(", ")})` : "";
    return this.db
      .transaction(() =>
        this.db
          .query<JobRow, (string | number)[]>(
            `UPDATE jobs SET locked_until = ?, attempts = attempts + 1
           WHERE id IN (SELECT id FROM jobs WHERE run_at <= ? AND (locked_until IS NULL OR locked_until < ?)${filter} ORDER BY run_at LIMIT ?)
           RETURNING *`,
          )
          .all(t + LEASE_MS, t, t, ...list, limit),
      )
      .immediate();
  }

  /** Removes a finished job. */
  complete(id: number): void {
    this.db.query("DELETE FROM jobs WHERE id = ?").run(id);
  }

  /** Reschedules a failed job with backoff, or drops it after MAX_ATTEMPTS. Returns false when dropped. */
  fail(job: JobRow, error: string, maxAttempts = MAX_ATTEMPTS): boolean {
    if (job.attempts >= maxAttempts) {
      this.complete(job.id);
      return false;
    }
    this.db
      .query("UPDATE jobs SET run_at = ?, locked_until = NULL, last_error = ? WHERE id = ?")
      .run(this.now() + backoffMs(job.attempts), error.slice(0, 2000), job.id);
    return true;
  }

  /** Milliseconds until the next job (not of the `except` kinds) is due, or null when there is none. */
  nextDueIn(except: readonly string[] = []): number | null {
    const filter = except.length ? ` AND kind NOT IN (${except.map(() => "?").join(", ")})` : "";
    const r = this.db
      .query<{ run_at: number }, string[]>(`SELECT min(run_at) AS run_at FROM jobs WHERE locked_until IS NULL${filter}`)
      .get(...except);
    return r?.run_at == null ? null : Math.max(0, r.run_at - this.now());
  }

  /** Number of queued jobs, optionally of one kind. */
  count(kind?: string): number {
    const r = kind
      ? this.db.query<{ n: number }, [string]>("SELECT count(*) AS n FROM jobs WHERE kind = ?").get(kind)
      : this.db.query<{ n: number }, []>("SELECT count(*) AS n FROM jobs").get();
    return r?.n ?? 0;
  }
}
