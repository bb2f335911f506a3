/** GET /api/v1/scheduled_statuses: the caller's pending scheduled statuses, newest id first, Link-paginated. */
import type { Router } from "../../../http/route";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { listScheduledStatusesPage } from "../../../db/queries/scheduled-statuses";
import { scheduledStatusViews } from "../../../db/views/scheduled-statuses";

export default function register(r: Router): void {
  r.get("/api/v1/scheduled_statuses", { scopes: ["read:statuses"] }, (q) => {
    const rows = listScheduledStatusesPage(q.ctx.db, q.auth.accountId, readPage(q.input, 20, 40));
    setLinkHeader(q, rows[0]?.id, rows[rows.length - 1]?.id);
    return scheduledStatusViews(q.ctx, rows);
  });
}
