/** Queries on `custom_filters`: a user's filters (their keywords and statuses have their own modules). */
import type { Database } from "bun:sqlite";
import type { FilterRow } from "../../serializers/mastodon/filter";

/** The filter `id` when it belongs to `accountId`, else null. */
export function getOwnedFilter(db: Database, id: number, accountId: number): FilterRow | null {
  return db.query<FilterRow, [number, number]>("SELECT * FROM custom_filters WHERE id = ? AND account_id = ?").get(id, accountId);
}

/** The filter `id`, else null. */
export function getFilter(db: Database, id: number): FilterRow | null {
  return db.query<FilterRow, [number]>("SELECT * FROM custom_filters WHERE id = ?").get(id);
}

/** Inserts a filter row. */
export function insertFilter(db: Database, row: Omit<FilterRow, "updated_at">): void {
  db.query(
    "INSERT INTO custom_filters (id, account_id, title, context, action, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(row.id, row.account_id, row.title, row.context, row.action, row.expires_at, row.created_at, row.created_at);
}

/** Sets a filter's title, context, action and expiry. */
export function updateFilter(
  db: Database,
  id: number,
  f: Pick<FilterRow, "title" | "context" | "action" | "expires_at">,
  now: number,
): void {
  db.query("UPDATE custom_filters SET title = ?, context = ?, action = ?, expires_at = ?, updated_at = ? WHERE id = ?").run(
    f.title,
    f.context,
    f.action,
    f.expires_at,
    now,
    id,
  );
}

/** Deletes a filter (its keywords and statuses cascade). */
export function deleteFilter(db: Database, id: number): void {
  db.query("DELETE FROM custom_filters WHERE id = ?").run(id);
}
