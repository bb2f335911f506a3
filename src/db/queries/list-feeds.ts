/** Queries on `list_feeds`: precomputed (list_id, status_id) rows, like home_feeds. */
import type { Database } from "bun:sqlite";
import { PRIVATE } from "../../model/visibility";

/** How many of a new member's recent statuses go into the list feed (Mastodon: MAX_ITEMS / 4). */
export const LIST_BACKFILL = 200;

/**
 * Mastodon's filter_from_list? plus the parts of filter_from_home? that do not depend on the
 * reader's blocks and mutes (those are applied when the feed is read), over `l` (lists) and
 * `s` (statuses): no direct posts; replies to others only as the replies policy allows (a
 * reply to the owner always passes); boosts only when the owner shows the member's boosts.
 */
const ELIGIBLE = `s.visibility <= ${PRIVATE}
  AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id OR s.in_reply_to_account_id = l.account_id
    OR (l.replies_policy = 'followed' AND EXISTS (SELECT 1 FROM follows rf WHERE rf.account_id = l.account_id AND rf.target_account_id = s.in_reply_to_account_id))
    OR (l.replies_policy = 'list' AND EXISTS (SELECT 1 FROM list_accounts rl WHERE rl.list_id = l.id AND rl.account_id = s.in_reply_to_account_id)))
  AND (s.reblog_of_id IS NULL OR EXISTS (SELECT 1 FROM follows bf WHERE bf.account_id = l.account_id AND bf.target_account_id = s.account_id AND bf.show_reblogs = 1))`;

/** Inserts status `statusId` into the feeds of the lists its author is a member of, where eligible. */
export function insertStatusIntoListFeeds(db: Database, statusId: number): void {
  db.query(
    `INSERT OR IGNORE INTO list_feeds (list_id, status_id)
     SELECT l.id, s.id FROM statuses s JOIN list_accounts la ON la.account_id = s.account_id JOIN lists l ON l.id = la.list_id
     WHERE s.id = ? AND ${ELIGIBLE}`,
  ).run(statusId);
}

/** Adds the recent eligible statuses of `accountId` (up to LIST_BACKFILL) to list `listId`'s feed. */
export function backfillListFeed(db: Database, listId: number, accountId: number): void {
  db.query(
    `INSERT OR IGNORE INTO list_feeds (list_id, status_id)
     SELECT l.id, s.id FROM (SELECT * FROM statuses WHERE account_id = ?1 ORDER BY id DESC LIMIT ${LIST_BACKFILL}) s
     JOIN lists l ON l.id = ?2
     WHERE ${ELIGIBLE}`,
  ).run(accountId, listId);
}

/** Removes the statuses and boosts of `accountId` from list `listId`'s feed. */
export function deleteAccountFromListFeed(db: Database, listId: number, accountId: number): void {
  db.query("DELETE FROM list_feeds WHERE list_id = ? AND status_id IN (SELECT id FROM statuses WHERE account_id = ?)").run(
    listId,
    accountId,
  );
}

/** The lists whose feed holds status `statusId`. */
export function listListIdsHoldingStatus(db: Database, statusId: number): number[] {
  return db
    .query<{ list_id: number }, [number]>("SELECT list_id FROM list_feeds WHERE status_id = ?")
    .all(statusId)
    .map((r) => r.list_id);
}
