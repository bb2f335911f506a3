/** Gathering filtered mentions into notification requests (Mastodon's update_notification_request!). */
import type { AppContext } from "../../context";
import { upsertNotificationRequest } from "../../db/queries/notification-requests";
import { countFilteredMentionsFrom } from "../../db/queries/notifications";

/** A request counts at most this many notifications (Mastodon's MAX_MEANINGFUL_COUNT). */
export const MAX_MEANINGFUL_COUNT = 100;

/**
 * Creates or refreshes the request of `accountId` from `fromAccountId` after a filtered
 * notification was stored: only mentions make requests, as in Mastodon (other filtered
 * notifications wait silently and come back if the sender's request is accepted). Call inside
 * the transaction that inserted the notification. No side effects.
 */
export function recordFilteredNotification(
  ctx: AppContext,
  n: { accountId: number; fromAccountId: number; type: string; statusId: number | null },
): void {
  if (n.type !== "mention" || n.statusId === null) return;
  const count = countFilteredMentionsFrom(ctx.db, n.accountId, n.fromAccountId, MAX_MEANINGFUL_COUNT);
  upsertNotificationRequest(ctx.db, {
    id: ctx.ids.next(),
    accountId: n.accountId,
    fromAccountId: n.fromAccountId,
    lastStatusId: n.statusId,
    count,
    now: ctx.now(),
  });
}
