/** GET /api/v2/notifications/unread_count: groups with notifications newer than the read marker. */
import type { Router } from "../../../http/route";
import { groupRepresentatives } from "../../../db/queries/notification-groups";
import { shownStatuses } from "../../../db/views/notifications";
import { loadMarkers } from "../../../services/markers/save";
import { readNotificationFilter } from "../../v1/notifications/filter";
import { countLimit, readGroupedTypes } from "./params";

/** Registers the grouped unread count (limit 100 by default, at most 1000), as the list would show them. */
export default function register(r: Router): void {
  r.get("/api/v2/notifications/unread_count", { scopes: ["read:notifications"] }, (q) => {
    const cap = countLimit(q.input);
    const grouped = readGroupedTypes(q.input);
    const f = readNotificationFilter(q.input);
    if (!f) return { count: 0 };
    const marker = loadMarkers(q.ctx, q.auth.accountId, ["notifications"])[0];
    const reps = groupRepresentatives(q.ctx, q.auth.accountId, f, { minId: marker?.last_read_id, asc: true, limit: cap }, grouped);
    return {
      count: shownStatuses(
        q.ctx,
        reps.map((x) => x.row),
        q.auth.accountId,
      ).size,
    };
  });
}
