/** DELETE /api/v2/filters/:id: delete a filter with its keywords and status filters (answers {}). */
import type { Router } from "../../../http/route";
import { deleteFilter } from "../../../services/filters/save";

export default function register(r: Router): void {
  r.delete("/api/v2/filters/:id", { scopes: ["write:filters"] }, (q) => {
    deleteFilter(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
