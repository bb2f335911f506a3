/** Queries on `tombstones`: URIs of deleted objects, so a late Create cannot revive them. */
import type { Database } from "bun:sqlite";

/** True when a tombstone records that `uri` was deleted. */
export function isTombstoned(db: Database, uri: string): boolean {
  return !!db.query("SELECT 1 FROM tombstones WHERE uri = ?").get(uri);
}

/** Records that `uri` was deleted by `accountId` (kept once). */
export function insertTombstone(db: Database, uri: string, accountId: number | null, at: number): void {
  db.query("INSERT OR IGNORE INTO tombstones (uri, account_id, created_at) VALUES (?, ?, ?)").run(uri, accountId, at);
}
