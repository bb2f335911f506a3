/** Named queries on the `favourites` table. */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";
import { pageSql, type Page } from "../paging";

/** Inserts a favourite unless the account already favourited the status; true when a row was added. */
export function insertFavourite(db: Database, r: { id: number; account_id: number; status_id: number; created_at: number }): boolean {
  return (
    db
      .query("INSERT OR IGNORE INTO favourites (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)")
      .run(r.id, r.account_id, r.status_id, r.created_at).changes > 0
  );
}

/** Deletes the account's favourite of `statusId`; returns its id, or null when there was none. */
export function deleteFavourite(db: Database, accountId: number, statusId: number): number | null {
  return (
    db
      .query<{ id: number }, [number, number]>("DELETE FROM favourites WHERE account_id = ? AND status_id = ? RETURNING id")
      .get(accountId, statusId)?.id ?? null
  );
}

/** True when the account has favourited status `statusId`. */
export function hasFavourite(db: Database, accountId: number, statusId: number): boolean {
  return !!db.query("SELECT 1 FROM favourites WHERE account_id = ? AND status_id = ?").get(accountId, statusId);
}

/** Ids of every status the account favourited. */
export function listFavouritedStatusIds(db: Database, accountId: number): number[] {
  return db
    .query<{ id: number }, [number]>("SELECT status_id AS id FROM favourites WHERE account_id = ?")
    .all(accountId)
    .map((r) => r.id);
}

/** A page of the unsuspended accounts (`account_id`) that favourited `statusId`, paged by favourite id (`pid`), newest first. */
export function listFavouritersPage(db: Database, statusId: number, page: Page): { pid: number; account_id: number }[] {
  const p = pageSql(page, "f.id");
  return p.finish(
    db
      .query<{ pid: number; account_id: number }, number[]>(
        `SELECT f.id AS pid, f.account_id FROM favourites f WHERE f.status_id = ? AND f.account_id IN (SELECT id FROM accounts WHERE suspended_at IS NULL)${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(statusId, ...p.args, page.limit),
  );
}

/** The accounts that favourited any of `statusIds` (read through the status index). */
export function listFavouriterIds(db: Database, statusIds: readonly number[]): number[] {
  return selectIn<{ id: number }>(db, (ph) => `SELECT account_id AS id FROM favourites WHERE status_id IN (${ph})`, statusIds).map(
    (r) => r.id,
  );
}

/** Records the ActivityPub id of the Like behind `accountId`'s favourite of `statusId`. */
export function setFavouriteUri(db: Database, accountId: number, statusId: number, uri: string): void {
  db.query("UPDATE favourites SET uri = ? WHERE account_id = ? AND status_id = ?").run(uri, accountId, statusId);
}

/** The status `accountId` favourited with the Like whose id is `uri`, else null. */
export function getFavouritedStatusIdByUri(db: Database, accountId: number, uri: string): number | null {
  return (
    db.query<{ s: number }, [number, string]>("SELECT status_id AS s FROM favourites WHERE account_id = ? AND uri = ?").get(accountId, uri)
      ?.s ?? null
  );
}
