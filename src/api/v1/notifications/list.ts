/** GET /api/v1/notifications: the viewer's notifications, newest first, with a Link header. */
import type { Router } from "../../../http/route";
import { linkHeader, readPage } from "../../../http/pagination";
import { notificationIds } from "../../../db/queries/timelines";
import { notificationList } from "../../../db/views/notifications";
import { readNotificationFilter } from "./filter";

/** Registers the notifications list (limit 40 by default, at most 80, as Mastodon). */
export default function list(r: Router): void {
  r.get("/api/v1/notifications", { scopes: ["read:notifications"] }, (q) => {
    const f = readNotificationFilter(q.input);
    if (!f) return [];
    const page = notificationIds(q.ctx, q.auth.accountId, f, readPage(q.input, 40, 80));
    // Link follows the raw page so hidden rows never end pagination early.
    const link = linkHeader(q.url, q.ctx.uris.base, page.cursors[0], page.cursors[page.cursors.length - 1]);
    if (link) q.set.headers.Link = link;
    return notificationList(q.ctx, page.ids, q.auth.accountId);
  });
}
