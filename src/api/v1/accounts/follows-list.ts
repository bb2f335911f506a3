/** GET /api/v1/accounts/:id/followers and /following, paginated by follow id. */
import { isBlocking } from "../../../db/queries/blocks";
import { listFollowAccountsPage } from "../../../db/queries/follows";
import { hiddenAccountsSql } from "../../../db/queries/relationships";
import type { Req, Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";
import { accountPage, readAccountPage } from "./account-page";

export default function register(r: Router): void {
  for (const kind of ["followers", "following"] as const) {
    r.get<Req>(`/api/v1/accounts/:id/${kind}`, { auth: "optional", scopes: ["read:accounts"] }, (q) => {
      const account = findAccount(q.ctx, q.params.id, { suspended: true });
      const viewer = q.auth?.accountId ?? null;
      // A suspended account shows no network (Mastodon answers an empty list, not 404).
      if (account.suspended_at !== null) return [];
      if (account.hide_collections && viewer !== account.id) return [];
      // an account that blocks the viewer does not show them its network
      if (viewer !== null && isBlocking(q.ctx.db, account.id, viewer)) return [];
      const hidden = hiddenAccountsSql(q.ctx, "a.id", viewer);
      return accountPage(q, listFollowAccountsPage(q.ctx.db, kind, account.id, hidden, readAccountPage(q.input)));
    });
  }
}
