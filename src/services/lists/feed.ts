/**
 * List feeds: precomputed (list_id, status_id) rows, like home_feeds, written when a member
 * posts or boosts, when an account is added to a list, and cleared when it leaves one.
 * Call inside the service's transaction. The eligibility rule is in db/queries/list-feeds.ts.
 */
import type { AppContext } from "../../context";
import { deleteListAccount, inExclusiveList as onExclusiveList, listOwnerListIdsContaining } from "../../db/queries/list-accounts";
import { backfillListFeed, deleteAccountFromListFeed, insertStatusIntoListFeeds } from "../../db/queries/list-feeds";
import type { StatusRow } from "../../db/rows";

export { LIST_BACKFILL } from "../../db/queries/list-feeds";

/**
 * Inserts a new status or boost into the feeds of the lists its author is a member of (the
 * `stream.update` job that fanOutStatus enqueues then streams it to those lists).
 */
export function fanOutToLists(ctx: AppContext, s: StatusRow): void {
  insertStatusIntoListFeeds(ctx.db, s.id);
}

/** After `accountId` joins list `listId`: adds its recent eligible statuses to the list feed. */
export function backfillList(ctx: AppContext, listId: number, accountId: number): void {
  backfillListFeed(ctx.db, listId, accountId);
}

/** After `accountId` leaves list `listId`: removes its statuses and boosts from the list feed. */
export function unmergeList(ctx: AppContext, listId: number, accountId: number): void {
  deleteAccountFromListFeed(ctx.db, listId, accountId);
}

/**
 * After `ownerId` stops following `targetId` (unfollow, block, Reject): takes the target out of
 * every list of the owner, with its posts, as Mastodon does (list members must be followed).
 */
export function removeFromLists(ctx: AppContext, ownerId: number, targetId: number): void {
  for (const listId of listOwnerListIdsContaining(ctx.db, ownerId, targetId)) {
    deleteListAccount(ctx.db, listId, targetId);
    unmergeList(ctx, listId, targetId);
  }
}

/** True when `ownerId` has `accountId` on an exclusive list (its posts then skip the owner's home feed). */
export function inExclusiveList(ctx: AppContext, ownerId: number, accountId: number): boolean {
  return onExclusiveList(ctx.db, ownerId, accountId);
}
