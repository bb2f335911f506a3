/** POST /api/v1/lists/:id/accounts: add followed accounts (account_ids[]) to a list (answers {}). */
import type { Router } from "../../../http/route";
import { addListAccounts } from "../../../services/lists/members";
import { accountIds } from "./params";

/** Registers adding members. */
export default function register(r: Router): void {
  r.post("/api/v1/lists/:id/accounts", { scopes: ["write:lists"] }, (q) => {
    addListAccounts(q.ctx, q.auth.accountId, q.params.id, accountIds(q.input));
    return {};
  });
}
