/**
 * GroupedNotificationsResults (GET /api/v2/notifications and /:group_key): the groups of a page
 * with their accounts and statuses deduplicated at the root, in a fixed number of queries.
 */
import type { AppContext } from "../../context";
import { loadAccountViews } from "./accounts";
import { loadNotificationReports } from "./notification-reports";
import { loadNotificationWarnings } from "./notification-warnings";
import { shownStatuses } from "./notifications";
import { loadStatusViews } from "./statuses";
import { loadGroupData, type GroupData, type GroupRep } from "../queries/notification-groups";
import { toMastodonNotificationGroup, toPartialAccount, type NotificationGroupView } from "../../serializers/mastodon/notification-group";

/** Sample accounts per group (Mastodon's NotificationGroup::SAMPLE_ACCOUNTS_SIZE). */
export const SAMPLE_ACCOUNTS = 8;

export type ExpandAccounts = "full" | "partial_avatars";

export interface GroupedOptions {
  /** Ids [lo, hi] the page covers (Mastodon's pagination_range); null for a single group, without page fields. */
  range: { lo: number; hi: number } | null;
  expand: ExpandAccounts;
  /** Loads the group data of grouped keys (groupDataFromWalk); loadGroupData by default. */
  data?: (keys: string[], lo: number, hi: number) => Map<string, GroupData>;
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
  const p = groupedParts(ctx, viewerId, reps, o);
  return assemble(p.groups, p.accounts, p.statuses, o.expand);
}

/** The kept groups of groupedNotifications, with their accounts and statuses by id. */
export function groupedParts(
  ctx: AppContext,
  viewerId: number,
  reps: GroupRep[],
  o: GroupedOptions,
): {
  groups: NotificationGroupView[];
  accounts: Map<number, Record<string, unknown>>;
  statuses: Map<number, Record<string, unknown>>;
} {
  const shown = shownStatuses(
    ctx,
    reps.map((r) => r.row),
    viewerId,
  );
  const views = groupViews(ctx, viewerId, reps, new Map([...shown].map(([k, s]) => [k, s ? s.id : null])), o);
  const accounts = loadAccountViews(ctx, [...new Set(views.flatMap((g) => g.sampleAccountIds))]);
  const statuses = loadStatusViews(ctx, [...new Set(views.map((g) => g.statusId).filter((x): x is number => x !== null))], viewerId);
  return { groups: keptGroups(views, accounts, statuses), accounts, statuses };
}

/**
 * Views of the groups `reps` stand for, given the status each rep shows (`shown`: notification
 * id → status id, null for none; absent when hidden, and then the group is left out): counts and
 * samples (o.data, else loadGroupData), and the report or warning of admin.report and
 * moderation_warning groups.
 */
export function groupViews(
  ctx: AppContext,
  viewerId: number,
  reps: GroupRep[],
  shown: Map<number, number | null>,
  o: GroupedOptions,
): NotificationGroupView[] {
  const visible = reps.filter((r) => shown.has(r.row.id));
  const grouped = visible.filter((r) => !r.key.startsWith("ungrouped-")).map((r) => r.key);
  const lo = o.range?.lo ?? 0;
  const hi = o.range?.hi ?? Number.MAX_SAFE_INTEGER;
  const data = o.data ? o.data(grouped, lo, hi) : loadGroupData(ctx, viewerId, grouped, lo, hi, SAMPLE_ACCOUNTS);

  const views: NotificationGroupView[] = visible.map((r) => {
    const n = r.row;
    const statusId = shown.get(n.id) ?? null;
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
  const reports = loadNotificationReports(
    ctx,
    visible.map((r) => r.row),
  );
  const warnings = loadNotificationWarnings(
    ctx,
    visible.map((r) => r.row),
  );
  visible.forEach((r, i) => {
    if (r.row.type === "admin.report") views[i]!.extra = { report: (r.row.report_id ? reports.get(r.row.report_id) : null) ?? null };
    if (r.row.type === "moderation_warning")
      views[i]!.extra = { moderation_warning: (r.row.account_warning_id ? warnings.get(r.row.account_warning_id) : null) ?? null };
  });
  return views;
}

/** The groups that keep a sender (samples whose account is gone are dropped) and their status. */
export function keptGroups(
  views: NotificationGroupView[],
  accounts: { has(id: number): boolean },
  statuses: { has(id: number): boolean },
): NotificationGroupView[] {
  const kept: NotificationGroupView[] = [];
  for (const g of views) {
    g.sampleAccountIds = g.sampleAccountIds.filter((id) => accounts.has(id));
    if (g.sampleAccountIds.length === 0) continue;
    if (g.statusId !== null && !statuses.has(g.statusId)) continue;
    kept.push(g);
  }
  return kept;
}

/** The ids of the accounts at the root (full) and of the partial ones (Mastodon's GroupedNotificationsPresenter). */
export function rootAccountIds(groups: NotificationGroupView[], expand: ExpandAccounts): { full: number[]; partial: number[] } {
  const full = new Set<number>();
  const partial = new Set<number>();
  for (const g of groups) {
    if (expand === "full") g.sampleAccountIds.forEach((id) => full.add(id));
    else full.add(g.sampleAccountIds[0]!);
  }
  if (expand === "partial_avatars")
    for (const g of groups) for (const id of g.sampleAccountIds.slice(1)) if (!full.has(id)) partial.add(id);
  return { full: [...full], partial: [...partial] };
}

/** Puts accounts and statuses at the root, once each (Mastodon's GroupedNotificationsPresenter). */
function assemble(
  groups: NotificationGroupView[],
  accounts: Map<number, Record<string, unknown>>,
  statuses: Map<number, Record<string, unknown>>,
  expand: ExpandAccounts,
): Record<string, unknown> {
  const { full, partial } = rootAccountIds(groups, expand);
  const statusIds = [...new Set(groups.map((g) => g.statusId).filter((x): x is number => x !== null))];
  const out: Record<string, unknown> = { accounts: full.map((id) => accounts.get(id)!) };
  if (expand === "partial_avatars") out.partial_accounts = partial.map((id) => toPartialAccount(accounts.get(id)!));
  out.statuses = statusIds.map((id) => statuses.get(id)!);
  out.notification_groups = groups.map(toMastodonNotificationGroup);
  return out;
}
