/** Queries on `settings`: instance-wide key/value pairs (secret, pinned identity, site texts). */
import type { Database } from "bun:sqlite";

/** The value stored under `key`, else undefined. */
export function getSetting(db: Database, key: string): string | undefined {
  return db.query<{ value: string }, [string]>("SELECT value FROM settings WHERE key = ?").get(key)?.value;
}

/** Stores `value` under `key` unless the key already has one. */
export function insertSettingIfAbsent(db: Database, key: string, value: string): void {
  db.query("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)").run(key, value);
}
