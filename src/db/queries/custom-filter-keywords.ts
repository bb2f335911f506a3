/** Queries on `custom_filter_keywords`: the keywords of a user's filters. */
import type { Database } from "bun:sqlite";
import type { FilterKeywordRow } from "../../serializers/mastodon/filter";

/** The keyword `id`, else null. */
export function getFilterKeyword(db: Database, id: number): FilterKeywordRow | null {
  return db.query<FilterKeywordRow, [number]>("SELECT * FROM custom_filter_keywords WHERE id = ?").get(id);
}

/** The keywords of filter `filterId` (in table order). */
export function listFilterKeywords(db: Database, filterId: number): FilterKeywordRow[] {
  return db.query<FilterKeywordRow, [number]>("SELECT * FROM custom_filter_keywords WHERE custom_filter_id = ?").all(filterId);
}

/** How many keywords filter `filterId` has. */
export function countFilterKeywords(db: Database, filterId: number): number {
  return (
    db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM custom_filter_keywords WHERE custom_filter_id = ?").get(filterId)?.n ?? 0
  );
}

/** Inserts a keyword row (whole_word 0/1). */
export function insertFilterKeyword(db: Database, row: Omit<FilterKeywordRow, "updated_at">): void {
  db.query(
    "INSERT INTO custom_filter_keywords (id, custom_filter_id, keyword, whole_word, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
  ).run(row.id, row.custom_filter_id, row.keyword, row.whole_word, row.created_at, row.created_at);
}

/** Sets a keyword's text and whole_word flag. */
export function updateFilterKeyword(db: Database, id: number, keyword: string, wholeWord: number, now: number): void {
  db.query("UPDATE custom_filter_keywords SET keyword = ?, whole_word = ?, updated_at = ? WHERE id = ?").run(keyword, wholeWord, now, id);
}

/** Deletes a keyword. */
export function deleteFilterKeyword(db: Database, id: number): void {
  db.query("DELETE FROM custom_filter_keywords WHERE id = ?").run(id);
}

/** The keywords of filter `filterId`, oldest first (GET /api/v2/filters/:id/keywords). */
export function listFilterKeywordsOrdered(db: Database, filterId: number): FilterKeywordRow[] {
  return db.query<FilterKeywordRow, [number]>("SELECT * FROM custom_filter_keywords WHERE custom_filter_id = ? ORDER BY id").all(filterId);
}
