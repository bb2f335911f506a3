/** POST /api/v1/notifications/:id/dismiss and POST /api/v1/notifications/clear. */
import type { Router } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { parseId } from "../../../model/ids";
import { clearNotifications, dismissNotification } from "../../../services/notifications/dismiss";

/** Registers dismiss (one) and clear (all). */
export default function register(r: Router): void {
  r.post("/api/v1/notifications/clear", { scopes: ["write:notifications"] }, (q) => {
    clearNotifications(q.ctx, q.auth.accountId);
    return {};
  });
  r.post("/api/v1/notifications/:id/dismiss", { scopes: ["write:notifications"] }, (q) => {
    const id = parseId(q.params.id);
    if (id === undefined) throw notFound();
    dismissNotification(q.ctx, q.auth.accountId, id);
    return {};
  });
}
