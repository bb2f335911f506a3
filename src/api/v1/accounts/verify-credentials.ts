/** GET /api/v1/accounts/verify_credentials → CredentialAccount. */
import type { AppContext } from "../../../context";
import type { Router } from "../../../http/route";
import { getAccount } from "../../../db/queries/accounts";
import { countFollowRequestsFor } from "../../../db/queries/follow-requests";
import { getUserByAccountId } from "../../../db/queries/users";
import { toCredentialAccount } from "../../../serializers/mastodon/account";
import { accountView } from "../../../db/views/accounts";

/** The CredentialAccount of a local account (with its pending follow request count). */
export function credentialAccount(ctx: AppContext, accountId: number): Record<string, unknown> {
  const a = getAccount(ctx.db, accountId)!;
  const u = getUserByAccountId(ctx.db, accountId)!;
  const n = countFollowRequestsFor(ctx.db, accountId);
  const moved = a.moved_to_account_id !== null ? accountView(ctx, a.moved_to_account_id) : undefined;
  const out = toCredentialAccount(ctx, a, u, n, moved);
  out.emojis = accountView(ctx, accountId)?.emojis ?? [];
  return out;
}

export default function register(r: Router): void {
  r.get("/api/v1/accounts/verify_credentials", { scopes: ["read:accounts", "profile"] }, (q) => credentialAccount(q.ctx, q.auth.accountId));
}
