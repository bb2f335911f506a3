/** MediaRow → Mastodon MediaAttachment entity. */
import type { AppContext } from "../../context";
import type { MediaRow } from "../../db/rows";

/**
 * The MediaAttachment entity. While the original is processing `url` is null and
 * `preview_url` already points at the small preview (Mastodon's ProcessingMediaAttachment).
 */
export function toMastodonMedia(ctx: AppContext, m: MediaRow): Record<string, unknown> {
  let meta: Record<string, unknown> = {};
  try {
    meta = JSON.parse(m.meta);
  } catch {
    /* empty */
  }
  const url = m.processing !== 0 ? null : m.file_key ? ctx.storage.url(m.file_key) : m.remote_url;
  const preview = m.thumbnail_key ? ctx.storage.url(m.thumbnail_key) : url;
  return {
    id: String(m.id),
    type: m.type,
    url,
    preview_url: preview,
    remote_url: m.remote_url,
    preview_remote_url: null,
    text_url: null,
    meta: { ...meta, ...(m.type !== "audio" ? { focus: { x: m.focus_x, y: m.focus_y } } : {}) },
    description: m.description,
    blurhash: m.blurhash,
  };
}
