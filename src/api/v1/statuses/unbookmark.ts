/** POST /api/v1/statuses/:id/unbookmark: remove a bookmark. */
import type { Router } from "../../../http/route";
import { unbookmarkStatus } from "../../../services/bookmarks/bookmark";
import { statusView, undoTarget } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/unbookmark", { scopes: ["write:bookmarks"] }, (q) => {
    const s = undoTarget(q.ctx, q.params.id, q.auth.accountId, "bookmarks");
    unbookmarkStatus(q.ctx, q.auth.accountId, s.id);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
