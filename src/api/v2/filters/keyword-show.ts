/** GET /api/v2/filters/keywords/:id: one keyword of the user's filters → FilterKeyword. */
import type { Router } from "../../../http/route";
import { toMastodonFilterKeyword } from "../../../serializers/mastodon/filter";
import { ownedKeyword } from "../../../services/filters/common";

export default function register(r: Router): void {
  r.get("/api/v2/filters/keywords/:id", { scopes: ["read:filters"] }, (q) =>
    toMastodonFilterKeyword(ownedKeyword(q.ctx, q.auth.accountId, q.params.id).keyword),
  );
}
