/** Housekeeping of the SQLite file itself: planner statistics, WAL checkpoints and its size on disk. */
import type { Database } from "bun:sqlite";

/** Runs `PRAGMA optimize` (SQLite re-analyzes only the tables whose statistics went stale). */
export function optimizeDatabase(db: Database): void {
  db.exec("PRAGMA optimize");
}

/** The outcome of a checkpoint: whether a reader kept it from finishing, WAL pages and pages copied back. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Copies the WAL back into the database and truncates the WAL file to zero bytes when no reader
 * needs it (`wal_checkpoint(TRUNCATE)`), so a quiet server's WAL does not keep its high-water size.
 */
export function checkpointWal(db: Database): CheckpointResult {
  const r = db.query<CheckpointResult, []>("PRAGMA wal_checkpoint(TRUNCATE)").get();
  return r ?? { busy: 0, log: 0, checkpointed: 0 };
}

/** Bytes of the main database file (page_count × page_size; the WAL is not counted). */
export function databaseBytes(db: Database): number {
  const r = db.query<{ n: number }, []>("SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()").get();
  return r?.n ?? 0;
}

/** Hands the connection's page cache and other freeable SQLite memory back (`PRAGMA shrink_memory`). */
export function shrinkDatabaseMemory(db: Database): void {
  db.exec("PRAGMA shrink_memory");
}
