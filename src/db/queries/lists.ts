/** Queries on `lists`: a user's lists. */
import type { Database } from "bun:sqlite";
import type { ListRow } from "../rows";

/** The list `id` when `ownerId` owns it, else null. */
export function getOwnedList(db: Database, id: number, ownerId: number): ListRow | null {
  return db.query<ListRow, [number, number]>("SELECT * FROM lists WHERE id = ? AND account_id = ?").get(id, ownerId);
}

/** The owner's lists, oldest first. */
export function listListsOf(db: Database, ownerId: number): ListRow[] {
  return db.query<ListRow, [number]>("SELECT * FROM lists WHERE account_id = ? ORDER BY id").all(ownerId);
}

/** The owner's lists that contain `accountId`, oldest first. */
export function listListsContaining(db: Database, ownerId: number, accountId: number): ListRow[] {
  return db
    .query<ListRow, [number, number]>(
      "SELECT l.* FROM list_accounts la JOIN lists l ON l.id = la.list_id WHERE la.account_id = ? AND l.account_id = ? ORDER BY l.id",
    )
    .all(accountId, ownerId);
}

/** How many lists `ownerId` has. */
export function countLists(db: Database, ownerId: number): number {
  return db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM lists WHERE account_id = ?").get(ownerId)!.n;
}

/** Inserts a list and returns its row. */
export function insertList(db: Database, row: Omit<ListRow, "updated_at">): ListRow {
  return db
    .query<ListRow, [number, number, string, string, number, number, number]>(
      "INSERT INTO lists (id, account_id, title, replies_policy, exclusive, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *",
    )
    .get(row.id, row.account_id, row.title, row.replies_policy, row.exclusive, row.created_at, row.created_at)!;
}

/** Sets a list's title, replies policy and exclusive flag; returns the new row. */
export function updateList(db: Database, id: number, l: Pick<ListRow, "title" | "replies_policy" | "exclusive">, now: number): ListRow {
  return db
    .query<ListRow, [string, string, number, number, number]>(
      "UPDATE lists SET title = ?, replies_policy = ?, exclusive = ?, updated_at = ? WHERE id = ? RETURNING *",
    )
    .get(l.title, l.replies_policy, l.exclusive, now, id)!;
}

/** Deletes a list (members and feed cascade). */
export function deleteList(db: Database, id: number): void {
  db.query("DELETE FROM lists WHERE id = ?").run(id);
}
