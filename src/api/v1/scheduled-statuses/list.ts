/** GET /api/v1/scheduled_statuses: the caller's pending scheduled statuses, newest id first, Link-paginated. */
import type { Router } from "../../../http/route";
import { linkHeader, pageSql, readPage } from "../../../http/pagination";
import { scheduledStatusViews } from "../../../db/views/scheduled-statuses";
import type { ScheduledStatusRow } from "../../../serializers/mastodon/scheduled-status";

export default function register(r: Router): void {
  r.get("/api/v1/scheduled_statuses", { scopes: ["read:statuses"] }, (q) => {
    const page = readPage(q.input, 20, 40);
    const p = pageSql(page, "id");
    const rows = p.finish(q.ctx.db.query<ScheduledStatusRow, number[]>(
      `SELECT * FROM scheduled_statuses WHERE account_id = ?${p.where} ORDER BY ${p.order} LIMIT ?`,
    ).all(q.auth.accountId, ...p.args, page.limit));
    const link = linkHeader(q.url, q.ctx.uris.base, rows[0]?.id, rows[rows.length - 1]?.id);
    if (link) q.set.headers.Link = link;
    return scheduledStatusViews(q.ctx, rows);
  });
}
