/** GET /api/v1/accounts/:id/featured_tags: the hashtags an account features (public; none for a suspended account). */
import type { AccountRow } from "../../../db/rows";
import { loadFeaturedTags } from "../../../db/views/tags";
import { ApiError } from "../../../model/errors";
import type { Req, Router } from "../../../http/route";
import { parseId } from "../../../model/ids";
import { toMastodonFeaturedTag } from "../../../serializers/mastodon/tag";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/accounts/:id/featured_tags", { auth: "optional" }, (q) => {
    const id = parseId(q.params.id);
    const a = id === undefined ? null : q.ctx.db.query<Pick<AccountRow, "id" | "suspended_at">, [number]>("SELECT id, suspended_at FROM accounts WHERE id = ?").get(id);
    if (!a) throw new ApiError(404, "Record not found");
    if (a.suspended_at !== null) return [];
    return loadFeaturedTags(q.ctx, a.id).map((f) => toMastodonFeaturedTag(q.ctx.uris, f));
  });
}
