/** Named queries on the `home_feeds` table: precomputed (account_id, status_id) rows of local home timelines. */
import type { Database } from "bun:sqlite";

/** Puts status `statusId` in the home feed of account `accountId` (idempotent). */
export function insertHomeFeed(db: Database, accountId: number, statusId: number): void {
  db.query("INSERT OR IGNORE INTO home_feeds (account_id, status_id) VALUES (?, ?)").run(accountId, statusId);
}

/** Direct status: into the home feeds of the author's local followers that it mentions. */
export function fanOutDirectToFollowers(db: Database, statusId: number, authorId: number): void {
  db.query(
    `INSERT OR IGNORE INTO home_feeds (account_id, status_id)
     SELECT f.account_id, ? FROM follows f JOIN accounts a ON a.id = f.account_id
     JOIN mentions m ON m.account_id = f.account_id AND m.status_id = ?
     WHERE f.target_account_id = ? AND a.domain IS NULL`,
  ).run(statusId, statusId, authorId);
}

/**
 * Into the home feeds of the author's local followers, except those who put the author on an
 * exclusive list; for a boost (`isReblog`) only followers who show the author's boosts.
 */
export function fanOutToFollowers(db: Database, statusId: number, authorId: number, isReblog: boolean): void {
  const reblogFilter = isReblog ? " AND f.show_reblogs = 1" : "";
  db.query(
    `INSERT OR IGNORE INTO home_feeds (account_id, status_id)
     SELECT f.account_id, ?1 FROM follows f JOIN accounts a ON a.id = f.account_id
     WHERE f.target_account_id = ?2 AND a.domain IS NULL${reblogFilter}
       AND f.account_id NOT IN (SELECT l.account_id FROM list_accounts la JOIN lists l ON l.id = la.list_id WHERE la.account_id = ?2 AND l.exclusive = 1)`,
  ).run(statusId, authorId);
}

/** Adds `targetId`'s newest `limit` statuses with visibility up to `maxVisibility` to `followerId`'s feed. */
export function backfillHomeFeed(db: Database, followerId: number, targetId: number, maxVisibility: number, limit: number): void {
  db.query(
    `INSERT OR IGNORE INTO home_feeds (account_id, status_id)
       SELECT ?, id FROM statuses WHERE account_id = ? AND visibility <= ? ORDER BY id DESC LIMIT ?`,
  ).run(followerId, targetId, maxVisibility, limit);
}

/** Removes every status by `targetId` from `followerId`'s home feed. */
export function deleteHomeFeedsByAuthor(db: Database, followerId: number, targetId: number): void {
  db.query(`DELETE FROM home_feeds WHERE account_id = ? AND status_id IN (SELECT id FROM statuses WHERE account_id = ?)`).run(
    followerId,
    targetId,
  );
}

/** Removes status `statusId` from every home feed. */
export function deleteStatusFromHomeFeeds(db: Database, statusId: number): void {
  db.query("DELETE FROM home_feeds WHERE status_id = ?").run(statusId);
}

/** Empties the account's own home feed. */
export function deleteHomeFeed(db: Database, accountId: number): void {
  db.query("DELETE FROM home_feeds WHERE account_id = ?").run(accountId);
}

/** Empties the account's home feed and removes its statuses, and boosts of them, from every feed. */
export function deleteHomeFeedRowsOfAccount(db: Database, accountId: number): void {
  db.query(
    `DELETE FROM home_feeds WHERE account_id = ?1 OR status_id IN (
       SELECT id FROM statuses WHERE account_id = ?1
       UNION SELECT r.id FROM statuses r JOIN statuses o ON o.id = r.reblog_of_id WHERE o.account_id = ?1)`,
  ).run(accountId);
}

/** The local accounts whose home feed holds status `statusId`. */
export function listHomeFeedAccountIds(db: Database, statusId: number): number[] {
  return db
    .query<{ account_id: number }, [number]>("SELECT account_id FROM home_feeds WHERE status_id = ?")
    .all(statusId)
    .map((r) => r.account_id);
}
