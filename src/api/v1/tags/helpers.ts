/** Shared pieces of the hashtag routes: reading a tag name from the path, and Tag entities for a list. */
import type { AppContext } from "../../../context";
import { loadTagData } from "../../../db/views/tags";
import { ApiError } from "../../../model/errors";
import { toMastodonTag } from "../../../serializers/mastodon/tag";
import { isValidTagName, type TagRef } from "../../../services/tags/names";

/** The hashtag name of a path parameter (a leading `#` allowed); 404 unless it is a valid name, as Mastodon. */
export function tagNameParam(raw: string | undefined): string {
  const name = (raw ?? "").replace(/^#/, "");
  if (!isValidTagName(name)) throw new ApiError(404, "Record not found");
  return name;
}

/** Tag entities for `tags` in order, with history and the viewer's flags (fixed number of queries). */
export function tagsJson(ctx: AppContext, tags: TagRef[], viewerId: number | null): Record<string, unknown>[] {
  const data = loadTagData(ctx, tags, viewerId);
  return tags.map((t) => toMastodonTag(ctx.uris, t, data));
}

/** One Tag entity. */
export function tagJson(ctx: AppContext, tag: TagRef, viewerId: number | null): Record<string, unknown> {
  return tagsJson(ctx, [tag], viewerId)[0]!;
}
