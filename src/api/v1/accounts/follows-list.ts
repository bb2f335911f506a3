/** GET /api/v1/accounts/:id/followers and /following, paginated by follow id. */
import { hiddenAccountsSql } from "../../../db/queries/relationships";
import type { Req, Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";
import { accountPage } from "./helpers";

export default function register(r: Router): void {
  for (const kind of ["followers", "following"] as const) {
    r.get<Req>(`/api/v1/accounts/:id/${kind}`, { auth: "optional", scopes: ["read:accounts"] }, (q) => {
      const account = findAccount(q.ctx, q.params.id, { suspended: true });
      const viewer = q.auth?.accountId ?? null;
      // A suspended account shows no network (Mastodon answers an empty list, not 404).
      if (account.suspended_at !== null) return [];
      if (account.hide_collections && viewer !== account.id) return [];
      // an account that blocks the viewer does not show them its network
      if (viewer !== null && q.ctx.db.query("SELECT 1 FROM blocks WHERE account_id = ? AND target_account_id = ?").get(account.id, viewer)) return [];
      const [other, self] = kind === "followers" ? ["account_id", "target_account_id"] : ["target_account_id", "account_id"];
      const hidden = hiddenAccountsSql(q.ctx, "a.id", viewer);
      return accountPage(
        q,
        `SELECT f.id AS pid, f.${other} AS aid FROM follows f JOIN accounts a ON a.id = f.${other}
         WHERE f.${self} = ? AND a.suspended_at IS NULL${hidden.sql}$PAGE ORDER BY $ORDER`,
        "f.id",
        [account.id, ...hidden.args],
      );
    });
  }
}
