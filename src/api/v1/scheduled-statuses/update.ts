/** PUT /api/v1/scheduled_statuses/:id: move a scheduled status to another `scheduled_at`. */
import type { Router } from "../../../http/route";
import { str } from "../../../http/params";
import { scheduledStatusView } from "../../../db/views/scheduled-statuses";
import { rescheduleStatus } from "../../../services/scheduled-statuses/update";

export default function register(r: Router): void {
  r.put("/api/v1/scheduled_statuses/:id", { scopes: ["write:statuses"] }, (q) => {
    const id = rescheduleStatus(q.ctx, q.auth.accountId, q.params.id, str(q.input, "scheduled_at"));
    return scheduledStatusView(q.ctx, id);
  });
}
