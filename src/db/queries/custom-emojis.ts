/** Queries on `custom_emojis` (local rows have domain NULL; remote rows keep their domain and URI). */
import type { Database } from "bun:sqlite";
import type { CustomEmojiRow } from "../../serializers/mastodon/custom-emoji";

/** Every enabled local custom emoji, ordered by shortcode (case-insensitively): /api/v1/custom_emojis. */
export function listLocalCustomEmojis(db: Database): CustomEmojiRow[] {
  return db.query<CustomEmojiRow, []>("SELECT * FROM custom_emojis WHERE domain IS NULL AND disabled = 0 ORDER BY lower(shortcode)").all();
}

/** Custom emoji for the admin listing: local ones (domain null), one remote domain, or every remote one ("*"). */
export function listCustomEmojisForAdmin(db: Database, domain: string | null, limit: number): CustomEmojiRow[] {
  if (domain === "*")
    return db
      .query<CustomEmojiRow, [number]>("SELECT * FROM custom_emojis WHERE domain IS NOT NULL ORDER BY domain, shortcode LIMIT ?")
      .all(limit);
  return db
    .query<CustomEmojiRow, [string, number]>("SELECT * FROM custom_emojis WHERE ifnull(domain, '') = ? ORDER BY lower(shortcode) LIMIT ?")
    .all(domain ?? "", limit);
}

/** One emoji by id. */
export function getCustomEmoji(db: Database, id: number): CustomEmojiRow | null {
  return db.query<CustomEmojiRow, [number]>("SELECT * FROM custom_emojis WHERE id = ?").get(id);
}

/** The emoji `shortcode` of `domain` (null: local). */
export function findCustomEmoji(db: Database, shortcode: string, domain: string | null): CustomEmojiRow | null {
  return db
    .query<CustomEmojiRow, [string, string]>("SELECT * FROM custom_emojis WHERE shortcode = ? AND ifnull(domain, '') = ?")
    .get(shortcode, domain ?? "");
}

/** Enabled emoji for `[shortcode, domain ('' for local)]` pairs, in one query (for view loaders). */
export function findEnabledCustomEmojis(db: Database, pairs: readonly [string, string][]): CustomEmojiRow[] {
  if (pairs.length === 0) return [];
  return db
    .query<CustomEmojiRow, [string]>(
      `SELECT e.* FROM json_each(?) j JOIN custom_emojis e
         ON e.shortcode = json_extract(j.value, '$[0]') AND ifnull(e.domain, '') = json_extract(j.value, '$[1]')
       WHERE e.disabled = 0`,
    )
    .all(JSON.stringify(pairs));
}

/** Columns a new emoji row is made of. */
export type NewCustomEmojiRow = Omit<CustomEmojiRow, "id">;

/** Inserts an emoji; returns its id. */
export function insertCustomEmoji(db: Database, r: NewCustomEmojiRow): number {
  const row = db
    .query<{ id: number }, any[]>(
      `INSERT INTO custom_emojis (shortcode, domain, image_key, image_static_key, image_content_type, image_file_size,
         image_remote_url, uri, visible_in_picker, disabled, category, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(
      r.shortcode,
      r.domain,
      r.image_key,
      r.image_static_key,
      r.image_content_type,
      r.image_file_size,
      r.image_remote_url,
      r.uri,
      r.visible_in_picker,
      r.disabled,
      r.category,
      r.created_at,
      r.updated_at,
    );
  return row!.id;
}

/** Changes the given columns of an emoji. */
export function updateCustomEmoji(db: Database, id: number, set: Partial<NewCustomEmojiRow>): void {
  const keys = Object.keys(set).filter((k) => /^[a-z_]+$/.test(k));
  if (keys.length === 0) return;
  db.query(`UPDATE custom_emojis SET ${keys.map((k) => `${k} = ?`).join(", ")} WHERE id = ?`).run(...keys.map((k) => (set as any)[k]), id);
}

/** Deletes an emoji row. */
export function deleteCustomEmoji(db: Database, id: number): void {
  db.query("DELETE FROM custom_emojis WHERE id = ?").run(id);
}
