/** GET /api/v2/notifications: a page of notification groups, newest first, with a Link header. */
import { JsonText, type Router } from "../../../http/route";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { groupDataFromWalk, walkGroups } from "../../../db/queries/notification-groups";
import { emptyGroupedResults, SAMPLE_ACCOUNTS } from "../../../db/views/notification-groups";
import { groupedNotificationsJson } from "../../../db/views/notification-groups-json";
import { readNotificationFilter } from "../../v1/notifications/filter";
import { readExpandAccounts, readGroupedTypes } from "./params";

/**
 * Registers the grouped list (limit counts groups: 40 by default, at most 80). Pagination
 * follows Mastodon: max_id / since_id walk down, min_id walks up, the Link header points past
 * the notifications the page covers.
 */
export default function register(r: Router): void {
  r.get("/api/v2/notifications", { scopes: ["read:notifications"] }, (q) => {
    const expand = readExpandAccounts(q.input);
    const grouped = readGroupedTypes(q.input);
    const f = readNotificationFilter(q.input);
    if (!f) return emptyGroupedResults(expand);
    const page = readPage(q.input, 40, 80);
    const asc = page.minId !== undefined;
    const walk = walkGroups(q.ctx, q.auth.accountId, f, { ...page, asc }, grouped);
    const reps = walk.reps;
    if (reps.length === 0) return emptyGroupedResults(expand);
    const first = reps[0]!.row.id;
    const last = reps[reps.length - 1]!.row.id;
    let range = { lo: last, hi: first };
    // A short page is the last one that way: it covers everything up to the query's bound.
    if (reps.length < page.limit) {
      range = asc
        ? { lo: last, hi: page.maxId !== undefined ? page.maxId - 1 : Number.MAX_SAFE_INTEGER }
        : { lo: page.sinceId !== undefined ? page.sinceId + 1 : 0, hi: first };
    }
    const data = (keys: string[], lo: number, hi: number) =>
      groupDataFromWalk(q.ctx, q.auth.accountId, walk, keys, lo, hi, SAMPLE_ACCOUNTS);
    const out = groupedNotificationsJson(q.ctx, q.auth.accountId, reps, { range, expand, data });
    // The links skip what the page's groups already cover: on a full page that is exactly
    // Mastodon's (oldest and newest representative), on a short one it ends the walk there.
    const next = Math.min(last, ...out.groups.map((g) => g.page!.minId));
    const prev = Math.max(first, ...out.groups.map((g) => g.page!.maxId));
    setLinkHeader(q, prev, next);
    return new JsonText(out.json);
  });
}
