/** Dismissing a notification group (POST /api/v2/notifications/:group_key/dismiss). */
import type { AppContext } from "../../context";
import { ungroupedId } from "../../db/queries/notification-groups";
import { deleteNotification, deleteNotificationGroup } from "../../db/queries/notifications";
import { transaction } from "../../db/transaction";

/**
 * Deletes every notification of `accountId` in group `groupKey` ("ungrouped-<id>" is that one
 * notification); returns how many. Unknown keys delete nothing, as in Mastodon. No side effects.
 */
export function dismissNotificationGroup(ctx: AppContext, accountId: number, groupKey: string): number {
  return transaction(ctx.db, () => {
    const id = ungroupedId(groupKey);
    return id !== undefined ? deleteNotification(ctx.db, accountId, id) : deleteNotificationGroup(ctx.db, accountId, groupKey);
  });
}
