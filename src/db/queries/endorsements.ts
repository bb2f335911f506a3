/** Queries on `endorsements`: the profiles an account features. */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";

/** Ids of the unsuspended accounts `accountId` endorses, newest id first, at most `limit`. */
export function listEndorsedAccountIds(db: Database, accountId: number, limit: number): number[] {
  return db
    .query<{ id: number }, [number, number]>(
      `SELECT e.target_account_id AS id FROM endorsements e JOIN accounts a ON a.id = e.target_account_id AND a.suspended_at IS NULL
       WHERE e.account_id = ? ORDER BY e.target_account_id DESC LIMIT ?`,
    )
    .all(accountId, limit)
    .map((r) => r.id);
}

/** A page of the unsuspended accounts (`aid`) `accountId` endorses, paged by account id (`pid`), newest first. */
export function listEndorsedAccountsPage(db: Database, accountId: number, page: Page): { pid: number; aid: number }[] {
  const p = pageSql(page, "e.target_account_id");
  return p.finish(
    db
      .query<{ pid: number; aid: number }, number[]>(
        `SELECT e.target_account_id AS pid, e.target_account_id AS aid FROM endorsements e
     JOIN accounts a ON a.id = e.target_account_id AND a.suspended_at IS NULL
     WHERE e.account_id = ?${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(accountId, ...p.args, page.limit),
  );
}

/** Endorses `targetId` on `accountId`'s profile (no-op when already endorsed). */
export function insertEndorsementIfMissing(db: Database, id: number, accountId: number, targetId: number, now: number): void {
  db.query("INSERT OR IGNORE INTO endorsements (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)").run(
    id,
    accountId,
    targetId,
    now,
  );
}

/** Deletes the endorsement of `targetId` by `accountId`, if any. */
export function deleteEndorsement(db: Database, accountId: number, targetId: number): void {
  db.query("DELETE FROM endorsements WHERE account_id = ? AND target_account_id = ?").run(accountId, targetId);
}
