/**
 * Accepting notification requests (Mastodon's AcceptNotificationRequestService and
 * UnfilterNotificationsWorker): the sender's filtered notifications join the lists, and later
 * ones skip the policy. Hearth merges inside the request's transaction, so the merge is done
 * when the call returns.
 */
import type { AppContext } from "../../context";
import { notFound } from "../../model/errors";
import { findNotificationRequests, type NotificationRequestRow } from "../../db/queries/notification-requests";
import { groupKeyFor } from "./group-key";

/** Accepts the recipient's request `id`; 404 when it is unknown or not theirs. Enqueues stream.notifications_merged. */
export function acceptNotificationRequest(ctx: AppContext, accountId: number, id: number): void {
  ctx.db.transaction(() => {
    const rows = findNotificationRequests(ctx, accountId, [id]);
    if (rows.length === 0) throw notFound();
    acceptRows(ctx, accountId, rows);
  }).immediate();
}

/**
 * Accepts those of `ids` that are the recipient's requests (others are ignored, as in
 * Mastodon's accept_bulk); returns how many. Enqueues stream.notifications_merged when any was.
 */
export function acceptNotificationRequests(ctx: AppContext, accountId: number, ids: readonly number[]): number {
  return ctx.db.transaction(() => {
    const rows = findNotificationRequests(ctx, accountId, ids);
    acceptRows(ctx, accountId, rows);
    return rows.length;
  }).immediate();
}

function acceptRows(ctx: AppContext, accountId: number, rows: NotificationRequestRow[]): void {
  if (rows.length === 0) return;
  const db = ctx.db;
  const permit = db.query("INSERT OR IGNORE INTO notification_permissions (account_id, from_account_id, created_at) VALUES (?, ?, ?)");
  const drop = db.query("DELETE FROM notification_requests WHERE id = ?");
  for (const r of rows) {
    permit.run(accountId, r.from_account_id, ctx.now());
    unfilterFrom(ctx, accountId, r.from_account_id);
    drop.run(r.id);
  }
  ctx.jobs.enqueue("stream.notifications_merged", { accountId });
}

/**
 * Un-filters every notification `accountId` holds from `fromAccountId`, oldest first, giving
 * the groupable ones the group key they would have had (joining a group of their time window).
 */
export function unfilterFrom(ctx: AppContext, accountId: number, fromAccountId: number): number {
  const rows = ctx.db.query<{ id: number; type: string; status_id: number | null; created_at: number }, [number, number]>(
    "SELECT id, type, status_id, created_at FROM notifications WHERE account_id = ? AND from_account_id = ? AND filtered = 1 ORDER BY id",
  ).all(accountId, fromAccountId);
  const set = ctx.db.query("UPDATE notifications SET filtered = 0, group_key = ? WHERE id = ?");
  for (const n of rows) set.run(groupKeyFor(ctx, accountId, n.type, n.status_id, n.created_at), n.id);
  return rows.length;
}
