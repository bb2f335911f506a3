/** GET /api/v1/scheduled_statuses/:id: one of the caller's scheduled statuses (404 for others'). */
import type { Router } from "../../../http/route";
import { scheduledStatusViews } from "../../../db/views/scheduled-statuses";
import { findOwnScheduledStatus } from "../../../services/scheduled-statuses/rules";

export default function register(r: Router): void {
  r.get(
    "/api/v1/scheduled_statuses/:id",
    { scopes: ["read:statuses"] },
    (q) => scheduledStatusViews(q.ctx, [findOwnScheduledStatus(q.ctx, q.auth.accountId, q.params.id)])[0],
  );
}
