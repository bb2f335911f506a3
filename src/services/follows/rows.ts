/**
 * Low-level follow and follow-request writes that keep the account counters and home feeds
 * in step. Call only inside a service's transaction.
 */
import type { AppContext } from "../../context";
import { decrementFollowCounter, getAccountDomain, incrementFollowCounter } from "../../db/queries/accounts";
import { deleteFollowRequestRow } from "../../db/queries/follow-requests";
import { deleteFollowRow, insertFollowIfMissing } from "../../db/queries/follows";
import { deleteFollowNotification, deleteFollowRequestNotification } from "../../db/queries/notifications";
import { backfillFeed, unmergeFeed } from "../feeds";
import { removeFromLists } from "../lists/feed";
import { removeEndorsement } from "../endorsements/endorse";

export interface FollowOptions {
  reblogs?: boolean;
  notify?: boolean;
  languages?: string[] | null;
}

/** Inserts a follows row (if missing), bumps both counters and backfills the follower's home feed. */
export function insertFollow(
  ctx: AppContext,
  followerId: number,
  targetId: number,
  o: { showReblogs: boolean; notify: boolean; languages: string | null; uri?: string | null },
): boolean {
  const db = ctx.db;
  const added = insertFollowIfMissing(db, {
    id: ctx.ids.next(),
    account_id: followerId,
    target_account_id: targetId,
    show_reblogs: o.showReblogs ? 1 : 0,
    notify: o.notify ? 1 : 0,
    languages: o.languages,
    uri: o.uri ?? null,
    created_at: ctx.now(),
  });
  if (!added) return false;
  incrementFollowCounter(db, followerId, "following_count");
  incrementFollowCounter(db, targetId, "followers_count");
  const follower = getAccountDomain(db, followerId);
  if (follower && follower.domain === null) backfillFeed(ctx, followerId, targetId);
  return true;
}

/**
 * Deletes a follows row (if any), lowers both counters and removes the target's posts from the
 * follower's feed and lists, the endorsement, and the `follow` notification (Mastodon's Follow
 * destroys its notification, so following again notifies again).
 */
export function deleteFollow(ctx: AppContext, followerId: number, targetId: number): boolean {
  const db = ctx.db;
  deleteFollowNotification(db, targetId, followerId);
  if (!deleteFollowRow(db, followerId, targetId)) return false;
  decrementFollowCounter(db, followerId, "following_count");
  decrementFollowCounter(db, targetId, "followers_count");
  unmergeFeed(ctx, followerId, targetId);
  removeFromLists(ctx, followerId, targetId);
  removeEndorsement(ctx, followerId, targetId);
  return true;
}

/** Deletes a pending follow request and the `follow_request` notification it caused. */
export function deleteFollowRequest(ctx: AppContext, followerId: number, targetId: number): boolean {
  const db = ctx.db;
  const deleted = deleteFollowRequestRow(db, followerId, targetId);
  deleteFollowRequestNotification(db, targetId, followerId);
  return deleted;
}

/** Languages as stored (JSON array or NULL for "all"). */
export function languagesJson(l: string[] | null | undefined): string | null {
  return l && l.length ? JSON.stringify(l) : null;
}
