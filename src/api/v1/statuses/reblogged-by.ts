/** GET /api/v1/statuses/:id/reblogged_by: accounts that boosted a status, paginated by boost id, with a Link header. */
import type { Req, Router } from "../../../http/route";
import { loadAccountViews } from "../../../db/views/accounts";
import { linkHeader, pageSql, readPage } from "../../../http/pagination";
import { findVisibleStatus } from "../../../services/statuses/common";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/statuses/:id/reblogged_by", { auth: "optional", scopes: ["read:accounts"] }, (q) => {
    const s = findVisibleStatus(q.ctx, q.params.id, q.auth?.accountId ?? null);
    const page = readPage(q.input, 40, 80);
    const p = pageSql(page, "s.id");
    const rows = p.finish(q.ctx.db.query<{ pid: number; account_id: number }, number[]>(
      `SELECT s.id AS pid, s.account_id FROM statuses s WHERE s.reblog_of_id = ? AND s.visibility <= 2 AND s.account_id IN (SELECT id FROM accounts WHERE suspended_at IS NULL)${p.where} ORDER BY ${p.order} LIMIT ?`,
    ).all(s.id, ...p.args, page.limit));
    const link = linkHeader(q.url, q.ctx.uris.base, rows[0]?.pid, rows[rows.length - 1]?.pid);
    if (link) q.set.headers.Link = link;
    const views = loadAccountViews(q.ctx, rows.map((x) => x.account_id));
    return rows.map((x) => views.get(x.account_id)).filter((v) => !!v);
  });
}
