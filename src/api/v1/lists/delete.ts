/** DELETE /api/v1/lists/:id: delete one of the user's lists with its members (answers {}). */
import type { Router } from "../../../http/route";
import { deleteList } from "../../../services/lists/write";

/** Registers list deletion. */
export default function register(r: Router): void {
  r.delete("/api/v1/lists/:id", { scopes: ["write:lists"] }, (q) => {
    deleteList(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
