/**
 * Dismissing notification requests (Mastodon's DismissNotificationRequestService and
 * FilteredNotificationCleanupWorker): the request goes, and with it the sender's filtered
 * notifications. Later filtered mentions from the same sender open a new request.
 */
import type { AppContext } from "../../context";
import { notFound } from "../../model/errors";
import { findNotificationRequests, type NotificationRequestRow } from "../../db/queries/notification-requests";

/** Dismisses the recipient's request `id`; 404 when it is unknown or not theirs. No side effects. */
export function dismissNotificationRequest(ctx: AppContext, accountId: number, id: number): void {
  ctx.db.transaction(() => {
    const rows = findNotificationRequests(ctx, accountId, [id]);
    if (rows.length === 0) throw notFound();
    dismissRows(ctx, accountId, rows);
  }).immediate();
}

/** Dismisses those of `ids` that are the recipient's requests (others are ignored); returns how many. No side effects. */
export function dismissNotificationRequests(ctx: AppContext, accountId: number, ids: readonly number[]): number {
  return ctx.db.transaction(() => {
    const rows = findNotificationRequests(ctx, accountId, ids);
    dismissRows(ctx, accountId, rows);
    return rows.length;
  }).immediate();
}

function dismissRows(ctx: AppContext, accountId: number, rows: NotificationRequestRow[]): void {
  const clean = ctx.db.query("DELETE FROM notifications WHERE account_id = ? AND from_account_id = ? AND filtered = 1");
  const drop = ctx.db.query("DELETE FROM notification_requests WHERE id = ?");
  for (const r of rows) {
    clean.run(accountId, r.from_account_id);
    drop.run(r.id);
  }
}
