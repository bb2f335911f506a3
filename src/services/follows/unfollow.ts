/** UnfollowService: stop following an account or withdraw a pending follow request. */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { deleteFollow, deleteFollowRequest } from "./rows";

/** Removes the follow (counters, home feed) or the pending request of `sourceId` to `target`. */
export function unfollowAccount(ctx: AppContext, sourceId: number, target: AccountRow): void {
  ctx.db.transaction(() => {
    const followed = deleteFollow(ctx, sourceId, target.id);
    const requested = deleteFollowRequest(ctx, sourceId, target.id);
    if ((followed || requested) && target.domain !== null) {
      // federation: enqueue Undo(Follow) delivery to target.inbox_url here.
    }
  }).immediate();
}

/** Makes `follower` stop following `ownerId` (remove_from_followers). */
export function removeFromFollowers(ctx: AppContext, ownerId: number, follower: AccountRow): void {
  ctx.db.transaction(() => {
    deleteFollow(ctx, follower.id, ownerId);
    // federation: for a remote follower, enqueue Reject(Follow) delivery here.
  }).immediate();
}
