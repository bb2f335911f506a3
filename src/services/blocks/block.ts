/** BlockService / UnblockService. */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
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
  ctx.db.transaction(() => {
    const ours = followRef(ctx, "follows", sourceId, target.id) ?? followRef(ctx, "follow_requests", sourceId, target.id);
    const theirs = followRef(ctx, "follows", target.id, sourceId) ?? followRef(ctx, "follow_requests", target.id, sourceId);
    deleteFollow(ctx, sourceId, target.id);
    deleteFollow(ctx, target.id, sourceId);
    deleteFollowRequest(ctx, sourceId, target.id);
    deleteFollowRequest(ctx, target.id, sourceId);
    const id = ctx.ids.next();
    const me = ctx.db.query<{ uri: string }, [number]>("SELECT uri FROM accounts WHERE id = ?").get(sourceId)!;
    const ins = ctx.db.query("INSERT OR IGNORE INTO blocks (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(id, sourceId, target.id, blockUri(ctx, me.uri, id), ctx.now());
    if (ours) publishUnfollow(ctx, sourceId, target, ours);
    if (theirs) publishFollowAnswer(ctx, "Reject", sourceId, target, theirs);
    if (ins.changes > 0) publishBlock(ctx, sourceId, target, id);
  }).immediate();
}

/** Removes the block of `sourceId` on `target`, if any; a remote target gets Undo(Block). */
export function unblockAccount(ctx: AppContext, sourceId: number, target: AccountRow): void {
  ctx.db.transaction(() => {
    const row = ctx.db.query<{ id: number }, [number, number]>("DELETE FROM blocks WHERE account_id = ? AND target_account_id = ? RETURNING id").get(sourceId, target.id);
    if (row) publishUnblock(ctx, sourceId, target, row.id);
  }).immediate();
}
