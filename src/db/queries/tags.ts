/** Named queries on the `tags` table (hashtags). */
import type { Database } from "bun:sqlite";

/** Inserts hashtag `name` unless it exists. */
export function insertTagIfMissing(db: Database, id: number, name: string, displayName: string, at: number): void {
  db.query("INSERT OR IGNORE INTO tags (id, name, display_name, last_status_at, created_at) VALUES (?, ?, ?, ?, ?)").run(id, name, displayName, at, at);
}

/** The id of hashtag `name` (normalized), or null. */
export function getTagIdByName(db: Database, name: string): number | null {
  return db.query<{ id: number }, [string]>("SELECT id FROM tags WHERE name = ?").get(name)?.id ?? null;
}

/** Sets the hashtag's last_status_at (a status used it). */
export function setTagLastStatusAt(db: Database, id: number, at: number): void {
  db.query("UPDATE tags SET last_status_at = ? WHERE id = ?").run(at, id);
}
