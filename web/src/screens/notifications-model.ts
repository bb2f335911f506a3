/**
 * The notifications screen's data: groups (from /api/v2/notifications, or one per notification
 * from v1 on servers without grouping) with their accounts and statuses kept once, by id.
 * Pure functions; the screen holds the value in state.
 */
import type { mastodon } from "masto";
import type { Account, Notification, Status } from "../lib/api";

/** Most avatars shown for a group (Mastodon's NOTIFICATIONS_GROUP_MAX_AVATARS). */
export const MAX_AVATARS = 8;

/** One row of the screen. */
export interface Group {
  key: string;
  type: string;
  count: number;
  mostRecentId: string;
  latestAt: string;
  /** Newest first, at most MAX_AVATARS. */
  accountIds: string[];
  statusId?: string;
  /** admin.report: the reported account; moderation_warning: the action and moderator's text. */
  reportTarget?: Account;
  warning?: { action: string; text: string };
}

/** The entities admin.report and moderation_warning notifications (and their groups) carry. */
function extrasOf(x: unknown): Pick<Group, "reportTarget" | "warning"> {
  const e = x as { report?: { targetAccount?: Account } | null; moderationWarning?: { action: string; text: string } | null };
  const out: Pick<Group, "reportTarget" | "warning"> = {};
  if (e.report?.targetAccount) out.reportTarget = e.report.targetAccount;
  if (e.moderationWarning) out.warning = { action: e.moderationWarning.action, text: e.moderationWarning.text };
  return out;
}

export interface Store {
  groups: Group[];
  accounts: Record<string, Account>;
  statuses: Record<string, Status>;
}

export const EMPTY: Store = { groups: [], accounts: {}, statuses: {} };

type Results = mastodon.v1.GroupedNotificationsResults;

function byId<T extends { id: string }>(into: Record<string, T>, list: readonly T[]): Record<string, T> {
  const out = { ...into };
  for (const x of list) out[x.id] = x;
  return out;
}

/** A group of the API as a row. */
export function groupOf(g: Results["notificationGroups"][number]): Group {
  const any = g as { statusId?: string; latestPageNotificationAt?: string };
  return {
    key: g.groupKey,
    type: g.type,
    count: g.notificationsCount,
    mostRecentId: String(g.mostRecentNotificationId),
    latestAt: any.latestPageNotificationAt ?? "",
    accountIds: [...(g.sampleAccountIds as unknown as string[])],
    statusId: any.statusId,
    ...extrasOf(g),
  };
}

/**
 * Appends a page of groups. A group already shown (its older notifications can come back on the
 * next page) keeps its first, fuller, version.
 */
export function addPage(s: Store, page: Results, atTop = false): Store {
  const incoming = page.notificationGroups.map(groupOf);
  const known = new Set(s.groups.map((g) => g.key));
  const fresh = incoming.filter((g) => !known.has(g.key));
  const rest = atTop ? s.groups.filter((g) => !incoming.some((i) => i.key === g.key)) : s.groups;
  return {
    groups: atTop ? [...incoming, ...rest] : [...s.groups, ...fresh],
    accounts: byId(s.accounts, page.accounts),
    statuses: byId(s.statuses, page.statuses),
  };
}

/** Appends v1 notifications, one group each (servers without /api/v2/notifications). */
export function addSingles(s: Store, list: readonly Notification[]): Store {
  const known = new Set(s.groups.map((g) => g.key));
  const groups = list
    .map((n) => ({
      key: `ungrouped-${n.id}`,
      type: n.type,
      count: 1,
      mostRecentId: n.id,
      latestAt: n.createdAt,
      accountIds: [n.account.id],
      statusId: n.status?.id,
      ...extrasOf(n),
    }))
    .filter((g) => !known.has(g.key));
  return {
    groups: [...s.groups, ...groups],
    accounts: byId(
      s.accounts,
      list.map((n) => n.account),
    ),
    statuses: byId(
      s.statuses,
      list.flatMap((n) => (n.status ? [n.status] : [])),
    ),
  };
}

/**
 * A live notification (streaming `notification` event): it joins its group, which moves to the
 * top, or starts a new one there. `grouped` is false when the screen shows v1 singles.
 */
export function addLive(s: Store, n: Notification, grouped: boolean): Store {
  const key = grouped && n.groupKey && !n.groupKey.startsWith("ungrouped-") ? n.groupKey : `ungrouped-${n.id}`;
  const old = s.groups.find((g) => g.key === key);
  if (old && !newerId(n.id, old.mostRecentId)) return s;
  const g: Group = old
    ? {
        ...old,
        count: old.count + 1,
        mostRecentId: n.id,
        latestAt: n.createdAt,
        accountIds: [n.account.id, ...old.accountIds.filter((id) => id !== n.account.id)].slice(0, MAX_AVATARS),
      }
    : {
        key,
        type: n.type,
        count: 1,
        mostRecentId: n.id,
        latestAt: n.createdAt,
        accountIds: [n.account.id],
        statusId: n.status?.id,
        ...extrasOf(n),
      };
  return {
    groups: [g, ...s.groups.filter((x) => x.key !== key)],
    accounts: { ...s.accounts, [n.account.id]: n.account },
    statuses: n.status ? { ...s.statuses, [n.status.id]: n.status } : s.statuses,
  };
}

/** Whether id `a` is newer than id `b` (decimal snowflakes compared without precision loss). */
export function newerId(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

/** Replaces a status after an action on it (favourite, boost…). */
export function withStatus(s: Store, st: Status): Store {
  return { ...s, statuses: { ...s.statuses, [st.id]: st } };
}

/** Whether the group key names a real group that the server can describe. */
export function isRealGroup(key: string): boolean {
  return !key.startsWith("ungrouped-");
}

/** Accounts of a group that are loaded, newest first. */
export function groupAccounts(s: Store, g: Group): Account[] {
  return g.accountIds.map((id) => s.accounts[id]).filter((a): a is Account => !!a);
}
