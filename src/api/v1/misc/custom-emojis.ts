/** GET /api/v1/custom_emojis: the local custom emojis (public). */
import type { Req } from "../../../http/route";
import { toMastodonEmoji, type CustomEmojiRow } from "../../../serializers/mastodon/custom-emoji";

/** Handler: every local emoji, ordered by shortcode. */
export function listCustomEmojis(q: Req): Record<string, unknown>[] {
  const rows = q.ctx.db.query<CustomEmojiRow, []>("SELECT * FROM custom_emojis WHERE domain IS NULL ORDER BY lower(shortcode)").all();
  return rows.map((e) => toMastodonEmoji(q.ctx, e));
}
