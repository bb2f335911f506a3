/**
 * GET /api/v1/accounts/:id/identity_proofs: deprecated in Mastodon (identity proofs were
 * removed in 3.5) but still served as the empty list for an existing account (404 otherwise).
 */
import type { Req, Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/accounts/:id/identity_proofs", { auth: "optional", scopes: ["read:accounts"] }, (q) => {
    findAccount(q.ctx, q.params.id);
    return [];
  });
}
