/** POST /api/v1/statuses/:id/unreblog: undo a boost (returns the original). */
import type { Router } from "../../../http/route";
import { unreblogStatus } from "../../../services/reblogs/reblog";
import { statusView, undoTarget } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/unreblog", { scopes: ["write:statuses"], limit: "statusDeletes" }, (q) => {
    const s = undoTarget(q.ctx, q.params.id, q.auth.accountId, "reblogs");
    unreblogStatus(q.ctx, q.auth.accountId, s.id);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
