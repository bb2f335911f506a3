/** GET /api/v1/accounts/search: local prefix search on usernames and display names. */
import { loadAccountViews } from "../../../db/views/accounts";
import { bool, int, str } from "../../../http/params";
import type { Router } from "../../../http/route";
import { searchAccounts } from "../../../services/accounts/search";

export default function register(r: Router): void {
  r.get("/api/v1/accounts/search", { scopes: ["read:accounts"] }, (q) => {
    const text = str(q.input, "q", { max: 500 }) ?? "";
    const limit = Math.min(int(q.input, "limit", { min: 1 }) ?? 40, 80);
    const offset = int(q.input, "offset", { min: 0 }) ?? 0;
    bool(q.input, "resolve"); // remote resolution comes with federation
    const ids = searchAccounts(q.ctx, {
      q: text,
      limit,
      offset,
      following: bool(q.input, "following") ?? false,
      viewerId: q.auth.accountId,
    });
    const views = loadAccountViews(q.ctx, ids);
    return ids.map((id) => views.get(id)).filter((v) => !!v);
  });
}
