/**
 * GroupedNotificationsResults serialized straight to JSON text from the status and account
 * caches (see notification-json.ts): byte for byte JSON.stringify(groupedNotifications(…)).
 */
import type { AppContext } from "../../context";
import type { GroupRep } from "../queries/notification-groups";
import { accountJson, loadAccountViews } from "./accounts";
import { loadShownEntries, shownStatusJson } from "./notification-json";
import { groupedParts, groupViews, keptGroups, rootAccountIds, type GroupedOptions } from "./notification-groups";
import { toMastodonNotificationGroup, toPartialAccount, type NotificationGroupView } from "../../serializers/mastodon/notification-group";

/** The JSON text of groupedNotifications(ctx, viewerId, reps, o), and the groups it holds (for the Link header). */
export function groupedNotificationsJson(
  ctx: AppContext,
  viewerId: number,
  reps: GroupRep[],
  o: GroupedOptions,
): { json: string; groups: NotificationGroupView[] } {
  const s = loadShownEntries(
    ctx,
    reps.map((r) => r.row),
    viewerId,
  );
  if (!s) {
    const p = groupedParts(ctx, viewerId, reps, o);
    return {
      json: groupedFromParts(
        p.groups,
        (id) => JSON.stringify(p.accounts.get(id)),
        (id) => JSON.stringify(p.statuses.get(id)),
        p.accounts,
        o,
      ),
      groups: p.groups,
    };
  }
  const shown = new Map<number, number | null>();
  for (const [id, e] of s.shown) shown.set(id, e ? e.row.id : null);
  const views = groupViews(ctx, viewerId, reps, shown, o);
  const accounts = loadAccountViews(ctx, [...new Set(views.flatMap((g) => g.sampleAccountIds))]);
  const statusIds = new Set(views.map((g) => g.statusId).filter((x): x is number => x !== null));
  const groups = keptGroups(views, accounts, statusIds);
  const kept = new Set(groups.map((g) => g.statusId));
  const statuses = shownStatusJson(
    ctx,
    s,
    [...s.shown.values()].filter((e) => e && kept.has(e.row.id)),
    viewerId,
  );
  return {
    json: groupedFromParts(
      groups,
      (id) => accountJson(accounts.get(id)!),
      (id) => statuses.get(id)!,
      accounts,
      o,
    ),
    groups,
  };
}

/** Assembles the JSON text as groupedNotifications's assemble does, from the parts' texts. */
function groupedFromParts(
  groups: NotificationGroupView[],
  account: (id: number) => string,
  status: (id: number) => string,
  accounts: Map<number, Record<string, unknown>>,
  o: GroupedOptions,
): string {
  const { full, partial } = rootAccountIds(groups, o.expand);
  const statusIds = [...new Set(groups.map((g) => g.statusId).filter((x): x is number => x !== null))];
  let out = `{"accounts":[${full.map(account).join(",")}]`;
  if (o.expand === "partial_avatars")
    out += `,"partial_accounts":${JSON.stringify(partial.map((id) => toPartialAccount(accounts.get(id)!)))}`;
  return `${out},"statuses":[${statusIds.map(status).join(",")}],"notification_groups":${JSON.stringify(groups.map(toMastodonNotificationGroup))}}`;
}
