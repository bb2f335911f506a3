/** Loads notification requests with their senders and last posts in a fixed number of queries. */
import type { AppContext } from "../../context";
import type { NotificationRequestRow } from "../queries/notification-requests";
import { visibleStatusIds } from "../queries/timelines";
import { loadAccountViews } from "./accounts";
import { loadStatusRows, loadStatusViews } from "./statuses";
import { toMastodonNotificationRequest } from "../../serializers/mastodon/notification-request";

/**
 * Serialized NotificationRequests in the given order, as their recipient `viewerId` sees them;
 * requests whose sender is gone are left out, a last post the viewer cannot see is null.
 */
export function notificationRequestList(
  ctx: AppContext,
  rows: readonly NotificationRequestRow[],
  viewerId: number,
): Record<string, unknown>[] {
  const accounts = loadAccountViews(
    ctx,
    rows.map((r) => r.from_account_id),
  );
  const statusRows = loadStatusRows(
    ctx,
    rows.map((r) => r.last_status_id).filter((x): x is number => x !== null),
  );
  const visible = visibleStatusIds(ctx, [...statusRows.values()], viewerId);
  const statuses = loadStatusViews(ctx, [...visible], viewerId);
  const out: Record<string, unknown>[] = [];
  for (const r of rows) {
    const account = accounts.get(r.from_account_id);
    if (!account) continue;
    out.push(toMastodonNotificationRequest(r, account, (r.last_status_id !== null && statuses.get(r.last_status_id)) || null));
  }
  return out;
}
