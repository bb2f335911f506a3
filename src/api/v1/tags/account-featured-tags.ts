/** GET /api/v1/accounts/:id/featured_tags: the hashtags an account features (public; none for a suspended account). */
import { getAccountSuspendedAt } from "../../../db/queries/accounts";
import { loadFeaturedTags } from "../../../db/views/tags";
import { ApiError } from "../../../model/errors";
import type { Req, Router } from "../../../http/route";
import { parseId } from "../../../model/ids";
import { toMastodonFeaturedTag } from "../../../serializers/mastodon/tag";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/accounts/:id/featured_tags", { auth: "optional" }, (q) => {
    const id = parseId(q.params.id);
    const a = id === undefined ? null : getAccountSuspendedAt(q.ctx.db, id);
    if (!a) throw new ApiError(404, "Record not found");
    if (a.suspended_at !== null) return [];
    return loadFeaturedTags(q.ctx, id!).map((f) => toMastodonFeaturedTag(q.ctx.uris, f));
  });
}
