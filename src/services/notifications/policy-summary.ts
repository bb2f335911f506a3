/** The summary of a notification policy: filtered notifications waiting for the user. */
import type { AppContext } from "../../context";
import type { PolicySummary } from "../../serializers/mastodon/notification-policy";
import { notificationRequestCounts } from "../../db/queries/notification-requests";

/**
 * Pending requests of `accountId` (at most 100) and the filtered mentions they hold, as
 * Mastodon's NotificationPolicy#summarize! counts them.
 */
export function policySummary(ctx: AppContext, accountId: number): PolicySummary {
  const c = notificationRequestCounts(ctx, accountId);
  return { pendingRequests: c.requests, pendingNotifications: c.notifications };
}
