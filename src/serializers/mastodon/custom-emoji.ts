/** custom_emojis row → Mastodon CustomEmoji entity. */
import type { AppContext } from "../../context";

export interface CustomEmojiRow {
  id: number;
  shortcode: string;
  domain: string | null;
  image_key: string | null;
  image_remote_url: string | null;
  visible_in_picker: number;
  category: string | null;
  created_at: number;
}

/** The CustomEmoji entity (static_url is the same image: no animation stripping yet). */
export function toMastodonEmoji(ctx: AppContext, e: CustomEmojiRow): Record<string, unknown> {
  const url = e.image_key ? ctx.storage.url(e.image_key) : (e.image_remote_url ?? "");
  return { shortcode: e.shortcode, url, static_url: url, visible_in_picker: !!e.visible_in_picker, category: e.category };
}
