/** MuteService / UnmuteService. */
import type { AppContext } from "../../context";
import { isFollowing } from "../../db/queries/follows";
import { deleteMute, upsertMute } from "../../db/queries/mutes";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { backfillFeed, unmergeFeed } from "../feeds";

/**
 * `sourceId` mutes `target` (optionally also its notifications, optionally for `durationSec`
 * seconds; 0 means forever) and drops the target's posts from the home feed. Calling again
 * updates the options.
 */
export function muteAccount(
  ctx: AppContext,
  sourceId: number,
  target: AccountRow,
  o: { notifications?: boolean; durationSec?: number },
): void {
  if (target.id === sourceId) throw new ApiError(404, "Record not found");
  const now = ctx.now();
  const expiresAt = o.durationSec ? now + o.durationSec * 1000 : null;
  const hide = o.notifications ?? true;
  transaction(ctx.db, () => {
    upsertMute(ctx.db, ctx.ids.next(), sourceId, target.id, hide, expiresAt, now);
    unmergeFeed(ctx, sourceId, target.id);
  });
}

/** Removes the mute and, when still following, puts the target's recent posts back in the feed. */
export function unmuteAccount(ctx: AppContext, sourceId: number, target: AccountRow): void {
  transaction(ctx.db, () => {
    if (deleteMute(ctx.db, sourceId, target.id) && isFollowing(ctx.db, sourceId, target.id)) backfillFeed(ctx, sourceId, target.id);
  });
}
