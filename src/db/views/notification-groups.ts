/**
 * GroupedNotificationsResults (GET /api/v2/notifications and /:group_key): the groups of a page
 * with their accounts and statuses deduplicated at the root, in a fixed number of queries.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { loadAccountViews } from "./accounts";
import { loadNotificationReports } from "./notification-reports";
import { loadNotificationWarnings } from "./notification-warnings";
import { shownStatuses } from "./notifications";
import { loadStatusViews } from "./statuses";
import { loadGroupData, type GroupRep } from "../queries/notification-groups";
import { toMastodonNotificationGroup, toPartialAccount, type NotificationGroupView } from "../../serializers/mastodon/notification-group";

/** Sample accounts per group (Mastodon's NotificationGroup::SAMPLE_ACCOUNTS_SIZE). */
export const SAMPLE_ACCOUNTS = 8;

export type ExpandAccounts = "full" | "partial_avatars";

export interface GroupedOptions {
  /** Ids [lo, hi] the page covers (Mastodon's pagination_range); null for a single group, without page fields. */
  range: { lo: number; hi: number } | null;
  expand: ExpandAccounts;
}

/** An empty GroupedNotificationsResults. */
export function emptyGroupedResults(expand: ExpandAccounts): Record<string, unknown> {
  return expand === "partial_avatars"
    ? { accounts: [], partial_accounts: [], statuses: [], notification_groups: [] }
    : { accounts: [], statuses: [], notification_groups: [] };
}

/**
 * Serializes the groups that `reps` stand for, as seen by their recipient `viewerId`. Groups whose
 * status is gone or invisible, or whose senders are all gone, are left out.
 */
export function groupedNotifications(ctx: AppContext, viewerId: number, reps: GroupRep[], o: GroupedOptions): Record<string, unknown> {
  const shown = shownStatuses(ctx, reps.map((r) => r.row), viewerId);
  const visible = reps.filter((r) => shown.has(r.row.id));
  const grouped = visible.filter((r) => !r.key.startsWith("ungrouped-")).map((r) => r.key);
  const data = loadGroupData(ctx, viewerId, grouped, o.range?.lo ?? 0, o.range?.hi ?? Number.MAX_SAFE_INTEGER, SAMPLE_ACCOUNTS);

  const views: NotificationGroupView[] = visible.map((r) => {
    const n = r.row;
    const statusId = (shown.get(n.id) as StatusRow | null)?.id ?? null;
    const d = data.get(r.key);
    if (!d) {
      const page = o.range ? { minId: n.id, maxId: n.id, latestAt: n.created_at } : undefined;
      return { key: r.key, type: n.type, count: 1, mostRecentId: n.id, sampleAccountIds: [n.from_account_id], statusId, page };
    }
    const page = o.range ? { minId: d.pageMinId ?? n.id, maxId: d.mostRecentId, latestAt: d.latestAt } : undefined;
    return { key: r.key, type: n.type, count: d.count, mostRecentId: d.mostRecentId, sampleAccountIds: d.sampleAccountIds, statusId, page };
  });

  // admin.report and moderation_warning groups carry their report or warning (they are never
  // grouped, so the row is the group's).
  const reports = loadNotificationReports(ctx, visible.map((r) => r.row));
  const warnings = loadNotificationWarnings(ctx, visible.map((r) => r.row));
  visible.forEach((r, i) => {
    if (r.row.type === "admin.report") views[i]!.extra = { report: (r.row.report_id ? reports.get(r.row.report_id) : null) ?? null };
    if (r.row.type === "moderation_warning") views[i]!.extra = { moderation_warning: (r.row.account_warning_id ? warnings.get(r.row.account_warning_id) : null) ?? null };
  });
  const accounts = loadAccountViews(ctx, [...new Set(views.flatMap((g) => g.sampleAccountIds))]);
  const statusViews = loadStatusViews(ctx, [...new Set(views.map((g) => g.statusId).filter((x): x is number => x !== null))], viewerId);
  const kept: NotificationGroupView[] = [];
  for (const g of views) {
    g.sampleAccountIds = g.sampleAccountIds.filter((id) => accounts.has(id));
    if (g.sampleAccountIds.length === 0) continue;
    if (g.statusId !== null && !statusViews.has(g.statusId)) continue;
    kept.push(g);
  }
  return assemble(kept, accounts, statusViews, o.expand);
}

/** Puts accounts and statuses at the root, once each (Mastodon's GroupedNotificationsPresenter). */
function assemble(
  groups: NotificationGroupView[],
  accounts: Map<number, Record<string, unknown>>,
  statuses: Map<number, Record<string, unknown>>,
  expand: ExpandAccounts,
): Record<string, unknown> {
  const full = new Set<number>();
  const partial = new Set<number>();
  for (const g of groups) {
    if (expand === "full") g.sampleAccountIds.forEach((id) => full.add(id));
    else full.add(g.sampleAccountIds[0]!);
  }
  if (expand === "partial_avatars") for (const g of groups) for (const id of g.sampleAccountIds.slice(1)) if (!full.has(id)) partial.add(id);
  const statusIds = [...new Set(groups.map((g) => g.statusId).filter((x): x is number => x !== null))];
  const out: Record<string, unknown> = { accounts: [...full].map((id) => accounts.get(id)!) };
  if (expand === "partial_avatars") out.partial_accounts = [...partial].map((id) => toPartialAccount(accounts.get(id)!));
  out.statuses = statusIds.map((id) => statuses.get(id)!);
  out.notification_groups = groups.map(toMastodonNotificationGroup);
  return out;
}
