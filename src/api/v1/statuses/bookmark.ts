/** POST /api/v1/statuses/:id/bookmark: bookmark a status. */
import type { Router } from "../../../http/route";
import { bookmarkStatus } from "../../../services/bookmarks/bookmark";
import { findVisibleStatus } from "../../../services/statuses/common";
import { original, statusView } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/bookmark", { scopes: ["write:bookmarks"] }, (q) => {
    const s = original(q.ctx, findVisibleStatus(q.ctx, q.params.id, q.auth.accountId));
    bookmarkStatus(q.ctx, q.auth.accountId, s.id);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
