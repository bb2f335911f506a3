/** Named queries on the `bookmarks` table. */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";

/** Inserts a bookmark unless the account already bookmarked the status. */
export function insertBookmark(db: Database, r: { id: number; account_id: number; status_id: number; created_at: number }): void {
  db.query("INSERT OR IGNORE INTO bookmarks (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)").run(
    r.id,
    r.account_id,
    r.status_id,
    r.created_at,
  );
}

/** Deletes the account's bookmark of `statusId`; true when there was one. */
export function deleteBookmark(db: Database, accountId: number, statusId: number): boolean {
  return db.query("DELETE FROM bookmarks WHERE account_id = ? AND status_id = ?").run(accountId, statusId).changes > 0;
}

/** True when `accountId` bookmarked `statusId`. */
export function hasBookmark(db: Database, accountId: number, statusId: number): boolean {
  return !!db.query("SELECT 1 FROM bookmarks WHERE account_id = ? AND status_id = ?").get(accountId, statusId);
}

/** Those of `accountIds` that bookmarked any of `statusIds`. */
export function bookmarkersAmong(db: Database, ids: readonly number[], accountIds: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const list = ids.map(() => "?").join(", ");
  return new Set(
    selectIn<{ id: number }>(
      db,
      (ph) => `SELECT account_id AS id FROM bookmarks WHERE status_id IN (${list}) AND account_id IN (${ph})`,
      accountIds,
      [...ids],
    ).map((r) => r.id),
  );
}
