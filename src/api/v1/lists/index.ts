/** Route group: lists (/api/v1/lists, members, /api/v1/accounts/:id/lists). Placeholder until lists land. */
import type { Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";

export default function register(r: Router): void {
  r.get("/api/v1/lists", { scopes: ["read:lists"] }, () => []);
  r.get("/api/v1/accounts/:id/lists", { scopes: ["read:lists"] }, (q) => {
    findAccount(q.ctx, q.params.id);
    return [];
  });
}
