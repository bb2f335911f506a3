/** Queries on `custom_emojis`. */
import type { Database } from "bun:sqlite";
import type { CustomEmojiRow } from "../../serializers/mastodon/custom-emoji";

/** Every local custom emoji, ordered by shortcode (case-insensitively). */
export function listLocalCustomEmojis(db: Database): CustomEmojiRow[] {
  return db.query<CustomEmojiRow, []>("SELECT * FROM custom_emojis WHERE domain IS NULL ORDER BY lower(shortcode)").all();
}
