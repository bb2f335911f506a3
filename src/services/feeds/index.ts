/**
 * Home feeds: precomputed (account_id, status_id) rows for local accounts, written when a
 * status is created, a follow starts or ends, or a status is deleted. Call inside the
 * service's transaction.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { getAccountDomain } from "../../db/queries/accounts";
import {
  backfillHomeFeed,
  deleteHomeFeedsByAuthor,
  deleteStatusFromHomeFeeds,
  fanOutDirectToFollowers,
  fanOutToFollowers,
  insertHomeFeed,
} from "../../db/queries/home-feeds";
import { getStatus, getStatusVisibility } from "../../db/queries/statuses";
import { indexQueuedStatuses } from "../../db/queries/search-index";
import { transaction } from "../../db/transaction";
import { DIRECT, PRIVATE, PUBLIC } from "../../model/visibility";
import { fanOutToLists, inExclusiveList } from "../lists/feed";
import { enqueueTagFanOut } from "../tags/fan-out";

/**
 * Inserts a new status into the home feeds of the local accounts that should see it, and
 * enqueues its `stream.update` job (streaming reads home_feeds to find user streams). When
 * hashtag followers are to get it, enqueues `feeds.tag_fan_out` instead, which streams the
 * update after its first batch so that nobody gets it twice.
 */
export function fanOutStatus(ctx: AppContext, s: StatusRow): void {
  const db = ctx.db;
  if (!enqueueTagFanOut(ctx, s)) ctx.jobs.enqueue("stream.update", { statusId: s.id });
  const author = getAccountDomain(db, s.account_id);
  if (author && author.domain === null) insertHomeFeed(db, s.account_id, s.id);
  deliverToFollowers(ctx, s);
}

/**
 * A new local status, as Mastodon's PostStatusService then DistributionWorker: the author's own
 * home feed gets it now (their clients show it at once); `feeds.fan_out`, enqueued in the same
 * transaction, later gives it to followers' home feeds and lists and streams it. Call inside
 * the writing transaction.
 */
export function fanOutLocalStatus(ctx: AppContext, s: StatusRow): void {
  insertHomeFeed(ctx.db, s.account_id, s.id);
  ctx.jobs.enqueue("feeds.fan_out", { statusId: s.id });
}

/**
 * The work of `feeds.fan_out`, in one transaction: the search-index queue folded in (the post's
 * entry and any others queued since, migration 0039), the status into its author's followers'
 * home feeds and lists, and `feeds.tag_fan_out` enqueued when hashtag followers are to get it. Returns
 * true when the caller should stream the `update` now (after the commit); false when the status
 * is gone (never put back) or the tag fan-out streams it.
 */
export function fanOutToFollowersOf(ctx: AppContext, statusId: number): boolean {
  return transaction(ctx.db, () => {
    indexQueuedStatuses(ctx.db);
    const s = getStatus(ctx.db, statusId);
    if (!s) return false;
    deliverToFollowers(ctx, s);
    return !enqueueTagFanOut(ctx, s);
  });
}

/** Followers' home feeds (only the mentioned ones for a DM) and the lists holding the author. */
function deliverToFollowers(ctx: AppContext, s: StatusRow): void {
  if (s.visibility === DIRECT) {
    fanOutDirectToFollowers(ctx.db, s.id, s.account_id);
    return;
  }
  // Followers who put the author on an exclusive list read these posts there, not at home.
  fanOutToFollowers(ctx.db, s.id, s.account_id, s.reblog_of_id !== null);
  fanOutToLists(ctx, s);
}

/** After a local edit: enqueues `stream.status_update` for everyone who may have the status. */
export function statusEdited(ctx: AppContext, statusId: number): void {
  ctx.jobs.enqueue("stream.status_update", { statusId });
}

/** After `followerId` starts following `targetId`: adds the target's recent posts to the home feed. */
export function backfillFeed(ctx: AppContext, followerId: number, targetId: number, limit = 40): void {
  if (inExclusiveList(ctx, followerId, targetId)) return;
  backfillHomeFeed(ctx.db, followerId, targetId, PRIVATE, limit);
}

/** After an unfollow (or block): removes the target's posts and boosts from the follower's feed. */
export function unmergeFeed(ctx: AppContext, followerId: number, targetId: number): void {
  deleteHomeFeedsByAuthor(ctx.db, followerId, targetId);
}

/** Removes a deleted status from every feed and enqueues its `stream.delete` job. */
export function removeFromFeeds(ctx: AppContext, statusId: number): void {
  // Streaming sends the delete to public streams only when the status was on them.
  const s = getStatusVisibility(ctx.db, statusId);
  ctx.jobs.enqueue("stream.delete", { statusId, public: s ? s.visibility === PUBLIC && s.reblog_of_id === null : undefined });
  deleteStatusFromHomeFeeds(ctx.db, statusId);
}
