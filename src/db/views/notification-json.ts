/**
 * Notifications serialized straight to JSON text from the status and account caches, as the
 * home timeline is (status-json.ts): each status is loaded once (its cached row serves the
 * visibility check too), and the text is byte for byte JSON.stringify(notificationList(…)).
 */
import type { AppContext } from "../../context";
import type { AccountRow } from "../rows";
import { visibleStatusIds } from "../queries/timelines";
import { accountJson, loadAccountViews } from "./accounts";
import { loadNotificationReports } from "./notification-reports";
import { loadNotificationWarnings } from "./notification-warnings";
import { notificationListFromRows } from "./notifications";
import type { StatusEntry } from "./status-cache";
import { loadStatusEntries, statusJsonTexts, type LoadedEntries } from "./status-json";
import { toMastodonNotificationJson, type NotificationRow } from "../../serializers/mastodon/notification";

/** The statuses a page of notifications shows, loaded once. */
export interface ShownEntries {
  loaded: LoadedEntries;
  /**
   * By notification id: the entry of the status it shows (a boost's original), or null for a
   * notification without one; absent when that status is gone or invisible to the viewer.
   */
  shown: Map<number, StatusEntry | null>;
}

/**
 * What shownStatuses (notifications.ts) decides, from the status cache: null where the cache
 * cannot be used (inside a transaction). One visibility query besides the cache's own.
 */
export function loadShownEntries(ctx: AppContext, rows: readonly NotificationRow[], viewerId: number): ShownEntries | null {
  const loaded = loadStatusEntries(
    ctx,
    rows.map((r) => r.status_id).filter((x): x is number => x !== null),
  );
  if (!loaded) return null;
  const { entries } = loaded;
  const shownOf = (id: number): StatusEntry | undefined => {
    const e = entries.get(id);
    const o = e && (e.row.reblog_of_id === null ? e : entries.get(e.row.reblog_of_id));
    // (A boost of a boost, which no service makes, would need a third level: left out.)
    return o && o.row.reblog_of_id === null ? o : undefined;
  };
  const candidates = new Map<number, StatusEntry>();
  for (const r of rows) {
    const e = r.status_id === null ? undefined : shownOf(r.status_id);
    if (e) candidates.set(e.row.id, e);
  }
  // The entries' author rows are current (status-json.ts checks them): suspension is read there.
  const authors = new Map<number, AccountRow>();
  for (const e of candidates.values()) if (e.deps[0]) authors.set(e.row.account_id, e.deps[0]);
  const visible = visibleStatusIds(
    ctx,
    [...candidates.values()].map((e) => e.row),
    viewerId,
    authors,
  );
  const shown = new Map<number, StatusEntry | null>();
  for (const r of rows) {
    if (r.status_id === null) {
      shown.set(r.id, null);
      continue;
    }
    const e = shownOf(r.status_id);
    if (e && visible.has(e.row.id)) shown.set(r.id, e);
  }
  return { loaded, shown };
}

/** JSON texts of the shown statuses among `entries` (each once), by status id, as `viewerId` sees them. */
export function shownStatusJson(
  ctx: AppContext,
  s: ShownEntries,
  entries: Iterable<StatusEntry | null | undefined>,
  viewerId: number,
): Map<number, string> {
  const unique = new Map<number, StatusEntry>();
  for (const e of entries) if (e) unique.set(e.row.id, e);
  const list = [...unique.values()];
  const texts = statusJsonTexts(ctx, s.loaded, list, viewerId);
  return new Map(list.map((e, i) => [e.row.id, texts[i]!]));
}

/** JSON.stringify(notificationListFromRows(ctx, rows, viewerId)), from the caches where possible. */
export function notificationListJson(ctx: AppContext, rows: NotificationRow[], viewerId: number): string {
  const s = loadShownEntries(ctx, rows, viewerId);
  if (!s) return JSON.stringify(notificationListFromRows(ctx, rows, viewerId));
  const accounts = loadAccountViews(
    ctx,
    rows.map((r) => r.from_account_id),
  );
  const kept = rows.filter((n) => accounts.has(n.from_account_id) && s.shown.has(n.id));
  const statuses = shownStatusJson(
    ctx,
    s,
    kept.map((n) => s.shown.get(n.id)),
    viewerId,
  );
  const reports = loadNotificationReports(ctx, kept);
  const warnings = loadNotificationWarnings(ctx, kept);
  const out = kept.map((n) => {
    const entry = s.shown.get(n.id);
    const report = n.report_id ? reports.get(n.report_id) : null;
    const warning = n.account_warning_id ? warnings.get(n.account_warning_id) : null;
    return toMastodonNotificationJson(
      n,
      accountJson(accounts.get(n.from_account_id)!),
      entry ? statuses.get(entry.row.id)! : null,
      report ? JSON.stringify(report) : null,
      warning ? JSON.stringify(warning) : null,
    );
  });
  return "[" + out.join(",") + "]";
}
