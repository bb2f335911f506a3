/** DELETE /api/v1/scheduled_statuses/:id: cancel a scheduled status; answers {}. */
import type { Router } from "../../../http/route";
import { cancelScheduledStatus } from "../../../services/scheduled-statuses/cancel";

export default function register(r: Router): void {
  r.delete("/api/v1/scheduled_statuses/:id", { scopes: ["write:statuses"] }, (q) => {
    cancelScheduledStatus(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
