/** GET /api/v2/filters/:id/statuses: the statuses a filter hides → FilterStatus entities. */
import type { Router } from "../../../http/route";
import { listFilterStatuses } from "../../../db/queries/custom-filter-statuses";
import { toMastodonFilterStatus } from "../../../serializers/mastodon/filter";
import { ownedFilter } from "../../../services/filters/common";

export default function register(r: Router): void {
  r.get("/api/v2/filters/:id/statuses", { scopes: ["read:filters"] }, (q) => {
    const f = ownedFilter(q.ctx, q.auth.accountId, q.params.id);
    return listFilterStatuses(q.ctx.db, f.id).map(toMastodonFilterStatus);
  });
}
