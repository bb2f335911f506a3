/** Named queries on the `statuses_tags` table (which hashtags a status uses). */
import type { Database } from "bun:sqlite";

/** Links status `statusId` to hashtag `tagId` (idempotent). */
export function insertStatusTag(db: Database, tagId: number, statusId: number): void {
  db.query("INSERT OR IGNORE INTO statuses_tags (tag_id, status_id) VALUES (?, ?)").run(tagId, statusId);
}

/** Unlinks every hashtag from status `statusId`. */
export function deleteStatusTags(db: Database, statusId: number): void {
  db.query("DELETE FROM statuses_tags WHERE status_id = ?").run(statusId);
}

/** The names of the hashtags status `statusId` uses. */
export function listStatusTagNames(db: Database, statusId: number): string[] {
  return db
    .query<{ name: string }, [number]>("SELECT t.name FROM statuses_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id = ?")
    .all(statusId)
    .map((r) => r.name);
}
