/** Gathering filtered mentions into notification requests (Mastodon's update_notification_request!). */
import type { AppContext } from "../../context";

/** A request counts at most this many notifications (Mastodon's MAX_MEANINGFUL_COUNT). */
export const MAX_MEANINGFUL_COUNT = 100;

/**
 * Creates or refreshes the request of `accountId` from `fromAccountId` after a filtered
 * notification was stored: only mentions make requests, as in Mastodon (other filtered
 * notifications wait silently and come back if the sender's request is accepted). Call inside
 * the transaction that inserted the notification. No side effects.
 */
export function recordFilteredNotification(ctx: AppContext, n: { accountId: number; fromAccountId: number; type: string; statusId: number | null }): void {
  if (n.type !== "mention" || n.statusId === null) return;
  const count = ctx.db.query<{ c: number }, [number, number, number]>(
    `SELECT COUNT(*) AS c FROM (SELECT 1 FROM notifications
       WHERE account_id = ? AND from_account_id = ? AND filtered = 1 AND type = 'mention' LIMIT ?)`,
  ).get(n.accountId, n.fromAccountId, MAX_MEANINGFUL_COUNT)!.c;
  const t = ctx.now();
  ctx.db.query(
    `INSERT INTO notification_requests (id, account_id, from_account_id, last_status_id, notifications_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, from_account_id) DO UPDATE SET
       last_status_id = excluded.last_status_id, notifications_count = excluded.notifications_count, updated_at = excluded.updated_at`,
  ).run(ctx.ids.next(), n.accountId, n.fromAccountId, n.statusId, count, t, t);
}
