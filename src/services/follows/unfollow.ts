/** UnfollowService: stop following an account or withdraw a pending follow request. */
import type { AppContext } from "../../context";
import { getFollowRef } from "../../db/queries/follows";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { deleteFollow, deleteFollowRequest } from "./rows";
import { publishFollowAnswer, publishUnfollow, type FollowRef } from "../federation/interactions";

/** The follows or follow_requests row of `followerId` → `targetId` (id and Follow uri), if any. */
export function followRef(ctx: AppContext, table: "follows" | "follow_requests", followerId: number, targetId: number): FollowRef | null {
  return getFollowRef(ctx.db, table, followerId, targetId);
}

/** Removes the follow (counters, home feed) or the pending request of `sourceId` to `target`; a remote target gets Undo(Follow). */
export function unfollowAccount(ctx: AppContext, sourceId: number, target: AccountRow): void {
  transaction(ctx.db, () => {
    const ref = followRef(ctx, "follows", sourceId, target.id) ?? followRef(ctx, "follow_requests", sourceId, target.id);
    deleteFollow(ctx, sourceId, target.id);
    deleteFollowRequest(ctx, sourceId, target.id);
    if (ref) publishUnfollow(ctx, sourceId, target, ref);
  });
}

/** Makes `follower` stop following `ownerId` (remove_from_followers); a remote follower gets Reject(Follow). */
export function removeFromFollowers(ctx: AppContext, ownerId: number, follower: AccountRow): void {
  transaction(ctx.db, () => {
    const ref = followRef(ctx, "follows", follower.id, ownerId);
    deleteFollow(ctx, follower.id, ownerId);
    if (ref) publishFollowAnswer(ctx, "Reject", ownerId, follower, ref);
  });
}
