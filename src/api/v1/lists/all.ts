/** GET /api/v1/lists: the user's lists. */
import type { Router } from "../../../http/route";
import { listsOf } from "../../../services/lists/find";
import { toMastodonList } from "../../../serializers/mastodon/list";

/** Registers the lists index. */
export default function register(r: Router): void {
  r.get("/api/v1/lists", { scopes: ["read:lists"] }, (q) => listsOf(q.ctx, q.auth.accountId).map(toMastodonList));
}
