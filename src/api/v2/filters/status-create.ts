/** POST /api/v2/filters/:id/statuses: hide a status (status_id) with a filter → FilterStatus. */
import type { Router } from "../../../http/route";
import { str } from "../../../http/params";
import { toMastodonFilterStatus } from "../../../serializers/mastodon/filter";
import { addFilterStatus } from "../../../services/filters/statuses";

export default function register(r: Router): void {
  r.post("/api/v2/filters/:id/statuses", { scopes: ["write:filters"] }, (q) =>
    toMastodonFilterStatus(addFilterStatus(q.ctx, q.auth.accountId, q.params.id, str(q.input, "status_id"))),
  );
}
