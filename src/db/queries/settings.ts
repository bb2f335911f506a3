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

/** Stores `value` under `key`, replacing any value. */
export function upsertSetting(db: Database, key: string, value: string): void {
  db.query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, value);
}

/** Removes `key` (back to its default). */
export function deleteSetting(db: Database, key: string): void {
  db.query("DELETE FROM settings WHERE key = ?").run(key);
}

/** Every stored value among `keys` (one query). */
export function getSettings(db: Database, keys: readonly string[]): Map<string, string> {
  if (!keys.length) return new Map();
  const rows = db
    .query<{ key: string; value: string }, string[]>(`SELECT key, value FROM settings WHERE key IN (${keys.map(() => "?").join(", ")})`)
    .all(...keys);
  return new Map(rows.map((r) => [r.key, r.value]));
}
