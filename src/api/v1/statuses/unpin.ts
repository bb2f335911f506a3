/** POST /api/v1/statuses/:id/unpin: unpin a status. */
import type { Router } from "../../../http/route";
import { unpinStatus } from "../../../services/pins/pin";
import { findVisibleStatus } from "../../../services/statuses/common";
import { statusView } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/unpin", { scopes: ["write:accounts"] }, (q) => {
    const s = findVisibleStatus(q.ctx, q.params.id, q.auth.accountId);
    unpinStatus(q.ctx, q.auth.accountId, s.id);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
