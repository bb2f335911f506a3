/** GET /api/v1/accounts/:id/lists: the user's lists that contain this account. */
import type { Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";
import { listsContaining } from "../../../services/lists/find";
import { toMastodonList } from "../../../serializers/mastodon/list";

/** Registers the account's lists read. */
export default function register(r: Router): void {
  r.get("/api/v1/accounts/:id/lists", { scopes: ["read:lists"] }, (q) => {
    const account = findAccount(q.ctx, q.params.id);
    return listsContaining(q.ctx, q.auth.accountId, account.id).map(toMastodonList);
  });
}
