/** Queries on `custom_filter_statuses`: the statuses a user's filters hide by id. */
import type { Database } from "bun:sqlite";
import type { FilterStatusRow } from "../../serializers/mastodon/filter";

/** The status filter `id`, else null. */
export function getFilterStatus(db: Database, id: number): FilterStatusRow | null {
  return db.query<FilterStatusRow, [number]>("SELECT * FROM custom_filter_statuses WHERE id = ?").get(id);
}

/** True when filter `filterId` already holds status `statusId`. */
export function filterHasStatus(db: Database, filterId: number, statusId: number): boolean {
  return !!db.query("SELECT 1 FROM custom_filter_statuses WHERE custom_filter_id = ? AND status_id = ?").get(filterId, statusId);
}

/** Inserts a status filter row. */
export function insertFilterStatus(db: Database, row: Omit<FilterStatusRow, "updated_at">): void {
  db.query("INSERT INTO custom_filter_statuses (id, custom_filter_id, status_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)").run(
    row.id,
    row.custom_filter_id,
    row.status_id,
    row.created_at,
    row.created_at,
  );
}

/** Deletes a status filter. */
export function deleteFilterStatus(db: Database, id: number): void {
  db.query("DELETE FROM custom_filter_statuses WHERE id = ?").run(id);
}

/** The status filters of filter `filterId`, oldest first (GET /api/v2/filters/:id/statuses). */
export function listFilterStatuses(db: Database, filterId: number): FilterStatusRow[] {
  return db.query<FilterStatusRow, [number]>("SELECT * FROM custom_filter_statuses WHERE custom_filter_id = ? ORDER BY id").all(filterId);
}
