/** GET /api/v1/statuses/:id: one status, if the viewer may see it. */
import type { Req, Router } from "../../../http/route";
import { findVisibleStatus } from "../../../services/statuses/common";
import { statusView } from "./load-status";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/statuses/:id", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const viewer = q.auth?.accountId ?? null;
    const s = findVisibleStatus(q.ctx, q.params.id, viewer);
    return statusView(q.ctx, s.id, viewer);
  });
}
