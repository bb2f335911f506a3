/** Opens the SQLite database in WAL mode with the pragmas Hearth relies on. */
import { Database } from "bun:sqlite";

/**
 * bun:sqlite's `db.query()` statement cache holds 20 statements by default (LRU): far fewer
 * than the distinct statements a busy server cycles through, so it would re-prepare most.
 */
Database.MAX_QUERY_CACHE_SIZE = 1000;

/** Opens (creating if needed) the database file at `path`. */
export function openDatabase(path: string): Database {
  const db = new Database(path, { create: true, strict: true });
  db.exec("PRAGMA journal_mode = WAL");
  db.exec("PRAGMA synchronous = NORMAL");
  // Checkpoint every ~16 MB of WAL instead of ~4 MB: big fan-out writes sync far less often.
  db.exec("PRAGMA wal_autocheckpoint = 4000");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA busy_timeout = 5000");
  db.exec("PRAGMA cache_size = -16000");
  db.exec("PRAGMA temp_store = MEMORY");
  return db;
}

/** Runs `fn` inside BEGIN IMMEDIATE … COMMIT; rolls back on throw. Nested calls join the outer one. */
export function transaction<T>(db: Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}
