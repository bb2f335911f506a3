/**
 * Accepting notification requests (Mastodon's AcceptNotificationRequestService and
 * UnfilterNotificationsWorker): the sender's filtered notifications join the lists, and later
 * ones skip the policy. Hearth merges inside the request's transaction, so the merge is done
 * when the call returns.
 */
import type { AppContext } from "../../context";
import { notFound } from "../../model/errors";
import { deleteNotificationRequest, findNotificationRequests, type NotificationRequestRow } from "../../db/queries/notification-requests";
import { insertNotificationPermission } from "../../db/queries/notification-permissions";
import { listFilteredNotificationsFrom, unfilterNotification } from "../../db/queries/notifications";
import { transaction } from "../../db/transaction";
import { groupKeyFor } from "./group-key";

/** Accepts the recipient's request `id`; 404 when it is unknown or not theirs. Enqueues stream.notifications_merged. */
export function acceptNotificationRequest(ctx: AppContext, accountId: number, id: number): void {
  transaction(ctx.db, () => {
    const rows = findNotificationRequests(ctx, accountId, [id]);
    if (rows.length === 0) throw notFound();
    acceptRows(ctx, accountId, rows);
  });
}

/**
 * Accepts those of `ids` that are the recipient's requests (others are ignored, as in
 * Mastodon's accept_bulk); returns how many. Enqueues stream.notifications_merged when any was.
 */
export function acceptNotificationRequests(ctx: AppContext, accountId: number, ids: readonly number[]): number {
  return transaction(ctx.db, () => {
    const rows = findNotificationRequests(ctx, accountId, ids);
    acceptRows(ctx, accountId, rows);
    return rows.length;
  });
}

function acceptRows(ctx: AppContext, accountId: number, rows: NotificationRequestRow[]): void {
  if (rows.length === 0) return;
  for (const r of rows) {
    insertNotificationPermission(ctx.db, accountId, r.from_account_id, ctx.now());
    unfilterFrom(ctx, accountId, r.from_account_id);
    deleteNotificationRequest(ctx.db, r.id);
  }
  ctx.jobs.enqueue("stream.notifications_merged", { accountId });
}

/**
 * Un-filters every notification `accountId` holds from `fromAccountId`, oldest first, giving
 * the groupable ones the group key they would have had (joining a group of their time window).
 */
export function unfilterFrom(ctx: AppContext, accountId: number, fromAccountId: number): number {
  const rows = listFilteredNotificationsFrom(ctx.db, accountId, fromAccountId);
  for (const n of rows) unfilterNotification(ctx.db, n.id, groupKeyFor(ctx, accountId, n.type, n.status_id, n.created_at));
  return rows.length;
}
