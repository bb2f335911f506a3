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
  // Cache removed by the retention: our media proxy fetches it again on view (as Mastodon's
  // needs_redownload?), so clients keep loading from this server.
  const proxied = m.cache_removed_at != null && !m.file_key && !m.thumbnail_key && !!m.remote_url;
  const url =
    m.processing !== 0 ? null : proxied ? ctx.uris.mediaProxy(m.id, "original") : m.file_key ? ctx.storage.url(m.file_key) : m.remote_url;
  const preview = proxied ? ctx.uris.mediaProxy(m.id, "small") : m.thumbnail_key ? ctx.storage.url(m.thumbnail_key) : url;
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
