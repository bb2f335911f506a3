/** A loaded notification request → Mastodon's NotificationRequest entity. Pure. */
import type { NotificationRequestRow } from "../../db/queries/notification-requests";
import { iso } from "./time";

/** NotificationRequest: the sender's Account and newest filtered post (null when gone or hidden); the count is a string. */
export function toMastodonNotificationRequest(
  r: NotificationRequestRow,
  account: Record<string, unknown>,
  lastStatus: Record<string, unknown> | null,
): Record<string, unknown> {
  return {
    id: String(r.id),
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
    notifications_count: String(r.notifications_count),
    account,
    last_status: lastStatus,
  };
}
