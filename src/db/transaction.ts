/** The one way services open a write transaction: `BEGIN IMMEDIATE`, committed when `fn` returns, rolled back when it throws. */
import type { Database } from "bun:sqlite";

/** Runs `fn` inside an immediate transaction (nested calls become savepoints) and returns its result. */
export function transaction<T>(db: Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}
