/** Queries on `accounts`: single rows, lookups and the small updates services compose. */
import type { Database } from "bun:sqlite";
import { selectIn, placeholders } from "../sql";
import type { AccountRow } from "../rows";
import type { MentionLookup } from "../../text/format";

/** Those of `ids` that are accounts not suspended (one query). */
export function unsuspendedAccountIdsAmong(db: Database, ids: readonly number[]): Set<number> {
  return new Set(selectIn<{ id: number }>(db, (ph) => `SELECT id FROM accounts WHERE id IN (${ph}) AND suspended_at IS NULL`, ids).map((r) => r.id));
}

/** SQL condition matching accounts of `domain` and its subdomains (binds: domain, '%.' || domain). */
const ACCOUNTS_OF_DOMAIN = "domain IS NOT NULL AND (lower(domain) = ? OR lower(domain) LIKE ?)";

/** Stamps `col` (suspended_at or silenced_at) on the accounts of `domain` and its subdomains that lack it. */
export function markDomainAccounts(db: Database, col: "suspended_at" | "silenced_at", at: number, updatedAt: number, domain: string): void {
  db.query(`UPDATE accounts SET ${col} = ?, updated_at = ? WHERE ${ACCOUNTS_OF_DOMAIN} AND ${col} IS NULL`).run(at, updatedAt, domain, `%.${domain}`);
}

/** Clears `col` on the accounts of `domain` and its subdomains stamped exactly `at` (what one block did). */
export function unmarkDomainAccounts(db: Database, col: "suspended_at" | "silenced_at", updatedAt: number, domain: string, at: number): void {
  db.query(`UPDATE accounts SET ${col} = NULL, updated_at = ? WHERE ${ACCOUNTS_OF_DOMAIN} AND ${col} = ?`).run(updatedAt, domain, `%.${domain}`, at);
}

/** Ids of accounts on either side of a follow with an account of `domain` or its subdomains. */
export function listAccountsFollowingAcrossDomain(db: Database, domain: string): number[] {
  const remote = `SELECT id FROM accounts WHERE ${ACCOUNTS_OF_DOMAIN}`;
  const args = [domain, `%.${domain}`];
  return db.query<{ id: number }, any[]>(
    `SELECT account_id AS id FROM follows WHERE target_account_id IN (${remote})
     UNION SELECT target_account_id AS id FROM follows WHERE account_id IN (${remote})`,
  ).all(...args, ...args).map((r) => r.id);
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
  db.query(`DELETE FROM home_feeds WHERE status_id IN (SELECT id FROM statuses WHERE account_id IN (${remote}))`).run(domain, `%.${domain}`);
}

/** Recounts followers_count and following_count of account `id` from the follows table. */
export function recountFollows(db: Database, id: number): void {
  db.query(
    `UPDATE accounts SET followers_count = (SELECT count(*) FROM follows WHERE target_account_id = accounts.id),
       following_count = (SELECT count(*) FROM follows WHERE account_id = accounts.id) WHERE id = ?`,
  ).run(id);
}

/** The account `id`, else null. */
export function getAccount(db: Database, id: number): AccountRow | null {
  return db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ?").get(id);
}

/** The local account with this username (case-insensitive; never the instance actor), else null. */
export function getLocalAccountByUsername(db: Database, username: string): AccountRow | null {
  return db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL AND id > 0").get(username);
}

/** The remote account with this username and domain (case-insensitive), else null. */
export function getRemoteAccountByHandle(db: Database, username: string, domain: string): AccountRow | null {
  return db.query<AccountRow, [string, string]>("SELECT * FROM accounts WHERE lower(username) = lower(?) AND lower(domain) = lower(?)").get(username, domain);
}

/** True when a local account (the instance actor included) has this username, case-insensitively. */
export function localUsernameTaken(db: Database, username: string): boolean {
  return !!db.query("SELECT 1 FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL").get(username);
}

/** A new local account's columns (everything else takes the table's defaults). */
export interface NewLocalAccountRow {
  id: number; username: string; uri: string; url: string; inbox_url: string; shared_inbox_url: string; outbox_url: string;
  followers_url: string; following_url: string; featured_url: string; public_key_pem: string; private_key_pem: string; created_at: number;
}

/** Inserts a local account and returns its row. */
export function insertLocalAccount(db: Database, r: NewLocalAccountRow): AccountRow {
  return db
    .query<AccountRow, any[]>(
      `INSERT INTO accounts (id, username, domain, uri, url, inbox_url, shared_inbox_url, outbox_url, followers_url,
         following_url, featured_url, public_key_pem, private_key_pem, created_at, updated_at)
       VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(r.id, r.username, r.uri, r.url, r.inbox_url, r.shared_inbox_url, r.outbox_url, r.followers_url, r.following_url,
      r.featured_url, r.public_key_pem, r.private_key_pem, r.created_at, r.created_at)!;
}

/** Columns of a local account's profile that update_credentials may set. */
export type ProfileColumn =
  | "display_name" | "note_source" | "note" | "fields" | "locked" | "bot" | "discoverable" | "indexable" | "hide_collections"
  | "avatar_path" | "header_path" | "updated_at";

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
  return db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE domain IS NULL AND id IN (SELECT value FROM json_each(?))")
    .all(JSON.stringify(ids)).map((a) => a.id);
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
export function listLocalAccountsWithUsers(db: Database): { username: string; email: string | null; role: string | null; created_at: number }[] {
  return db
    .query<{ username: string; email: string | null; role: string | null; created_at: number }, []>(
      "SELECT a.username, u.email, u.role, a.created_at FROM accounts a LEFT JOIN users u ON u.account_id = a.id WHERE a.domain IS NULL AND a.id > 0 ORDER BY a.id",
    )
    .all();
}

/** The local account named `username` (any case): id and username, else null. */
export function findLocalAccountByUsername(db: Database, username: string): { id: number; username: string } | null {
  return db.query<{ id: number; username: string }, [string]>("SELECT id, username FROM accounts WHERE domain IS NULL AND lower(username) = lower(?)").get(username);
}

/** How many known accounts live on `domain` (lower-case) or one of its subdomains. */
export function countAccountsOnDomain(db: Database, domain: string): number {
  return db.query<{ n: number }, [string, string]>("SELECT count(*) AS n FROM accounts WHERE lower(domain) = ? OR lower(domain) LIKE ?").get(domain, `%.${domain}`)!.n;
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
  return db.query<{ silenced_at: number | null; suspended_at: number | null }, [number]>("SELECT silenced_at, suspended_at FROM accounts WHERE id = ?").get(id);
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
export function getNotificationSender(db: Database, id: number): { created_at: number; silenced_at: number | null; bot: number; domain: string | null; role: string | null } | null {
  return db.query<{ created_at: number; silenced_at: number | null; bot: number; domain: string | null; role: string | null }, [number]>(
    "SELECT a.created_at, a.silenced_at, a.bot, a.domain, u.role FROM accounts a LEFT JOIN users u ON u.account_id = a.id WHERE a.id = ?",
  ).get(id);
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
  return db.query<{ table: string; column: string }, []>(
    `SELECT m.name AS "table", f."from" AS "column" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
     WHERE m.type = 'table' AND f."table" = 'accounts' AND f.on_delete = 'CASCADE'`,
  ).all();
}

/** Deletes the rows of `table` whose `column` is `accountId` (a pair from listAccountCascadeColumns). */
export function deleteAccountRowsIn(db: Database, table: string, column: string, accountId: number): void {
  db.query(`DELETE FROM "${table}" WHERE "${column}" = ?`).run(accountId);
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

/** Columns of a remote account written from its actor document (name → value). */
export type RemoteAccountColumns = Record<string, string | number | null>;

/** Inserts a remote account with these columns. */
export function insertRemoteAccount(db: Database, id: number, createdAt: number, cols: RemoteAccountColumns): void {
  const keys = Object.keys(cols);
  db.query(`INSERT INTO accounts (id, created_at, ${keys.join(", ")}) VALUES (?, ?, ${keys.map(() => "?").join(", ")})`)
    .run(id, createdAt, ...keys.map((k) => cols[k]!));
}

/** Overwrites these columns of account `id` (a refetched actor document). */
export function updateRemoteAccount(db: Database, id: number, cols: RemoteAccountColumns): void {
  const keys = Object.keys(cols);
  db.query(`UPDATE accounts SET ${keys.map((k) => `${k} = ?`).join(", ")} WHERE id = ?`).run(...keys.map((k) => cols[k]!), id);
}

/** Sets (or with null clears) the account `id` has moved to. */
export function setAccountMovedTo(db: Database, id: number, targetId: number | null): void {
  if (targetId === null) db.query("UPDATE accounts SET moved_to_account_id = NULL WHERE id = ?").run(id);
  else db.query("UPDATE accounts SET moved_to_account_id = ? WHERE id = ?").run(targetId, id);
}

/** Counts one more status for remote account `id`; last_status_at only moves forward. */
export function incrementRemoteAccountStatuses(db: Database, id: number, at: number): void {
  db.query("UPDATE accounts SET statuses_count = statuses_count + 1, last_status_at = max(ifnull(last_status_at, 0), ?) WHERE id = ?").run(at, id);
}

/** Applies a remote account's collection totals (null keeps a count; statuses never go down). */
export function setRemoteAccountTotals(db: Database, id: number, statuses: number | null, followers: number | null, following: number | null): void {
  db.query(
    `UPDATE accounts SET statuses_count = max(statuses_count, ifnull(?, 0)), followers_count = ifnull(?, followers_count),
       following_count = ifnull(?, following_count) WHERE id = ?`,
  ).run(statuses, followers, following, id);
}

/** Distinct remote domains we know accounts on (lower-cased, sorted). */
export function listPeerDomains(db: Database): string[] {
  return db.query<{ domain: string }, []>("SELECT DISTINCT lower(domain) AS domain FROM accounts WHERE domain IS NOT NULL ORDER BY 1").all().map((r) => r.domain);
}

/** How many distinct remote domains we know accounts on. */
export function countPeerDomains(db: Database): number {
  return db.query<{ n: number }, []>("SELECT count(DISTINCT lower(domain)) AS n FROM accounts WHERE domain IS NOT NULL").get()!.n;
}

/** Domain and inboxes of those of `ids` that are remote and not suspended. */
export function listRemoteAccountInboxes(db: Database, ids: readonly number[]): import("../rows").AccountInboxRow[] {
  return selectIn<import("../rows").AccountInboxRow>(db, (ph) => `SELECT domain, inbox_url, shared_inbox_url FROM accounts WHERE id IN (${ph}) AND domain IS NOT NULL AND suspended_at IS NULL`, ids);
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
export function listAccountStates(db: Database, ids: readonly number[]): { id: number; domain: string | null; suspended_at: number | null; silenced_at: number | null }[] {
  return selectIn<{ id: number; domain: string | null; suspended_at: number | null; silenced_at: number | null }>(db, (ph) => `SELECT id, domain, suspended_at, silenced_at FROM accounts WHERE id IN (${ph})`, ids);
}

/** The uri and private key of local account `id`, else null (remote accounts have no private key). */
export function getLocalSigningKeyRow(db: Database, id: number): { uri: string; private_key_pem: string | null } | null {
  return db.query<{ uri: string; private_key_pem: string | null }, [number]>(
    "SELECT uri, private_key_pem FROM accounts WHERE id = ? AND domain IS NULL",
  ).get(id);
}

/** True when an account has id `id`. */
export function accountExists(db: Database, id: number): boolean {
  return !!db.query("SELECT 1 FROM accounts WHERE id = ?").get(id);
}

/** The instance actor's URLs and name, as its accounts row stores them. */
export interface InstanceActorUrls { username: string; uri: string; url: string; inbox: string; shared: string; outbox: string }

/** Inserts the instance actor (an Application with a key pair) at `id` unless a row is there. */
export function insertInstanceActor(db: Database, id: number, u: InstanceActorUrls, publicKeyPem: string, privateKeyPem: string, t: number): void {
  db.query(
    `INSERT INTO accounts (id, username, domain, uri, url, inbox_url, shared_inbox_url, outbox_url, public_key_pem, private_key_pem,
       actor_type, locked, discoverable, indexable, hide_collections, created_at, updated_at)
     VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, 'Application', 1, 0, 0, 1, ?, ?) ON CONFLICT DO NOTHING`,
  ).run(id, u.username, u.uri, u.url, u.inbox, u.shared, u.outbox, publicKeyPem, privateKeyPem, t, t);
}

/** Rewrites the instance actor's URIs when they changed (LOCAL_DOMAIN or PROTOCOL changed). */
export function updateInstanceActorUrls(db: Database, id: number, u: InstanceActorUrls): void {
  db.query(
    `UPDATE accounts SET username = ?, uri = ?, url = ?, inbox_url = ?, outbox_url = ?, shared_inbox_url = ?
       WHERE id = ? AND uri <> ?`,
  ).run(u.username, u.uri, u.url, u.inbox, u.outbox, u.shared, id, u.uri);
}

/** Account `id`'s domain and suspended_at, else null. */
export function getAccountDomainAndSuspension(db: Database, id: number): { domain: string | null; suspended_at: number | null } | null {
  return db.query<{ domain: string | null; suspended_at: number | null }, [number]>("SELECT domain, suspended_at FROM accounts WHERE id = ?").get(id);
}

/** Remote profile image URLs and cached file keys of an account. */
export interface ProfileImageColumns { avatar_remote_url: string | null; avatar_path: string | null; header_remote_url: string | null; header_path: string | null }

/** Account `id`'s remote avatar/header URLs and cached file keys, else null. */
export function getProfileImageColumns(db: Database, id: number): ProfileImageColumns | null {
  return db.query<ProfileImageColumns, [number]>("SELECT avatar_remote_url, avatar_path, header_remote_url, header_path FROM accounts WHERE id = ?").get(id);
}

/** Forgets the cached avatar or header file of remote account `id` (updated_at untouched: the profile did not change). */
export function clearCachedProfileImage(db: Database, id: number, kind: "avatar" | "header"): void {
  db.query(`UPDATE accounts SET ${kind}_path = NULL WHERE id = ?`).run(id);
}

/** Records `key` as the cached avatar or header of account `id`, only while its remote URL is still `url` and nothing is cached; false otherwise. */
export function setCachedProfileImage(db: Database, id: number, kind: "avatar" | "header", key: string, url: string): boolean {
  return db.query(`UPDATE accounts SET ${kind}_path = ? WHERE id = ? AND ${kind}_remote_url = ? AND ${kind}_path IS NULL`).run(key, id, url).changes > 0;
}

/** Accounts on `domain` (lower-case) or a subdomain with a cached or remote avatar or header. */
export function listProfileImagesOfDomain(db: Database, domain: string): { id: number; avatar_path: string | null; header_path: string | null }[] {
  const accounts = "SELECT id FROM accounts WHERE domain IS NOT NULL AND (lower(domain) = ?1 OR lower(domain) LIKE ?2)";
  return db.query<{ id: number; avatar_path: string | null; header_path: string | null }, [string, string]>(
    `SELECT id, avatar_path, header_path FROM accounts WHERE id IN (${accounts})
       AND (avatar_path IS NOT NULL OR header_path IS NOT NULL OR avatar_remote_url IS NOT NULL OR header_remote_url IS NOT NULL)`,
  ).all(domain, `%.${domain}`);
}

/** Forgets account `id`'s avatar and header: cached files and remote URLs. */
export function clearProfileImages(db: Database, id: number): void {
  db.query("UPDATE accounts SET avatar_path = NULL, header_path = NULL, avatar_remote_url = NULL, header_remote_url = NULL WHERE id = ?").run(id);
}

/** Every stored file key of account `id`: avatar, header, and its attachments' files and thumbnails. */
export function listAccountFileKeys(db: Database, id: number): string[] {
  return db.query<{ k: string }, [number]>(
    `SELECT avatar_path AS k FROM accounts WHERE id = ?1 AND avatar_path IS NOT NULL
     UNION ALL SELECT header_path FROM accounts WHERE id = ?1 AND header_path IS NOT NULL
     UNION ALL SELECT file_key FROM media_attachments WHERE account_id = ?1 AND file_key IS NOT NULL
     UNION ALL SELECT thumbnail_key FROM media_attachments WHERE account_id = ?1 AND thumbnail_key IS NOT NULL`,
  ).all(id).map((r) => r.k);
}

/** The local, not suspended account whose ActivityPub id is `uri`, else null. */
export function getActiveLocalAccountByUri(db: Database, uri: string): AccountRow | null {
  return db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE uri = ? AND domain IS NULL AND suspended_at IS NULL").get(uri);
}

/** The username of the local, not suspended account named `username` (any case), else null. */
export function getActiveLocalUsername(db: Database, username: string): string | null {
  return db.query<{ username: string }, [string]>("SELECT username FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL AND suspended_at IS NULL").get(username)?.username ?? null;
}

/** Those of `ids` that are remote accounts (one query). */
export function remoteAccountIdsAmong(db: Database, ids: readonly number[]): Set<number> {
  return new Set(selectIn<{ id: number }>(db, (ph) => `SELECT id FROM accounts WHERE domain IS NOT NULL AND id IN (${ph})`, ids).map((r) => r.id));
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
  return db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL AND actor_type != 'Application'").get(username);
}

/** The local account whose ActivityPub id is `uri` (the instance actor included), else null. */
export function getLocalAccountByUri(db: Database, uri: string): AccountRow | null {
  return db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE uri = ? AND domain IS NULL").get(uri);
}
