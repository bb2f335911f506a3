/** GET /api/v2/notifications: a page of notification groups, newest first, with a Link header. */
import type { Router } from "../../../http/route";
import { linkHeader, readPage } from "../../../http/pagination";
import { groupRepresentatives } from "../../../db/queries/notification-groups";
import { emptyGroupedResults, groupedNotifications } from "../../../db/views/notification-groups";
import { readNotificationFilter } from "../../v1/notifications/filter";
import { readExpandAccounts, readGroupedTypes } from "./params";

/**
 * Registers the grouped list (limit counts groups: 40 by default, at most 80). Pagination
 * follows Mastodon: max_id / since_id walk down, min_id walks up, the Link header points past
 * the notifications the page covers.
 */
export default function list(r: Router): void {
  r.get("/api/v2/notifications", { scopes: ["read:notifications"] }, (q) => {
    const expand = readExpandAccounts(q.input);
    const grouped = readGroupedTypes(q.input);
    const f = readNotificationFilter(q.input);
    if (!f) return emptyGroupedResults(expand);
    const page = readPage(q.input, 40, 80);
    const asc = page.minId !== undefined;
    const reps = groupRepresentatives(q.ctx, q.auth.accountId, f, { ...page, asc }, grouped);
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
    const out = groupedNotifications(q.ctx, q.auth.accountId, reps, { range, expand });
    // The links skip what the page's groups already cover: on a full page that is exactly
    // Mastodon's (oldest and newest representative), on a short one it ends the walk there.
    const groups = out.notification_groups as { page_min_id: string; page_max_id: string }[];
    const next = Math.min(last, ...groups.map((g) => Number(g.page_min_id)));
    const prev = Math.max(first, ...groups.map((g) => Number(g.page_max_id)));
    const link = linkHeader(q.url, q.ctx.uris.base, prev, next);
    if (link) q.set.headers.Link = link;
    return out;
  });
}
