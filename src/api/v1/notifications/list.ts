/** GET /api/v1/notifications: the viewer's notifications, newest first, with a Link header. */
import { JsonText, type Router } from "../../../http/route";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { notificationRowsPage } from "../../../db/queries/notifications-page";
import { notificationListJson } from "../../../db/views/notification-json";
import { readNotificationFilter } from "./filter";

/** Registers the notifications list (limit 40 by default, at most 80, as Mastodon). */
export default function register(r: Router): void {
  r.get("/api/v1/notifications", { scopes: ["read:notifications"] }, (q) => {
    const f = readNotificationFilter(q.input);
    if (!f) return [];
    const rows = notificationRowsPage(q.ctx, q.auth.accountId, f, readPage(q.input, 40, 80));
    // Link follows the raw page so hidden rows never end pagination early.
    setLinkHeader(q, rows[0]?.id, rows[rows.length - 1]?.id);
    return new JsonText(notificationListJson(q.ctx, rows, q.auth.accountId));
  });
}
