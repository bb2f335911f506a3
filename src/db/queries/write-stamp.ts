/**
 * Where a connection's data stands, for caches that hold answers only while nothing was written:
 * SQLite's total_changes() (this connection's writes) and PRAGMA data_version (other connections'
 * commits). Used by the token cache (src/http/auth.ts) and the grouped-notifications cache.
 */
import type { Database } from "bun:sqlite";

/**
 * Rows this connection has inserted, updated or deleted so far (SQLite's total_changes(), which
 * counts rolled-back and trigger-made changes too): unchanged means this connection wrote nothing.
 * Reads no table, so it takes no lock (unlike PRAGMA data_version).
 */
export function connectionChanges(db: Database): number {
  return db.query<{ n: number }, []>("SELECT total_changes() AS n").get()!.n;
}

/** Both halves of the stamp in one statement: equal stamps mean no row changed in between. */
export function writeStamp(db: Database): { changes: number; dataVersion: number } {
  const r = db.query<{ c: number; d: number }, []>("SELECT total_changes() AS c, data_version AS d FROM pragma_data_version").get()!;
  return { changes: r.c, dataVersion: r.d };
}
