/** Queries on `account_domain_blocks`: the remote domains a user hides (Mastodon's AccountDomainBlock). */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";
import type { AccountRow } from "../rows";

/** Adds `domain` to `accountId`'s blocked domains; true when it was not there yet. */
export function insertAccountDomainBlock(db: Database, id: number, accountId: number, domain: string, now: number): boolean {
  return (
    db
      .query("INSERT OR IGNORE INTO account_domain_blocks (id, account_id, domain, created_at) VALUES (?, ?, ?, ?)")
      .run(id, accountId, domain, now).changes > 0
  );
}

/** Removes `domain` from `accountId`'s blocked domains; true when it was there. */
export function deleteAccountDomainBlock(db: Database, accountId: number, domain: string): boolean {
  return db.query("DELETE FROM account_domain_blocks WHERE account_id = ? AND domain = ?").run(accountId, domain).changes > 0;
}

/** A page of `accountId`'s blocked domains, paged by block id (`pid`), newest first. */
export function listAccountDomainBlocksPage(db: Database, accountId: number, page: Page): { pid: number; domain: string }[] {
  const p = pageSql(page, "d.id");
  return p.finish(
    db
      .query<{ pid: number; domain: string }, number[]>(
        `SELECT d.id AS pid, d.domain FROM account_domain_blocks d WHERE d.account_id = ?${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(accountId, ...p.args, page.limit),
  );
}

/** True when `accountId` blocks `domain` (null: a local account, never blocked). */
export function isDomainBlockedBy(db: Database, accountId: number, domain: string | null): boolean {
  if (domain === null) return false;
  return !!db.query("SELECT 1 FROM account_domain_blocks WHERE account_id = ? AND domain = ?").get(accountId, domain);
}

/** Which of `targetIds` live on a domain `viewerId` blocks. */
export function domainBlockedAmong(db: Database, viewerId: number, targetIds: readonly number[]): Set<number> {
  if (targetIds.length === 0) return new Set();
  const rows = db
    .query<{ id: number }, [number, string]>(
      `SELECT a.id FROM json_each(?2) j JOIN accounts a ON a.id = j.value
       JOIN account_domain_blocks d ON d.account_id = ?1 AND d.domain = a.domain`,
    )
    .all(viewerId, JSON.stringify([...new Set(targetIds)]));
  return new Set(rows.map((r) => r.id));
}

/** The follow ties between `accountId` and accounts of `domain`, by direction (for the clean-up after a block). */
export function listFollowTiesWithDomain(
  db: Database,
  accountId: number,
  domain: string,
): { following: AccountRow[]; followers: AccountRow[]; requested: AccountRow[]; requestedBy: AccountRow[] } {
  const q = (sql: string) => db.query<AccountRow, [number, string]>(sql).all(accountId, domain);
  return {
    following: q("SELECT a.* FROM follows f JOIN accounts a ON a.id = f.target_account_id WHERE f.account_id = ? AND a.domain = ?"),
    followers: q("SELECT a.* FROM follows f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = ? AND a.domain = ?"),
    requested: q("SELECT a.* FROM follow_requests f JOIN accounts a ON a.id = f.target_account_id WHERE f.account_id = ? AND a.domain = ?"),
    requestedBy: q(
      "SELECT a.* FROM follow_requests f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = ? AND a.domain = ?",
    ),
  };
}

/** Deletes `accountId`'s notifications from accounts of `domain` and the notification permissions given to them. */
export function deleteNotificationsFromDomain(db: Database, accountId: number, domain: string): void {
  const from = "SELECT id FROM accounts WHERE domain = ?";
  db.query(`DELETE FROM notifications WHERE account_id = ? AND from_account_id IN (${from})`).run(accountId, domain);
  db.query(`DELETE FROM notification_permissions WHERE account_id = ? AND from_account_id IN (${from})`).run(accountId, domain);
  db.query(`DELETE FROM notification_requests WHERE account_id = ? AND from_account_id IN (${from})`).run(accountId, domain);
}

/** Which of `viewerIds` hide the domain of any of `authorIds` (streaming filters). */
export function domainBlockersAmong(db: Database, viewerIds: readonly number[], authorIds: readonly number[]): number[] {
  if (viewerIds.length === 0 || authorIds.length === 0) return [];
  return db
    .query<{ id: number }, [string, string]>(
      `SELECT DISTINCT d.account_id AS id FROM json_each(?1) a0 JOIN accounts a ON a.id = a0.value AND a.domain IS NOT NULL
       JOIN account_domain_blocks d ON d.domain = a.domain AND d.account_id IN (SELECT value FROM json_each(?2))`,
    )
    .all(JSON.stringify([...authorIds]), JSON.stringify([...viewerIds]))
    .map((r) => r.id);
}
