/** GET /api/v1/statuses/:id/favourited_by: accounts that favourited a status, paginated by favourite id, with a Link header. */
import type { Req, Router } from "../../../http/route";
import { loadAccountViews } from "../../../db/views/accounts";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { listFavouritersPage } from "../../../db/queries/favourites";
import { findVisibleStatus } from "../../../services/statuses/common";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/statuses/:id/favourited_by", { auth: "optional", scopes: ["read:accounts"] }, (q) => {
    const s = findVisibleStatus(q.ctx, q.params.id, q.auth?.accountId ?? null);
    const rows = listFavouritersPage(q.ctx.db, s.id, readPage(q.input, 40, 80));
    setLinkHeader(q, rows[0]?.pid, rows[rows.length - 1]?.pid);
    const views = loadAccountViews(
      q.ctx,
      rows.map((x) => x.account_id),
    );
    return rows.map((x) => views.get(x.account_id)).filter((v) => !!v);
  });
}
