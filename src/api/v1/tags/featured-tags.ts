/**
 * /api/v1/featured_tags: list, feature (POST name), unfeature (DELETE :id) and suggestions
 * (the ten tags the viewer used most in recent posts and has not featured yet).
 */
import { loadFeaturedTags } from "../../../db/views/tags";
import { ApiError } from "../../../model/errors";
import { str } from "../../../http/params";
import type { Router } from "../../../http/route";
import { parseId } from "../../../model/ids";
import { toMastodonFeaturedTag } from "../../../serializers/mastodon/tag";
import { deleteFeaturedTag, featureTag } from "../../../services/tags/feature";
import { listFeaturedTagSuggestions } from "../../../db/queries/featured-tags";
import { tagsJson } from "./tag-json";

/** Recent posts looked at for suggestions (Mastodon's Tag::RECENT_STATUS_LIMIT). */
const RECENT_STATUSES = 1000;
const SUGGESTIONS = 10;

export default function register(r: Router): void {
  r.get("/api/v1/featured_tags", { scopes: ["read:accounts"] }, (q) =>
    loadFeaturedTags(q.ctx, q.auth.accountId).map((f) => toMastodonFeaturedTag(q.ctx.uris, f)),
  );

  r.post("/api/v1/featured_tags", { scopes: ["write:accounts"] }, (q) => {
    const { id } = featureTag(q.ctx, q.auth.accountId, str(q.input, "name", { max: 1000 }) ?? "");
    const view = loadFeaturedTags(q.ctx, q.auth.accountId).find((f) => f.id === id);
    if (!view) throw new ApiError(404, "Record not found");
    return toMastodonFeaturedTag(q.ctx.uris, view);
  });

  r.get("/api/v1/featured_tags/suggestions", { scopes: ["read:accounts"] }, (q) => {
    const rows = listFeaturedTagSuggestions(q.ctx.db, q.auth.accountId, RECENT_STATUSES, SUGGESTIONS);
    return tagsJson(q.ctx, rows, q.auth.accountId);
  });

  r.delete("/api/v1/featured_tags/:id", { scopes: ["write:accounts"] }, (q) => {
    deleteFeaturedTag(q.ctx, q.auth.accountId, parseId(q.params.id));
    return {};
  });
}
