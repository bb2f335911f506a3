/** PreviewCardRow → Mastodon PreviewCard entity (REST::PreviewCardSerializer's fields and order). */
import type { AppContext } from "../../context";
import type { PreviewCardRow } from "../../db/queries/preview-cards";
import { iso } from "./time";

/**
 * The PreviewCard entity. `author` is the serialized account of `fediverse:creator` when the
 * card may name it (see services/preview-cards), else null.
 */
export function toMastodonPreviewCard(
  ctx: AppContext,
  c: PreviewCardRow,
  author: Record<string, unknown> | null = null,
): Record<string, unknown> {
  return {
    url: c.url,
    title: c.title,
    description: c.description,
    language: c.language,
    type: c.type,
    author_name: c.author_name,
    author_url: c.author_url,
    provider_name: c.provider_name,
    provider_url: c.provider_url,
    html: c.html,
    width: c.width,
    height: c.height,
    image: c.image_path ? ctx.storage.url(c.image_path) : null,
    image_description: c.image_description,
    embed_url: c.embed_url,
    blurhash: c.blurhash,
    published_at: c.published_at === null ? null : iso(c.published_at),
    authors: [{ name: c.author_name, url: c.author_url, account: author }],
  };
}
