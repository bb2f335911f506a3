/** Queries on `delivery_failures`: the per-host tracker that stops delivery to dead servers. */
import type { Database } from "bun:sqlite";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Forgets a host's failures; reads first so a live host costs no write. */
export function clearHostFailures(db: Database, host: string): void {
  if (db.query("SELECT 1 FROM delivery_failures WHERE host = ?").get(host))
    db.query("DELETE FROM delivery_failures WHERE host = ?").run(host);
}

/**
 * Counts one failure for `host` at `t`; a new calendar day of failures adds a failure day, and
 * `unavailableAfterDays` failure days mark the host unavailable.
 */
export function recordHostFailureAt(db: Database, host: string, t: number, unavailableAfterDays: number): void {
  const newDay = `(CASE WHEN $t / ${DAY_MS} > last_failure_at / ${DAY_MS} THEN 1 ELSE 0 END)`;
  db.query(
    `INSERT INTO delivery_failures (host, failing_since, last_failure_at, failures, failure_days, unavailable)
     VALUES ($host, $t, $t, 1, 1, ${unavailableAfterDays <= 1 ? 1 : 0})
     ON CONFLICT (host) DO UPDATE SET failures = failures + 1,
       failure_days = failure_days + ${newDay},
       unavailable = CASE WHEN failure_days + ${newDay} >= ${unavailableAfterDays} THEN 1 ELSE unavailable END,
       last_failure_at = max(last_failure_at, $t)`,
  ).run({ host, t });
}

/** True when `host` is marked unavailable. */
export function isHostMarkedUnavailable(db: Database, host: string): boolean {
  return !!db.query("SELECT 1 FROM delivery_failures WHERE host = ? AND unavailable = 1").get(host);
}

/** Every host marked unavailable. */
export function listUnavailableHosts(db: Database): string[] {
  return db
    .query<{ host: string }, []>("SELECT host FROM delivery_failures WHERE unavailable = 1")
    .all()
    .map((r) => r.host);
}

/** Every host with failed deliveries on record: its failure count and whether it is marked unavailable (for metrics). */
export function listFailingHosts(db: Database): { host: string; failures: number; unavailable: number }[] {
  return db
    .query<{ host: string; failures: number; unavailable: number }, []>(
      "SELECT host, failures, unavailable FROM delivery_failures ORDER BY host",
    )
    .all();
}
