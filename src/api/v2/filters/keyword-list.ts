/** GET /api/v2/filters/:id/keywords: a filter's keywords → FilterKeyword entities. */
import type { Router } from "../../../http/route";
import { listFilterKeywordsOrdered } from "../../../db/queries/custom-filter-keywords";
import { toMastodonFilterKeyword } from "../../../serializers/mastodon/filter";
import { ownedFilter } from "../../../services/filters/common";

export default function register(r: Router): void {
  r.get("/api/v2/filters/:id/keywords", { scopes: ["read:filters"] }, (q) => {
    const f = ownedFilter(q.ctx, q.auth.accountId, q.params.id);
    return listFilterKeywordsOrdered(q.ctx.db, f.id).map(toMastodonFilterKeyword);
  });
}
