/** GET /api/v1/statuses/:id/card (deprecated since Mastodon 3.0): the status's PreviewCard, or `{}`. */
import type { Req, Router } from "../../../http/route";
import { loadStatusViews } from "../../../db/views/statuses";
import { findVisibleStatus } from "../../../services/statuses/common";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/statuses/:id/card", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const viewer = q.auth?.accountId ?? null;
    const s = findVisibleStatus(q.ctx, q.params.id, viewer);
    return loadStatusViews(q.ctx, [s.id], viewer).get(s.id)?.card ?? {};
  });
}
