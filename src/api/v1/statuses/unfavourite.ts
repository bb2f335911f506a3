/** POST /api/v1/statuses/:id/unfavourite: remove a favourite. */
import type { Router } from "../../../http/route";
import { unfavouriteStatus } from "../../../services/favourites/favourite";
import { statusView, undoTarget } from "./load-status";

export default function register(r: Router): void {
  r.post("/api/v1/statuses/:id/unfavourite", { scopes: ["write:favourites"] }, (q) => {
    const s = undoTarget(q.ctx, q.params.id, q.auth.accountId, "favourites");
    unfavouriteStatus(q.ctx, q.auth.accountId, s.id);
    return statusView(q.ctx, s.id, q.auth.accountId);
  });
}
