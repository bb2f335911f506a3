/** Queries on `accounts`: single rows, lookups and the small updates services compose. */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";
import type { AccountRow } from "../rows";
import type { MentionLookup } from "../../text/format";

/** Those of `ids` that are accounts not suspended (one query). */
export function unsuspendedAccountIdsAmong(db: Database, ids: readonly number[]): Set<number> {
  return new Set(
    selectIn<{ id: number }>(db, (ph) => `SELECT id FROM accounts WHERE id IN (${ph}) AND suspended_at IS NULL`, ids).map((r) => r.id),
  );
}

/** The account `id`, else null. */
export function getAccount(db: Database, id: number): AccountRow | null {
  return db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ?").get(id);
}

/** The local account with this username (case-insensitive; never the instance actor), else null. */
export function getLocalAccountByUsername(db: Database, username: string): AccountRow | null {
  return db
    .query<AccountRow, [string]>("SELECT * FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL AND id > 0")
    .get(username);
}

/** The remote account with this username and domain (case-insensitive), else null. */
export function getRemoteAccountByHandle(db: Database, username: string, domain: string): AccountRow | null {
  return db
    .query<AccountRow, [string, string]>("SELECT * FROM accounts WHERE lower(username) = lower(?) AND lower(domain) = lower(?)")
    .get(username, domain);
}

/** True when a local account (the instance actor included) has this username, case-insensitively. */
export function localUsernameTaken(db: Database, username: string): boolean {
  return !!db.query("SELECT 1 FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL").get(username);
}

/** A new local account's columns (everything else takes the table's defaults). */
export interface NewLocalAccountRow {
  id: number;
  username: string;
  uri: string;
  url: string;
  inbox_url: string;
  shared_inbox_url: string;
  outbox_url: string;
  followers_url: string;
  following_url: string;
  featured_url: string;
  public_key_pem: string;
  private_key_pem: string;
  created_at: number;
}

/** Inserts a local account and returns its row. */
export function insertLocalAccount(db: Database, r: NewLocalAccountRow): AccountRow {
  return db
    .query<AccountRow, any[]>(
      `INSERT INTO accounts (id, username, domain, uri, url, inbox_url, shared_inbox_url, outbox_url, followers_url,
         following_url, featured_url, public_key_pem, private_key_pem, created_at, updated_at)
       VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      r.id,
      r.username,
      r.uri,
      r.url,
      r.inbox_url,
      r.shared_inbox_url,
      r.outbox_url,
      r.followers_url,
      r.following_url,
      r.featured_url,
      r.public_key_pem,
      r.private_key_pem,
      r.created_at,
      r.created_at,
    )!;
}

/** Columns of a local account's profile that update_credentials may set. */
export type ProfileColumn =
  | "display_name"
  | "note_source"
  | "note"
  | "fields"
  | "locked"
  | "bot"
  | "discoverable"
  | "indexable"
  | "hide_collections"
  | "avatar_path"
  | "header_path"
  | "updated_at";

/** Sets the given profile columns of account `id` (in the order given). */
export function updateAccountProfile(db: Database, id: number, values: [ProfileColumn, string | number | null][]): void {
  db.query(`UPDATE accounts SET ${values.map(([col]) => `${col} = ?`).join(", ")} WHERE id = ?`).run(...values.map(([, v]) => v), id);
}

/** The stored avatar or header file key of account `id` (null when none or no such account). */
export function getProfileImagePath(db: Database, id: number, kind: "avatar" | "header"): string | null {
  const col = kind === "avatar" ? "avatar_path" : "header_path";
  return db.query<{ p: string | null }, [number]>(`SELECT ${col} AS p FROM accounts WHERE id = ?`).get(id)?.p ?? null;
}

/** Clears the stored avatar or header file key of account `id`. */
export function clearProfileImagePath(db: Database, id: number, kind: "avatar" | "header", now: number): void {
  const col = kind === "avatar" ? "avatar_path" : "header_path";
  db.query(`UPDATE accounts SET ${col} = NULL, updated_at = ? WHERE id = ?`).run(now, id);
}

/** The username of account `id`, or null when it is gone. */
export function getAccountUsername(db: Database, id: number): string | null {
  return db.query<{ username: string }, [number]>("SELECT username FROM accounts WHERE id = ?").get(id)?.username ?? null;
}

/** `{ domain }` of account `id` (domain null for a local account), or null when the account is gone. */
export function getAccountDomain(db: Database, id: number): { domain: string | null } | null {
  return db.query<{ domain: string | null }, [number]>("SELECT domain FROM accounts WHERE id = ?").get(id);
}

/** The ActivityPub id of account `id`, or null when it is gone. */
export function getAccountUri(db: Database, id: number): string | null {
  return db.query<{ uri: string }, [number]>("SELECT uri FROM accounts WHERE id = ?").get(id)?.uri ?? null;
}

/** `{ suspended_at }` of account `id`, or null when the account is gone. */
export function getAccountSuspendedAt(db: Database, id: number): { suspended_at: number | null } | null {
  return db.query<{ suspended_at: number | null }, [number]>("SELECT suspended_at FROM accounts WHERE id = ?").get(id);
}

/** Which of `ids` are local accounts. */
export function listLocalAccountIds(db: Database, ids: readonly number[]): number[] {
  return db
    .query<{ id: number }, [string]>("SELECT id FROM accounts WHERE domain IS NULL AND id IN (SELECT value FROM json_each(?))")
    .all(JSON.stringify(ids))
    .map((a) => a.id);
}

/** Counts one more status for account `id` and sets its last_status_at. */
export function incrementAccountStatuses(db: Database, id: number, at: number): void {
  db.query("UPDATE accounts SET statuses_count = statuses_count + 1, last_status_at = ? WHERE id = ?").run(at, id);
}

/** Counts one status fewer for account `id`, never below zero. */
export function decrementAccountStatuses(db: Database, id: number): void {
  db.query("UPDATE accounts SET statuses_count = max(statuses_count - 1, 0) WHERE id = ?").run(id);
}

/** The local account named `username` (any case, instance actor excluded) with its user's id. */
export function findLocalAccountWithUser(db: Database, username: string): { id: number; username: string; user_id: number | null } | null {
  return db
    .query<{ id: number; username: string; user_id: number | null }, [string]>(
      "SELECT a.id, a.username, u.id AS user_id FROM accounts a LEFT JOIN users u ON u.account_id = a.id WHERE a.domain IS NULL AND a.id > 0 AND lower(a.username) = lower(?)",
    )
    .get(username);
}

/** Every local account (instance actor excluded) with its user's email and role, by id. */
export function listLocalAccountsWithUsers(
  db: Database,
): { username: string; email: string | null; role: string | null; created_at: number }[] {
  return db
    .query<{ username: string; email: string | null; role: string | null; created_at: number }, []>(
      "SELECT a.username, u.email, u.role, a.created_at FROM accounts a LEFT JOIN users u ON u.account_id = a.id WHERE a.domain IS NULL AND a.id > 0 ORDER BY a.id",
    )
    .all();
}

/** The local account named `username` (any case): id and username, else null. */
export function findLocalAccountByUsername(db: Database, username: string): { id: number; username: string } | null {
  return db
    .query<{ id: number; username: string }, [string]>(
      "SELECT id, username FROM accounts WHERE domain IS NULL AND lower(username) = lower(?)",
    )
    .get(username);
}

/** Local accounts whose lower-cased username is one of `lowerNames` (mention lookup). */
export function listLocalAccountsByLowerUsernames(db: Database, lowerNames: readonly string[]): AccountRow[] {
  return selectIn<AccountRow>(db, (ph) => `SELECT * FROM accounts WHERE domain IS NULL AND lower(username) IN (${ph})`, lowerNames);
}

/** Unsuspended accounts matching lower-cased [username, domain] pairs, in one query (mention lookup). */
export function listAccountsByLowerHandles(db: Database, handles: readonly [string, string][]): AccountRow[] {
  return db
    .query<AccountRow, [string]>(
      `SELECT a.* FROM json_each(?) j JOIN accounts a ON lower(a.username) = json_extract(j.value, '$[0]')
         AND ifnull(lower(a.domain), '') = json_extract(j.value, '$[1]') WHERE a.suspended_at IS NULL`,
    )
    .all(JSON.stringify(handles));
}

/** Account `id`'s silenced_at and suspended_at, else null. */
export function getAccountLimits(db: Database, id: number): { silenced_at: number | null; suspended_at: number | null } | null {
  return db
    .query<{ silenced_at: number | null; suspended_at: number | null }, [number]>(
      "SELECT silenced_at, suspended_at FROM accounts WHERE id = ?",
    )
    .get(id);
}

/** The MentionLookup text/format.ts `formatText` needs, over this database (at most two queries). */
export function mentionLookup(db: Database): MentionLookup {
  return { local: (names) => listLocalAccountsByLowerUsernames(db, names), remote: (handles) => listAccountsByLowerHandles(db, handles) };
}

/** The local account `id` (never the instance actor, whose id is not positive), else null. */
export function getLocalAccount(db: Database, id: number): AccountRow | null {
  return db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ? AND domain IS NULL AND id > 0").get(id);
}

/** True when account `id` exists and is local (the instance actor included). */
export function isLocalAccount(db: Database, id: number): boolean {
  return !!db.query("SELECT 1 FROM accounts WHERE id = ? AND domain IS NULL").get(id);
}

/** What a notification policy looks at about a sender: age, silence, bot flag, origin and staff role (null: no user). */
export function getNotificationSender(
  db: Database,
  id: number,
): { created_at: number; silenced_at: number | null; bot: number; domain: string | null; role: string | null } | null {
  return db
    .query<{ created_at: number; silenced_at: number | null; bot: number; domain: string | null; role: string | null }, [number]>(
      "SELECT a.created_at, a.silenced_at, a.bot, a.domain, u.role FROM accounts a LEFT JOIN users u ON u.account_id = a.id WHERE a.id = ?",
    )
    .get(id);
}

/** The account whose ActivityPub id is `uri`, else null. */
export function getAccountByUri(db: Database, uri: string): AccountRow | null {
  return db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE uri = ? LIMIT 1").get(uri);
}

/** The id of the account whose ActivityPub id is `uri`, else null. */
export function getAccountIdByUri(db: Database, uri: string): number | null {
  return db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE uri = ?").get(uri)?.id ?? null;
}

/** The account whose key id (publicKey.id) is `keyId`, else null. */
export function getAccountByPublicKeyId(db: Database, keyId: string): AccountRow | null {
  return db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE public_key_id = ? LIMIT 1").get(keyId);
}

/** The local account whose ActivityPub id is `uri` or `alt` (e.g. with and without a fragment), else null. */
export function getLocalAccountByUris(db: Database, uri: string, alt: string): AccountRow | null {
  return db.query<AccountRow, [string, string]>("SELECT * FROM accounts WHERE (uri = ? OR uri = ?) AND domain IS NULL").get(uri, alt);
}

/** The id of the local account whose ActivityPub id is `uri`, else null. */
export function getLocalAccountIdByUri(db: Database, uri: string): number | null {
  return db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE uri = ? AND domain IS NULL").get(uri)?.id ?? null;
}

/** The local account (the instance actor included) with this username, case-insensitively, else null. */
export function getLocalOrInstanceAccountByUsername(db: Database, username: string): AccountRow | null {
  return db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL").get(username);
}

/** The account whose ActivityPub id or profile URL is `v`, else null. */
export function getAccountByUriOrUrl(db: Database, v: string): AccountRow | null {
  return db.query<AccountRow, [string, string]>("SELECT * FROM accounts WHERE uri = ? OR url = ? LIMIT 1").get(v, v);
}

/** The id of the account whose ActivityPub id or profile URL is `v`, else null. */
export function getAccountIdByUriOrUrl(db: Database, v: string): number | null {
  return db.query<{ id: number }, [string, string]>("SELECT id FROM accounts WHERE uri = ? OR url = ? LIMIT 1").get(v, v)?.id ?? null;
}

/** Adds one to account `id`'s following_count or followers_count. */
export function incrementFollowCounter(db: Database, id: number, col: "following_count" | "followers_count"): void {
  db.query(`UPDATE accounts SET ${col} = ${col} + 1 WHERE id = ?`).run(id);
}

/** Takes one from account `id`'s following_count or followers_count, never below zero. */
export function decrementFollowCounter(db: Database, id: number, col: "following_count" | "followers_count"): void {
  db.query(`UPDATE accounts SET ${col} = max(${col} - 1, 0) WHERE id = ?`).run(id);
}

/** Domain, suspension and silencing of accounts `ids` (absent ids are left out). */
export function listAccountStates(
  db: Database,
  ids: readonly number[],
): { id: number; domain: string | null; suspended_at: number | null; silenced_at: number | null }[] {
  return selectIn<{ id: number; domain: string | null; suspended_at: number | null; silenced_at: number | null }>(
    db,
    (ph) => `SELECT id, domain, suspended_at, silenced_at FROM accounts WHERE id IN (${ph})`,
    ids,
  );
}

/** The uri and private key of local account `id`, else null (remote accounts have no private key). */
export function getLocalSigningKeyRow(db: Database, id: number): { uri: string; private_key_pem: string | null } | null {
  return db
    .query<{ uri: string; private_key_pem: string | null }, [number]>(
      "SELECT uri, private_key_pem FROM accounts WHERE id = ? AND domain IS NULL",
    )
    .get(id);
}

/** True when an account has id `id`. */
export function accountExists(db: Database, id: number): boolean {
  return !!db.query("SELECT 1 FROM accounts WHERE id = ?").get(id);
}

/** Account `id`'s domain and suspended_at, else null. */
export function getAccountDomainAndSuspension(db: Database, id: number): { domain: string | null; suspended_at: number | null } | null {
  return db
    .query<{ domain: string | null; suspended_at: number | null }, [number]>("SELECT domain, suspended_at FROM accounts WHERE id = ?")
    .get(id);
}

/** The local, not suspended account whose ActivityPub id is `uri`, else null. */
export function getActiveLocalAccountByUri(db: Database, uri: string): AccountRow | null {
  return db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE uri = ? AND domain IS NULL AND suspended_at IS NULL").get(uri);
}

/** The username of the local, not suspended account named `username` (any case), else null. */
export function getActiveLocalUsername(db: Database, username: string): string | null {
  return (
    db
      .query<{ username: string }, [string]>(
        "SELECT username FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL AND suspended_at IS NULL",
      )
      .get(username)?.username ?? null
  );
}

/** Records that local account `id` moved to `targetId`. */
export function markAccountMoved(db: Database, id: number, targetId: number, now: number): void {
  db.query("UPDATE accounts SET moved_to_account_id = ?, updated_at = ? WHERE id = ?").run(targetId, now, id);
}

/** Replaces account `id`'s alsoKnownAs (a JSON array of actor URIs). */
export function setAccountAliases(db: Database, id: number, aliasesJson: string, now: number): void {
  db.query("UPDATE accounts SET also_known_as = ?, updated_at = ? WHERE id = ?").run(aliasesJson, now, id);
}

/** The local account named `username` (any case) that is not an Application (the instance actor), else null. */
export function getLocalPersonByUsername(db: Database, username: string): AccountRow | null {
  return db
    .query<AccountRow, [string]>(
      "SELECT * FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL AND actor_type != 'Application'",
    )
    .get(username);
}

/** The local account whose ActivityPub id is `uri` (the instance actor included), else null. */
export function getLocalAccountByUri(db: Database, uri: string): AccountRow | null {
  return db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE uri = ? AND domain IS NULL").get(uri);
}
