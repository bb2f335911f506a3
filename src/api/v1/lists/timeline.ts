/** GET /api/v1/timelines/list/:list_id: statuses of a list's members, from its precomputed feed. */
import type { Router } from "../../../http/route";
import { readPage } from "../../../http/pagination";
import { listTimelineIds } from "../../../db/queries/list-timeline";
import { findList } from "../../../services/lists/find";
import { statusPage } from "../timelines/status-page";

/** Registers the list timeline (Mastodon asks for read:lists here). */
export default function register(r: Router): void {
  r.get("/api/v1/timelines/list/:list_id", { scopes: ["read:lists"] }, (q) => {
    const list = findList(q.ctx, q.auth.accountId, q.params.list_id);
    const page = listTimelineIds(q.ctx, list.id, q.auth.accountId, readPage(q.input));
    return statusPage(q, page, q.auth.accountId);
  });
}
