/** GET /api/v2/filters/statuses/:id: one status filter of the user's → FilterStatus. */
import type { Router } from "../../../http/route";
import { toMastodonFilterStatus } from "../../../serializers/mastodon/filter";
import { ownedFilterStatus } from "../../../services/filters/common";

export default function register(r: Router): void {
  r.get("/api/v2/filters/statuses/:id", { scopes: ["read:filters"] }, (q) =>
    toMastodonFilterStatus(ownedFilterStatus(q.ctx, q.auth.accountId, q.params.id)),
  );
}
