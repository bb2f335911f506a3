/** DELETE /api/v1/lists/:id/accounts: remove accounts (account_ids[]) from a list (answers {}). */
import type { Router } from "../../../http/route";
import { removeListAccounts } from "../../../services/lists/members";
import { accountIds } from "./params";

/** Registers removing members. */
export default function register(r: Router): void {
  r.delete("/api/v1/lists/:id/accounts", { scopes: ["write:lists"] }, (q) => {
    removeListAccounts(q.ctx, q.auth.accountId, q.params.id, accountIds(q.input));
    return {};
  });
}
