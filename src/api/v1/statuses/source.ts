/** GET /api/v1/statuses/:id/source: the plain text a status was written in. */
import type { Router } from "../../../http/route";
import { findVisibleStatus } from "../../../services/statuses/common";

export default function register(r: Router): void {
  r.get("/api/v1/statuses/:id/source", { scopes: ["read:statuses"] }, (q) => {
    const s = findVisibleStatus(q.ctx, q.params.id, q.auth.accountId);
    return { id: String(s.id), text: s.text, spoiler_text: s.spoiler_text };
  });
}
