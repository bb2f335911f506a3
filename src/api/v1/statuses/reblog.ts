/** POST /api/v1/statuses/:id/reblog: boost a status (returns the boost). */
import type { Router } from "../../../http/route";
import { str } from "../../../http/params";
import { reblogStatus } from "../../../services/reblogs/reblog";
import { findVisibleStatus } from "../../../services/statuses/common";
import { original, statusView } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/reblog", { scopes: ["write:statuses"] }, (q) => {
    const s = original(q.ctx, findVisibleStatus(q.ctx, q.params.id, q.auth.accountId));
    const id = reblogStatus(q.ctx, q.auth.accountId, s, str(q.input, "visibility") || undefined);
    return statusView(q.ctx, id, q.auth.accountId);
  });
}
