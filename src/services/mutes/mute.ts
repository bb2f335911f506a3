/** MuteService / UnmuteService. */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { ApiError } from "../../model/errors";
import { backfillFeed, unmergeFeed } from "../feeds";

/**
 * `sourceId` mutes `target` (optionally also its notifications, optionally for `durationSec`
 * seconds; 0 means forever) and drops the target's posts from the home feed. Calling again
 * updates the options.
 */
export function muteAccount(ctx: AppContext, sourceId: number, target: AccountRow, o: { notifications?: boolean; durationSec?: number }): void {
  if (target.id === sourceId) throw new ApiError(404, "Record not found");
  const now = ctx.now();
  const expiresAt = o.durationSec ? now + o.durationSec * 1000 : null;
  const hide = o.notifications ?? true;
  ctx.db.transaction(() => {
    ctx.db
      .query(
        `INSERT INTO mutes (id, account_id, target_account_id, hide_notifications, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, target_account_id) DO UPDATE SET hide_notifications = excluded.hide_notifications, expires_at = excluded.expires_at`,
      )
      .run(ctx.ids.next(), sourceId, target.id, hide ? 1 : 0, expiresAt, now);
    unmergeFeed(ctx, sourceId, target.id);
  }).immediate();
}

/** Removes the mute and, when still following, puts the target's recent posts back in the feed. */
export function unmuteAccount(ctx: AppContext, sourceId: number, target: AccountRow): void {
  ctx.db.transaction(() => {
    const res = ctx.db.query("DELETE FROM mutes WHERE account_id = ? AND target_account_id = ?").run(sourceId, target.id);
    if (res.changes && ctx.db.query("SELECT 1 FROM follows WHERE account_id = ? AND target_account_id = ?").get(sourceId, target.id)) {
      backfillFeed(ctx, sourceId, target.id);
    }
  }).immediate();
}
