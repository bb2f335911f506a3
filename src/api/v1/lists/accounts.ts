/** GET /api/v1/lists/:id/accounts: the list's members, Link-paginated by account id (limit=0: all). */
import type { Router } from "../../../http/route";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { listMemberIds } from "../../../db/queries/list-timeline";
import { loadAccountViews } from "../../../db/views/accounts";
import { findList } from "../../../services/lists/find";

/** Registers the members read. */
export default function register(r: Router): void {
  r.get("/api/v1/lists/:id/accounts", { scopes: ["read:lists"] }, (q) => {
    const list = findList(q.ctx, q.auth.accountId, q.params.id);
    const all = q.input.limit === "0" || q.input.limit === 0;
    const ids = listMemberIds(q.ctx, list.id, all ? null : readPage(q.input, 40, 80));
    if (!all) setLinkHeader(q, ids[0], ids[ids.length - 1]);
    const views = loadAccountViews(q.ctx, ids);
    return ids.map((id) => views.get(id)).filter((v) => v !== undefined);
  });
}
