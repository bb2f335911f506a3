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
import type { TagRow } from "../../../services/tags/names";
import { tagsJson } from "./helpers";

/** Recent posts looked at for suggestions (Mastodon's Tag::RECENT_STATUS_LIMIT). */
const RECENT_STATUSES = 1000;
const SUGGESTIONS = 10;

export default function register(r: Router): void {
  r.get("/api/v1/featured_tags", { scopes: ["read:accounts"] }, (q) =>
    loadFeaturedTags(q.ctx, q.auth.accountId).map((f) => toMastodonFeaturedTag(q.ctx.uris, f)));

  r.post("/api/v1/featured_tags", { scopes: ["write:accounts"] }, (q) => {
    const { id } = featureTag(q.ctx, q.auth.accountId, str(q.input, "name", { max: 1000 }) ?? "");
    const view = loadFeaturedTags(q.ctx, q.auth.accountId).find((f) => f.id === id);
    if (!view) throw new ApiError(404, "Record not found");
    return toMastodonFeaturedTag(q.ctx.uris, view);
  });

  r.get("/api/v1/featured_tags/suggestions", { scopes: ["read:accounts"] }, (q) => {
    const rows = q.ctx.db
      .query<TagRow, [number, number, number]>(
        `SELECT t.* FROM (SELECT id FROM statuses WHERE account_id = ?1 ORDER BY id DESC LIMIT ?2) s
         JOIN statuses_tags st ON st.status_id = s.id JOIN tags t ON t.id = st.tag_id
         WHERE NOT EXISTS (SELECT 1 FROM featured_tags f WHERE f.account_id = ?1 AND f.tag_id = t.id)
         GROUP BY t.id ORDER BY count(*) DESC, max(s.id) DESC LIMIT ?3`,
      )
      .all(q.auth.accountId, RECENT_STATUSES, SUGGESTIONS);
    return tagsJson(q.ctx, rows, q.auth.accountId);
  });

  r.delete("/api/v1/featured_tags/:id", { scopes: ["write:accounts"] }, (q) => {
    deleteFeaturedTag(q.ctx, q.auth.accountId, parseId(q.params.id));
    return {};
  });
}
