/** Named queries on the `blocks` table. */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";
import { selectIn } from "../sql";

/** Block rows whose target is one of `targetIds` (read through blocks_target). */
export function listBlocksTargeting(db: Database, targetIds: readonly number[]): { account_id: number; target_account_id: number }[] {
  return selectIn<{ account_id: number; target_account_id: number }>(
    db,
    (ph) => `SELECT account_id, target_account_id FROM blocks WHERE target_account_id IN (${ph})`,
    targetIds,
  );
}

/** Block rows made by one of `accountIds` (read through the (account_id, target_account_id) key). */
export function listBlocksBy(db: Database, accountIds: readonly number[]): { account_id: number; target_account_id: number }[] {
  return selectIn<{ account_id: number; target_account_id: number }>(
    db,
    (ph) => `SELECT account_id, target_account_id FROM blocks WHERE account_id IN (${ph})`,
    accountIds,
  );
}

/** True when `accountId` blocks `targetId`. */
export function isBlocking(db: Database, accountId: number, targetId: number): boolean {
  return !!db.query("SELECT 1 FROM blocks WHERE account_id = ? AND target_account_id = ?").get(accountId, targetId);
}

/** A page of the accounts (`aid`) `accountId` blocks, paged by block id (`pid`), newest first. */
export function listBlockedAccountsPage(db: Database, accountId: number, page: Page): { pid: number; aid: number }[] {
  const p = pageSql(page, "b.id");
  return p.finish(
    db
      .query<{ pid: number; aid: number }, number[]>(
        `SELECT b.id AS pid, b.target_account_id AS aid FROM blocks b WHERE b.account_id = ?${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(accountId, ...p.args, page.limit),
  );
}

/** Inserts a block unless `accountId` already blocks `targetId`; true when a row was added. */
export function insertBlockIfMissing(db: Database, id: number, accountId: number, targetId: number, uri: string, now: number): boolean {
  return (
    db
      .query("INSERT OR IGNORE INTO blocks (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(id, accountId, targetId, uri, now).changes > 0
  );
}

/** Deletes the block of `accountId` on `targetId`; returns its id, else null. */
export function deleteBlock(db: Database, accountId: number, targetId: number): number | null {
  return (
    db
      .query<{ id: number }, [number, number]>("DELETE FROM blocks WHERE account_id = ? AND target_account_id = ? RETURNING id")
      .get(accountId, targetId)?.id ?? null
  );
}

/** Records the ActivityPub id of the Block behind `accountId`'s block of `targetId`. */
export function setBlockUri(db: Database, accountId: number, targetId: number, uri: string): void {
  db.query("UPDATE blocks SET uri = ? WHERE account_id = ? AND target_account_id = ?").run(uri, accountId, targetId);
}

/** Deletes `accountId`'s block whose ActivityPub id is `uri`; true when there was one. */
export function deleteBlockByUri(db: Database, accountId: number, uri: string): boolean {
  return db.query("DELETE FROM blocks WHERE account_id = ? AND uri = ?").run(accountId, uri).changes > 0;
}

/** Local accounts (other than `exceptId`) blocking account `targetId`. */
export function listLocalBlockerIds(db: Database, targetId: number, exceptId: number): number[] {
  return db
    .query<{ account_id: number }, [number, number]>(
      "SELECT account_id FROM blocks WHERE target_account_id = ? AND account_id IN (SELECT id FROM accounts WHERE domain IS NULL) AND account_id <> ?",
    )
    .all(targetId, exceptId)
    .map((r) => r.account_id);
}

/** Adds a block without an ActivityPub id (carried over from a moved account) unless it exists. */
export function insertCarriedBlock(db: Database, id: number, accountId: number, targetId: number, at: number): void {
  db.query("INSERT OR IGNORE INTO blocks (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)").run(
    id,
    accountId,
    targetId,
    at,
  );
}
