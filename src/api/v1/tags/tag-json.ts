/** Tag entities for the hashtag routes (and search): history and the viewer's flags, in a fixed number of queries. */
import type { AppContext } from "../../../context";
import { loadTagData } from "../../../db/views/tags";
import { toMastodonTag } from "../../../serializers/mastodon/tag";
import type { TagRef } from "../../../services/tags/names";

/** Tag entities for `tags` in order, with history and the viewer's flags (fixed number of queries). */
export function tagsJson(ctx: AppContext, tags: TagRef[], viewerId: number | null): Record<string, unknown>[] {
  const data = loadTagData(ctx, tags, viewerId);
  return tags.map((t) => toMastodonTag(ctx.uris, t, data));
}

/** One Tag entity. */
export function tagJson(ctx: AppContext, tag: TagRef, viewerId: number | null): Record<string, unknown> {
  return tagsJson(ctx, [tag], viewerId)[0]!;
}
