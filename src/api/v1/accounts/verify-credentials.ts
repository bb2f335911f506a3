/** GET /api/v1/accounts/verify_credentials → CredentialAccount. */
import type { AccountRow, UserRow } from "../../../db/rows";
import type { AppContext } from "../../../context";
import type { Router } from "../../../http/route";
import { toCredentialAccount } from "../../../serializers/mastodon/account";
import { accountView } from "../../../db/views/accounts";

/** The CredentialAccount of a local account (with its pending follow request count). */
export function credentialAccount(ctx: AppContext, accountId: number): Record<string, unknown> {
  const a = ctx.db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ?").get(accountId)!;
  const u = ctx.db.query<UserRow, [number]>("SELECT * FROM users WHERE account_id = ?").get(accountId)!;
  const n = ctx.db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM follow_requests WHERE target_account_id = ?").get(accountId)!.n;
  const moved = a.moved_to_account_id !== null ? accountView(ctx, a.moved_to_account_id) : undefined;
  return toCredentialAccount(ctx, a, u, n, moved);
}

export default function register(r: Router): void {
  r.get("/api/v1/accounts/verify_credentials", { scopes: ["read:accounts", "profile"] }, (q) => credentialAccount(q.ctx, q.auth.accountId));
}
