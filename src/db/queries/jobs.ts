/** Read-only queries on `jobs` for monitoring (the queue itself lives in db/job-queue.ts). */
import type { Database } from "bun:sqlite";

/** Jobs waiting by kind: all of them, and those whose last attempt failed and wait for a retry. */
export function countJobsByKind(db: Database): { kind: string; queued: number; failing: number }[] {
  return db
    .query<{ kind: string; queued: number; failing: number }, []>(
      "SELECT kind, count(*) AS queued, sum(last_error IS NOT NULL) AS failing FROM jobs GROUP BY kind ORDER BY kind",
    )
    .all();
}
