/** Custom emoji as ActivityPub `Emoji` tags (toot:Emoji), both ways. */
import type { AppContext } from "../../context";
import { emojiImageUrl, type CustomEmojiRow } from "../mastodon/custom-emoji";
import { SHORTCODE_RE } from "../../text/custom-emoji";
import { apTime } from "./context";

/** The Emoji tag of an emoji: id, `:name:`, updated, icon. */
export function toApEmoji(ctx: AppContext, e: CustomEmojiRow): Record<string, unknown> {
  return {
    id: e.domain === null ? ctx.uris.emoji(e.id) : (e.uri ?? emojiImageUrl(ctx, e)),
    type: "Emoji",
    name: `:${e.shortcode}:`,
    updated: apTime(e.updated_at ?? e.created_at),
    icon: { type: "Image", mediaType: e.image_content_type ?? "image/png", url: emojiImageUrl(ctx, e) },
  };
}

/** A remote Emoji tag, checked. */
export interface ParsedEmoji {
  shortcode: string;
  url: string;
  uri: string | null;
  updatedAt: number | null;
}

const isHttp = (u: unknown): u is string => typeof u === "string" && /^https?:\/\//i.test(u);

/** The Emoji tags of an object or actor (`tag`), at most 50, invalid ones skipped. */
export function fromApEmojiTags(tag: unknown): ParsedEmoji[] {
  const tags = Array.isArray(tag) ? tag : tag ? [tag] : [];
  const out: ParsedEmoji[] = [];
  for (const t of tags) {
    if (!t || typeof t !== "object" || t.type !== "Emoji" || typeof t.name !== "string") continue;
    const shortcode = t.name.replace(/^:|:$/g, "");
    const icon = Array.isArray(t.icon) ? t.icon[0] : t.icon;
    const url = typeof icon === "string" ? icon : icon?.url;
    if (!SHORTCODE_RE.test(shortcode) || shortcode.length > 100 || !isHttp(url)) continue;
    if (out.some((e) => e.shortcode === shortcode)) continue;
    const updated = typeof t.updated === "string" ? Date.parse(t.updated) : NaN;
    out.push({ shortcode, url, uri: isHttp(t.id) ? t.id : null, updatedAt: Number.isFinite(updated) ? updated : null });
    if (out.length >= 50) break;
  }
  return out;
}
