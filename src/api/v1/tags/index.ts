/** Route group: hashtags (/api/v1/tags, followed_tags, featured_tags). Placeholder until they land. */
import type { Req, Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";

export default function register(r: Router): void {
  r.get("/api/v1/followed_tags", { scopes: ["read:follows"] }, () => []);
  r.get<Req>("/api/v1/accounts/:id/featured_tags", { auth: "optional", scopes: ["read:accounts"] }, (q) => {
    findAccount(q.ctx, q.params.id);
    return [];
  });
}
