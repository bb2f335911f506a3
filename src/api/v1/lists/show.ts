/** GET /api/v1/lists/:id: one of the user's lists (404 for anyone else's). */
import type { Router } from "../../../http/route";
import { findList } from "../../../services/lists/find";
import { toMastodonList } from "../../../serializers/mastodon/list";

/** Registers the single-list read. */
export default function register(r: Router): void {
  r.get("/api/v1/lists/:id", { scopes: ["read:lists"] }, (q) => toMastodonList(findList(q.ctx, q.auth.accountId, q.params.id)));
}
