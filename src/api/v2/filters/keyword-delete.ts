/** DELETE /api/v2/filters/keywords/:id: remove a keyword (answers {}). */
import type { Router } from "../../../http/route";
import { removeKeyword } from "../../../services/filters/keywords";

export default function register(r: Router): void {
  r.delete("/api/v2/filters/keywords/:id", { scopes: ["write:filters"] }, (q) => {
    removeKeyword(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
