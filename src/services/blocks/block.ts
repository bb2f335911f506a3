/** BlockService / UnblockService. */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { ApiError } from "../../http/errors";
import { deleteFollow, deleteFollowRequest } from "../follows/rows";

/**
 * `sourceId` blocks `target`: follows and follow requests both ways are removed (with their
 * counters and home feed entries), then the block row is written. Idempotent.
 */
export function blockAccount(ctx: AppContext, sourceId: number, target: AccountRow): void {
  if (target.id === sourceId) throw new ApiError(404, "Record not found");
  ctx.db.transaction(() => {
    deleteFollow(ctx, sourceId, target.id);
    deleteFollow(ctx, target.id, sourceId);
    deleteFollowRequest(ctx, sourceId, target.id);
    deleteFollowRequest(ctx, target.id, sourceId);
    ctx.db.query("INSERT OR IGNORE INTO blocks (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)").run(ctx.ids.next(), sourceId, target.id, ctx.now());
    // federation: for a remote target, enqueue Block delivery here.
  }).immediate();
}

/** Removes the block of `sourceId` on `target`, if any. */
export function unblockAccount(ctx: AppContext, sourceId: number, target: AccountRow): void {
  ctx.db.transaction(() => {
    ctx.db.query("DELETE FROM blocks WHERE account_id = ? AND target_account_id = ?").run(sourceId, target.id);
    // federation: for a remote target, enqueue Undo(Block) delivery here.
  }).immediate();
}
