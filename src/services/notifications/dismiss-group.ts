/** Dismissing a notification group (POST /api/v2/notifications/:group_key/dismiss). */
import type { AppContext } from "../../context";
import { ungroupedId } from "../../db/queries/notification-groups";

/**
 * Deletes every notification of `accountId` in group `groupKey` ("ungrouped-<id>" is that one
 * notification); returns how many. Unknown keys delete nothing, as in Mastodon. No side effects.
 */
export function dismissNotificationGroup(ctx: AppContext, accountId: number, groupKey: string): number {
  return ctx.db.transaction(() => {
    const id = ungroupedId(groupKey);
    const r = id !== undefined
      ? ctx.db.query("DELETE FROM notifications WHERE account_id = ? AND id = ?").run(accountId, id)
      : ctx.db.query("DELETE FROM notifications WHERE account_id = ? AND group_key = ?").run(accountId, groupKey);
    return r.changes;
  }).immediate();
}
