/** POST /api/v1/statuses/:id/pin: pin an own status to the profile. */
import type { Router } from "../../../http/route";
import { pinStatus } from "../../../services/pins/pin";
import { findVisibleStatus } from "../../../services/statuses/common";
import { statusView } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/pin", { scopes: ["write:accounts"] }, (q) => {
    const s = findVisibleStatus(q.ctx, q.params.id, q.auth.accountId);
    pinStatus(q.ctx, q.auth.accountId, s);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
