/** custom_emojis row → Mastodon CustomEmoji entity (and Hearth's admin view of it). */
import type { AppContext } from "../../context";

export interface CustomEmojiRow {
  id: number;
  shortcode: string;
  domain: string | null;
  image_key: string | null;
  image_static_key: string | null;
  image_content_type: string | null;
  image_file_size: number | null;
  image_remote_url: string | null;
  uri: string | null;
  visible_in_picker: number;
  disabled: number;
  category: string | null;
  created_at: number;
  updated_at: number | null;
}

/** The image URL of an emoji: the stored copy, else the remote original. */
export function emojiImageUrl(ctx: AppContext, e: CustomEmojiRow): string {
  return e.image_key ? ctx.storage.url(e.image_key) : (e.image_remote_url ?? "");
}

/** The CustomEmoji entity; static_url is the static PNG rendition when there is one. */
export function toMastodonEmoji(ctx: AppContext, e: CustomEmojiRow): Record<string, unknown> {
  const url = emojiImageUrl(ctx, e);
  const staticUrl = e.image_static_key ? ctx.storage.url(e.image_static_key) : url;
  return { shortcode: e.shortcode, url, static_url: staticUrl, visible_in_picker: !!e.visible_in_picker, category: e.category };
}

/** Hearth's admin view of an emoji: the entity plus id, domain, disabled, uri and times. */
export function toAdminEmoji(ctx: AppContext, e: CustomEmojiRow): Record<string, unknown> {
  return {
    id: String(e.id),
    ...toMastodonEmoji(ctx, e),
    domain: e.domain,
    disabled: !!e.disabled,
    uri: e.uri,
    image_file_size: e.image_file_size,
    created_at: new Date(e.created_at).toISOString(),
    updated_at: new Date(e.updated_at ?? e.created_at).toISOString(),
  };
}
