/** Queries on `list_accounts`: the members of lists. */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";

/** Those of `accountIds` that are members of list `listId` (one query). */
export function listMembersAmong(db: Database, listId: number, accountIds: readonly number[]): Set<number> {
  return new Set(
    selectIn<{ id: number }>(
      db,
      (ph) => `SELECT account_id AS id FROM list_accounts WHERE list_id = ? AND account_id IN (${ph})`,
      accountIds,
      [listId],
    ).map((r) => r.id),
  );
}

/** Adds `accountId` to list `listId`. */
export function insertListAccount(db: Database, id: number, listId: number, accountId: number, now: number): void {
  db.query("INSERT INTO list_accounts (id, list_id, account_id, created_at) VALUES (?, ?, ?, ?)").run(id, listId, accountId, now);
}

/** Removes `accountId` from list `listId`; true when it was a member. */
export function deleteListAccount(db: Database, listId: number, accountId: number): boolean {
  return db.query("DELETE FROM list_accounts WHERE list_id = ? AND account_id = ?").run(listId, accountId).changes > 0;
}

/** The ids of `ownerId`'s lists that contain `accountId`. */
export function listOwnerListIdsContaining(db: Database, ownerId: number, accountId: number): number[] {
  return db
    .query<{ id: number }, [number, number]>(
      "SELECT l.id FROM list_accounts la JOIN lists l ON l.id = la.list_id WHERE la.account_id = ? AND l.account_id = ?",
    )
    .all(accountId, ownerId)
    .map((r) => r.id);
}

/** True when `ownerId` has `accountId` on an exclusive list. */
export function inExclusiveList(db: Database, ownerId: number, accountId: number): boolean {
  return !!db
    .query(
      "SELECT 1 FROM list_accounts la JOIN lists l ON l.id = la.list_id WHERE la.account_id = ? AND l.account_id = ? AND l.exclusive = 1 LIMIT 1",
    )
    .get(accountId, ownerId);
}
