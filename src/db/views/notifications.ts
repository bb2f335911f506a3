/**
 * Loads a page of notifications with their accounts and statuses in a fixed number of
 * queries; notifications whose status the viewer can no longer see are skipped.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { selectIn } from "../sql";
import { loadAccountViews } from "./accounts";
import { loadNotificationReports } from "./notification-reports";
import { loadNotificationWarnings } from "./notification-warnings";
import { loadStatusRows, loadStatusViews } from "./statuses";
import { visibleStatusIds } from "../queries/timelines";
import { countNotificationIdsAfter, type NotificationFilter } from "../queries/notifications-page";
import { toMastodonNotification, type NotificationRow } from "../../serializers/mastodon/notification";

/** Notification rows by id for one recipient (other users' ids are simply absent). */
export function loadNotificationRows(ctx: AppContext, ids: readonly number[], viewerId: number): NotificationRow[] {
  const rows = selectIn<NotificationRow>(ctx.db, (ph) => `SELECT * FROM notifications WHERE account_id = ? AND id IN (${ph})`, ids, [
    viewerId,
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is NotificationRow => !!r);
}

/**
 * The status each notification shows (a boost is shown as the boosted status), or null when
 * it has none; notifications whose status is gone or invisible to `viewerId` are left out.
 */
export function shownStatuses(ctx: AppContext, rows: NotificationRow[], viewerId: number): Map<number, StatusRow | null> {
  const statusRows = loadStatusRows(
    ctx,
    rows.map((r) => r.status_id).filter((x): x is number => x !== null),
  );
  const originals = loadStatusRows(
    ctx,
    [...statusRows.values()].map((s) => s.reblog_of_id).filter((x): x is number => x !== null),
  );
  const shown = (id: number) => {
    const s = statusRows.get(id);
    return s && (s.reblog_of_id === null ? s : originals.get(s.reblog_of_id));
  };
  const candidates = rows.map((r) => (r.status_id === null ? undefined : shown(r.status_id))).filter((s): s is StatusRow => !!s);
  const visible = visibleStatusIds(ctx, [...new Map(candidates.map((s) => [s.id, s])).values()], viewerId);
  const out = new Map<number, StatusRow | null>();
  for (const r of rows) {
    if (r.status_id === null) {
      out.set(r.id, null);
      continue;
    }
    const s = shown(r.status_id);
    if (s && visible.has(s.id)) out.set(r.id, s);
  }
  return out;
}

/** Serialized Notifications in the given order, as seen by their recipient `viewerId`. */
export function notificationList(ctx: AppContext, ids: readonly number[], viewerId: number): Record<string, unknown>[] {
  return notificationListFromRows(ctx, loadNotificationRows(ctx, ids, viewerId), viewerId);
}

/** notificationList for already-loaded rows of `viewerId`. */
export function notificationListFromRows(ctx: AppContext, rows: NotificationRow[], viewerId: number): Record<string, unknown>[] {
  const shown = shownStatuses(ctx, rows, viewerId);
  const statusIds = [...new Set([...shown.values()].filter((s): s is StatusRow => !!s).map((s) => s.id))];
  const statusViews = loadStatusViews(ctx, statusIds, viewerId);
  const accounts = loadAccountViews(
    ctx,
    rows.map((r) => r.from_account_id),
  );
  const reports = loadNotificationReports(ctx, rows);
  const warnings = loadNotificationWarnings(ctx, rows);
  const out: Record<string, unknown>[] = [];
  for (const n of rows) {
    const account = accounts.get(n.from_account_id);
    if (!account || !shown.has(n.id)) continue;
    const s = shown.get(n.id);
    const status = s ? statusViews.get(s.id) : null;
    if (status === undefined) continue;
    out.push(
      toMastodonNotification(
        n,
        account,
        status,
        n.report_id ? reports.get(n.report_id) : null,
        n.account_warning_id ? warnings.get(n.account_warning_id) : null,
      ),
    );
  }
  return out;
}

/** One serialized notification of `viewerId`, or undefined when absent or hidden. */
export function notificationView(ctx: AppContext, id: number, viewerId: number): Record<string, unknown> | undefined {
  return notificationList(ctx, [id], viewerId)[0];
}

/**
 * Unread count: notifications newer than `afterId` that the list would show, among the
 * newest `cap` (a fixed number of queries however many there are).
 */
export function countUnreadNotifications(ctx: AppContext, viewerId: number, f: NotificationFilter, afterId: number, cap: number): number {
  const rows = loadNotificationRows(ctx, countNotificationIdsAfter(ctx, viewerId, f, afterId, cap), viewerId);
  return shownStatuses(ctx, rows, viewerId).size;
}
