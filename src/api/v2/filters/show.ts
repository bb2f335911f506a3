/** GET /api/v2/filters/:id: one of the user's filters (404 for anyone else's). */
import type { Router } from "../../../http/route";
import { filterView } from "../../../db/views/filters";
import { ownedFilter } from "../../../services/filters/common";

export default function register(r: Router): void {
  r.get("/api/v2/filters/:id", { scopes: ["read:filters"] }, (q) => filterView(q.ctx, ownedFilter(q.ctx, q.auth.accountId, q.params.id)));
}
