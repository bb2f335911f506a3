/** POST /api/v1/statuses/:id/favourite: favourite a status. */
import type { Router } from "../../../http/route";
import { favouriteStatus } from "../../../services/favourites/favourite";
import { findVisibleStatus } from "../../../services/statuses/common";
import { original, statusView } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/favourite", { scopes: ["write:favourites"] }, (q) => {
    const s = original(q.ctx, findVisibleStatus(q.ctx, q.params.id, q.auth.accountId));
    favouriteStatus(q.ctx, q.auth.accountId, s);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
