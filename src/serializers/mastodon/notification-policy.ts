/** The notification policy → Mastodon's NotificationPolicy (v2) and V1::NotificationPolicy. Pure. */
import type { NotificationPolicyRow } from "../../services/notifications/policy";

/** Counts of filtered notifications waiting in requests. */
export interface PolicySummary {
  pendingRequests: number;
  pendingNotifications: number;
}

function summary(s: PolicySummary): Record<string, number> {
  return { pending_requests_count: s.pendingRequests, pending_notifications_count: s.pendingNotifications };
}

/** NotificationPolicy (GET/PATCH /api/v2/notifications/policy). */
export function toMastodonNotificationPolicy(p: NotificationPolicyRow, s: PolicySummary): Record<string, unknown> {
  return { ...p, summary: summary(s) };
}

/** V1::NotificationPolicy: booleans, true when the kind of sender is not simply accepted. */
export function toMastodonNotificationPolicyV1(p: NotificationPolicyRow, s: PolicySummary): Record<string, unknown> {
  return {
    filter_not_following: p.for_not_following !== "accept",
    filter_not_followers: p.for_not_followers !== "accept",
    filter_new_accounts: p.for_new_accounts !== "accept",
    filter_private_mentions: p.for_private_mentions !== "accept",
    summary: summary(s),
  };
}
