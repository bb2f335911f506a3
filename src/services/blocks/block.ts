/** BlockService / UnblockService. */
import type { AppContext } from "../../context";
import { getAccountUri } from "../../db/queries/accounts";
import { deleteBlock, insertBlockIfMissing } from "../../db/queries/blocks";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { deleteFollow, deleteFollowRequest } from "../follows/rows";
import { followRef } from "../follows/unfollow";
import { blockUri, publishBlock, publishFollowAnswer, publishUnblock, publishUnfollow } from "../federation/interactions";

/**
 * `sourceId` blocks `target`: follows and follow requests both ways are removed (with their
 * counters and home feed entries), then the block row is written. Idempotent. A remote target
 * gets, as from Mastodon, Undo(Follow) for our follow, Reject(Follow) for theirs, then Block.
 */
export function blockAccount(ctx: AppContext, sourceId: number, target: AccountRow): void {
  if (target.id === sourceId) throw new ApiError(404, "Record not found");
  transaction(ctx.db, () => {
    const ours = followRef(ctx, "follows", sourceId, target.id) ?? followRef(ctx, "follow_requests", sourceId, target.id);
    const theirs = followRef(ctx, "follows", target.id, sourceId) ?? followRef(ctx, "follow_requests", target.id, sourceId);
    deleteFollow(ctx, sourceId, target.id);
    deleteFollow(ctx, target.id, sourceId);
    deleteFollowRequest(ctx, sourceId, target.id);
    deleteFollowRequest(ctx, target.id, sourceId);
    const id = ctx.ids.next();
    const myUri = getAccountUri(ctx.db, sourceId)!;
    const added = insertBlockIfMissing(ctx.db, id, sourceId, target.id, blockUri(ctx, myUri, id), ctx.now());
    if (ours) publishUnfollow(ctx, sourceId, target, ours);
    if (theirs) publishFollowAnswer(ctx, "Reject", sourceId, target, theirs);
    if (added) publishBlock(ctx, sourceId, target, id);
  });
}

/** Removes the block of `sourceId` on `target`, if any; a remote target gets Undo(Block). */
export function unblockAccount(ctx: AppContext, sourceId: number, target: AccountRow): void {
  transaction(ctx.db, () => {
    const blockId = deleteBlock(ctx.db, sourceId, target.id);
    if (blockId !== null) publishUnblock(ctx, sourceId, target, blockId);
  });
}
