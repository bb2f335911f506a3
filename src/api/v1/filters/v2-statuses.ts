/** GET/POST /api/v2/filters/:id/statuses, GET/DELETE /api/v2/filters/statuses/:id → FilterStatus entities. */
import type { Router } from "../../../http/route";
import { str } from "../../../http/params";
import { toMastodonFilterStatus, type FilterStatusRow } from "../../../serializers/mastodon/filter";
import { ownedFilter, ownedFilterStatus } from "../../../services/filters/common";
import { addFilterStatus, removeFilterStatus } from "../../../services/filters/statuses";

const READ = { scopes: ["read:filters"] };
const WRITE = { scopes: ["write:filters"] };

export default function register(r: Router): void {
  r.get("/api/v2/filters/:id/statuses", READ, (q) => {
    const f = ownedFilter(q.ctx, q.auth.accountId, q.params.id);
    return q.ctx.db.query<FilterStatusRow, [number]>("SELECT * FROM custom_filter_statuses WHERE custom_filter_id = ? ORDER BY id").all(f.id).map(toMastodonFilterStatus);
  });
  r.post("/api/v2/filters/:id/statuses", WRITE, (q) =>
    toMastodonFilterStatus(addFilterStatus(q.ctx, q.auth.accountId, q.params.id, str(q.input, "status_id"))),
  );
  r.get("/api/v2/filters/statuses/:id", READ, (q) => toMastodonFilterStatus(ownedFilterStatus(q.ctx, q.auth.accountId, q.params.id)));
  r.delete("/api/v2/filters/statuses/:id", WRITE, (q) => {
    removeFilterStatus(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
