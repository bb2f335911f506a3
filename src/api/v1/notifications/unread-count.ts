/** GET /api/v1/notifications/unread_count: notifications newer than the notifications marker. */
import type { Router } from "../../../http/route";
import { countUnreadNotifications } from "../../../db/views/notifications";
import { loadMarkers } from "../../../services/markers/save";
import { readNotificationFilter } from "./filter";

/** Registers unread_count (limit defaults to 100, at most 1000). */
export default function register(r: Router): void {
  r.get("/api/v1/notifications/unread_count", { scopes: ["read:notifications"] }, (q) => {
    const raw = Number(q.input.limit);
    const cap = Number.isFinite(raw) && raw > 0 ? Math.min(Math.floor(raw), 1000) : 100;
    const f = readNotificationFilter(q.input);
    if (!f) return { count: 0 };
    const marker = loadMarkers(q.ctx, q.auth.accountId, ["notifications"])[0];
    return { count: countUnreadNotifications(q.ctx, q.auth.accountId, f, marker?.last_read_id ?? 0, cap) };
  });
}
