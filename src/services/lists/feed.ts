/**
 * List feeds: precomputed (list_id, status_id) rows, like home_feeds, written when a member
 * posts or boosts, when an account is added to a list, and cleared when it leaves one.
 * Call inside the service's transaction.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
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

/**
 * Inserts a new status or boost into the feeds of the lists its author is a member of (the
 * `stream.update` job that fanOutStatus enqueues then streams it to those lists).
 */
export function fanOutToLists(ctx: AppContext, s: StatusRow): void {
  ctx.db
    .query(
      `INSERT OR IGNORE INTO list_feeds (list_id, status_id)
       SELECT l.id, s.id FROM statuses s JOIN list_accounts la ON la.account_id = s.account_id JOIN lists l ON l.id = la.list_id
       WHERE s.id = ? AND ${ELIGIBLE}`,
    )
    .run(s.id);
}

/** After `accountId` joins list `listId`: adds its recent eligible statuses to the list feed. */
export function backfillList(ctx: AppContext, listId: number, accountId: number): void {
  ctx.db
    .query(
      `INSERT OR IGNORE INTO list_feeds (list_id, status_id)
       SELECT l.id, s.id FROM (SELECT * FROM statuses WHERE account_id = ?1 ORDER BY id DESC LIMIT ${LIST_BACKFILL}) s
       JOIN lists l ON l.id = ?2
       WHERE ${ELIGIBLE}`,
    )
    .run(accountId, listId);
}

/** After `accountId` leaves list `listId`: removes its statuses and boosts from the list feed. */
export function unmergeList(ctx: AppContext, listId: number, accountId: number): void {
  ctx.db
    .query("DELETE FROM list_feeds WHERE list_id = ? AND status_id IN (SELECT id FROM statuses WHERE account_id = ?)")
    .run(listId, accountId);
}

/**
 * After `ownerId` stops following `targetId` (unfollow, block, Reject): takes the target out of
 * every list of the owner, with its posts, as Mastodon does (list members must be followed).
 */
export function removeFromLists(ctx: AppContext, ownerId: number, targetId: number): void {
  const lists = ctx.db
    .query<{ id: number }, [number, number]>("SELECT l.id FROM list_accounts la JOIN lists l ON l.id = la.list_id WHERE la.account_id = ? AND l.account_id = ?")
    .all(targetId, ownerId);
  for (const l of lists) {
    ctx.db.query("DELETE FROM list_accounts WHERE list_id = ? AND account_id = ?").run(l.id, targetId);
    unmergeList(ctx, l.id, targetId);
  }
}

/** True when `ownerId` has `accountId` on an exclusive list (its posts then skip the owner's home feed). */
export function inExclusiveList(ctx: AppContext, ownerId: number, accountId: number): boolean {
  return !!ctx.db
    .query("SELECT 1 FROM list_accounts la JOIN lists l ON l.id = la.list_id WHERE la.account_id = ? AND l.account_id = ? AND l.exclusive = 1 LIMIT 1")
    .get(accountId, ownerId);
}
