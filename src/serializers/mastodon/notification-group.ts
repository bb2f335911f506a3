/** Loaded notification groups → Mastodon's NotificationGroup and PartialAccountWithAvatar. Pure. */
import { iso } from "./time";
import { STATUS_TYPES } from "./notification";

/** A group as the view loaded it. */
export interface NotificationGroupView {
  key: string;
  type: string;
  count: number;
  mostRecentId: number;
  sampleAccountIds: number[];
  /** The status the group is about (a boost's original), when its type has one. */
  statusId: number | null;
  /** Page fields, present when the group came from a page of the list. */
  page?: { minId: number; maxId: number; latestAt: number };
  /** Entities some types carry (admin.report's report…), already serialized. */
  extra?: Record<string, unknown>;
}

/** The Mastodon NotificationGroup entity (4.3, deduplicated form: ids instead of entities). */
export function toMastodonNotificationGroup(g: NotificationGroupView): Record<string, unknown> {
  const out: Record<string, unknown> = {
    group_key: g.key,
    notifications_count: g.count,
    type: g.type,
    most_recent_notification_id: String(g.mostRecentId),
  };
  if (g.page) {
    out.page_min_id = String(g.page.minId);
    out.page_max_id = String(g.page.maxId);
    out.latest_page_notification_at = iso(g.page.latestAt);
  }
  out.sample_account_ids = g.sampleAccountIds.map(String);
  if (STATUS_TYPES.has(g.type) && g.statusId !== null) out.status_id = String(g.statusId);
  if (g.extra) Object.assign(out, g.extra);
  return out;
}

/** PartialAccountWithAvatar: the few Account fields needed to draw an avatar. */
export function toPartialAccount(a: Record<string, unknown>): Record<string, unknown> {
  return { id: a.id, acct: a.acct, locked: a.locked, bot: a.bot, url: a.url, avatar: a.avatar, avatar_static: a.avatar_static };
}
