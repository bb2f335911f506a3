/** DELETE /api/v2/filters/statuses/:id: stop hiding a status (answers {}). */
import type { Router } from "../../../http/route";
import { removeFilterStatus } from "../../../services/filters/statuses";

export default function register(r: Router): void {
  r.delete("/api/v2/filters/statuses/:id", { scopes: ["write:filters"] }, (q) => {
    removeFilterStatus(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
