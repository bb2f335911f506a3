/** Named queries for moderating accounts and whole domains: suspension, silence, sensitive, purges and recounts. */
import type { Database } from "bun:sqlite";
import { placeholders } from "../sql";

/** SQL condition matching accounts of `domain` and its subdomains (binds: domain, '%.' || domain). */
const ACCOUNTS_OF_DOMAIN = "domain IS NOT NULL AND (lower(domain) = ? OR lower(domain) LIKE ?)";

/** Stamps `col` (suspended_at or silenced_at) on the accounts of `domain` and its subdomains that lack it. */
export function markDomainAccounts(db: Database, col: "suspended_at" | "silenced_at", at: number, updatedAt: number, domain: string): void {
  db.query(`UPDATE accounts SET ${col} = ?, updated_at = ? WHERE ${ACCOUNTS_OF_DOMAIN} AND ${col} IS NULL`).run(
    at,
    updatedAt,
    domain,
    `%.${domain}`,
  );
}

/** Clears `col` on the accounts of `domain` and its subdomains stamped exactly `at` (what one block did). */
export function unmarkDomainAccounts(
  db: Database,
  col: "suspended_at" | "silenced_at",
  updatedAt: number,
  domain: string,
  at: number,
): void {
  db.query(`UPDATE accounts SET ${col} = NULL, updated_at = ? WHERE ${ACCOUNTS_OF_DOMAIN} AND ${col} = ?`).run(
    updatedAt,
    domain,
    `%.${domain}`,
    at,
  );
}

/** Ids of accounts on either side of a follow with an account of `domain` or its subdomains. */
export function listAccountsFollowingAcrossDomain(db: Database, domain: string): number[] {
  const remote = `SELECT id FROM accounts WHERE ${ACCOUNTS_OF_DOMAIN}`;
  const args = [domain, `%.${domain}`];
  return db
    .query<{ id: number }, any[]>(
      `SELECT account_id AS id FROM follows WHERE target_account_id IN (${remote})
     UNION SELECT target_account_id AS id FROM follows WHERE account_id IN (${remote})`,
    )
    .all(...args, ...args)
    .map((r) => r.id);
}

/** Deletes every follow (or follow request) from or to an account of `domain` or its subdomains. */
export function deleteFollowsAcrossDomain(db: Database, table: "follows" | "follow_requests", domain: string): void {
  const remote = `SELECT id FROM accounts WHERE ${ACCOUNTS_OF_DOMAIN}`;
  const args = [domain, `%.${domain}`];
  db.query(`DELETE FROM ${table} WHERE account_id IN (${remote}) OR target_account_id IN (${remote})`).run(...args, ...args);
}

/** Drops the posts of `domain`'s accounts (and its subdomains') from every home feed. */
export function deleteHomeFeedsOfDomain(db: Database, domain: string): void {
  const remote = `SELECT id FROM accounts WHERE ${ACCOUNTS_OF_DOMAIN}`;
  db.query(`DELETE FROM home_feeds WHERE status_id IN (SELECT id FROM statuses WHERE account_id IN (${remote}))`).run(
    domain,
    `%.${domain}`,
  );
}

/** Recounts followers_count and following_count of account `id` from the follows table. */
export function recountFollows(db: Database, id: number): void {
  db.query(
    `UPDATE accounts SET followers_count = (SELECT count(*) FROM follows WHERE target_account_id = accounts.id),
       following_count = (SELECT count(*) FROM follows WHERE account_id = accounts.id) WHERE id = ?`,
  ).run(id);
}

/** How many known accounts live on `domain` (lower-case) or one of its subdomains. */
export function countAccountsOnDomain(db: Database, domain: string): number {
  return db
    .query<{ n: number }, [string, string]>("SELECT count(*) AS n FROM accounts WHERE lower(domain) = ? OR lower(domain) LIKE ?")
    .get(domain, `%.${domain}`)!.n;
}

/** Forces the account's posts to be sensitive from `now` (kept when already set). */
export function markAccountSensitized(db: Database, id: number, now: number): void {
  db.query("UPDATE accounts SET sensitized_at = ?, updated_at = ? WHERE id = ? AND sensitized_at IS NULL").run(now, now, id);
}

/** Stops forcing the account's posts to be sensitive (no-op when not set). */
export function clearAccountSensitized(db: Database, id: number, now: number): void {
  db.query("UPDATE accounts SET sensitized_at = NULL, updated_at = ? WHERE id = ? AND sensitized_at IS NOT NULL").run(now, id);
}

/** Silences the account from `now` (kept when already silenced). */
export function markAccountSilenced(db: Database, id: number, now: number): void {
  db.query("UPDATE accounts SET silenced_at = ?, updated_at = ? WHERE id = ? AND silenced_at IS NULL").run(now, now, id);
}

/** Lifts a silence (no-op when not silenced). */
export function clearAccountSilence(db: Database, id: number, now: number): void {
  db.query("UPDATE accounts SET silenced_at = NULL, updated_at = ? WHERE id = ? AND silenced_at IS NOT NULL").run(now, id);
}

/** Suspends the account from `now` (kept when already suspended). */
export function markAccountSuspended(db: Database, id: number, now: number): void {
  db.query("UPDATE accounts SET suspended_at = ?, updated_at = ? WHERE id = ? AND suspended_at IS NULL").run(now, now, id);
}

/** Lifts a suspension. */
export function clearAccountSuspension(db: Database, id: number, now: number): void {
  db.query("UPDATE accounts SET suspended_at = NULL, updated_at = ? WHERE id = ?").run(now, id);
}

/** Empties a deleted account's profile and counters (the row stays so the name stays taken). */
export function emptyAccountProfile(db: Database, id: number, now: number): void {
  db.query(
    `UPDATE accounts SET display_name = '', note = '', note_source = '', fields = '[]', also_known_as = '[]', avatar_path = NULL,
       avatar_remote_url = NULL, header_path = NULL, header_remote_url = NULL, statuses_count = 0, followers_count = 0,
       following_count = 0, last_status_at = NULL, updated_at = ? WHERE id = ?`,
  ).run(now, id);
}

/** Recomputes followers_count and following_count of accounts `ids` from the follows table. */
export function recountFollowCounts(db: Database, ids: readonly number[]): void {
  if (ids.length === 0) return;
  db.query(
    `UPDATE accounts SET
       followers_count = (SELECT count(*) FROM follows f WHERE f.target_account_id = accounts.id),
       following_count = (SELECT count(*) FROM follows f WHERE f.account_id = accounts.id)
     WHERE id IN (${placeholders(ids.length)})`,
  ).run(...ids);
}

/** Deletes account `id`; every row referencing it cascades. */
export function deleteAccount(db: Database, id: number): void {
  db.query("DELETE FROM accounts WHERE id = ?").run(id);
}

/** Table and column of every foreign key to accounts that cascades on delete (read from the schema). */
export function listAccountCascadeColumns(db: Database): { table: string; column: string }[] {
  return db
    .query<{ table: string; column: string }, []>(
      `SELECT m.name AS "table", f."from" AS "column" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
     WHERE m.type = 'table' AND f."table" = 'accounts' AND f.on_delete = 'CASCADE'`,
    )
    .all();
}

/** Deletes the rows of `table` whose `column` is `accountId` (a pair from listAccountCascadeColumns). */
export function deleteAccountRowsIn(db: Database, table: string, column: string, accountId: number): void {
  db.query(`DELETE FROM "${table}" WHERE "${column}" = ?`).run(accountId);
}

/** Every stored file key of account `id`: avatar, header, and its attachments' files and thumbnails. */
export function listAccountFileKeys(db: Database, id: number): string[] {
  return db
    .query<{ k: string }, [number]>(
      `SELECT avatar_path AS k FROM accounts WHERE id = ?1 AND avatar_path IS NOT NULL
     UNION ALL SELECT header_path FROM accounts WHERE id = ?1 AND header_path IS NOT NULL
     UNION ALL SELECT file_key FROM media_attachments WHERE account_id = ?1 AND file_key IS NOT NULL
     UNION ALL SELECT thumbnail_key FROM media_attachments WHERE account_id = ?1 AND thumbnail_key IS NOT NULL`,
    )
    .all(id)
    .map((r) => r.k);
}
