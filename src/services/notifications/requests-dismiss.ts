/**
 * Dismissing notification requests (Mastodon's DismissNotificationRequestService and
 * FilteredNotificationCleanupWorker): the request goes, and with it the sender's filtered
 * notifications. Later filtered mentions from the same sender open a new request.
 */
import type { AppContext } from "../../context";
import { notFound } from "../../model/errors";
import { deleteNotificationRequest, findNotificationRequests, type NotificationRequestRow } from "../../db/queries/notification-requests";
import { deleteFilteredNotificationsFrom } from "../../db/queries/notifications";
import { transaction } from "../../db/transaction";

/** Dismisses the recipient's request `id`; 404 when it is unknown or not theirs. No side effects. */
export function dismissNotificationRequest(ctx: AppContext, accountId: number, id: number): void {
  transaction(ctx.db, () => {
    const rows = findNotificationRequests(ctx, accountId, [id]);
    if (rows.length === 0) throw notFound();
    dismissRows(ctx, accountId, rows);
  });
}

/** Dismisses those of `ids` that are the recipient's requests (others are ignored); returns how many. No side effects. */
export function dismissNotificationRequests(ctx: AppContext, accountId: number, ids: readonly number[]): number {
  return transaction(ctx.db, () => {
    const rows = findNotificationRequests(ctx, accountId, ids);
    dismissRows(ctx, accountId, rows);
    return rows.length;
  });
}

function dismissRows(ctx: AppContext, accountId: number, rows: NotificationRequestRow[]): void {
  for (const r of rows) {
    deleteFilteredNotificationsFrom(ctx.db, accountId, r.from_account_id);
    deleteNotificationRequest(ctx.db, r.id);
  }
}
