/** GET /api/v2/filters: the user's filters → Filter entities. */
import type { Router } from "../../../http/route";
import { accountFilterRows, filterViews } from "../../../db/views/filters";

export default function register(r: Router): void {
  r.get("/api/v2/filters", { scopes: ["read:filters"] }, (q) => filterViews(q.ctx, accountFilterRows(q.ctx, q.auth.accountId)));
}
