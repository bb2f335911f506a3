/** GET /api/v1/notifications/:id: one of the viewer's notifications. */
import type { Router } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { parseId } from "../../../model/ids";
import { notificationView } from "../../../db/views/notifications";

/** Registers the single-notification endpoint; other users' ids are 404. */
export default function register(r: Router): void {
  r.get("/api/v1/notifications/:id", { scopes: ["read:notifications"] }, (q) => {
    const id = parseId(q.params.id);
    const n = id === undefined ? undefined : notificationView(q.ctx, id, q.auth.accountId);
    if (!n) throw notFound();
    return n;
  });
}
