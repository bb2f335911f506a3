/** Named queries on remote accounts (and the instance actor): storing fetched actors, their totals, inboxes and cached profile images. */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";

/** Columns of a remote account written from its actor document (name → value). */
export type RemoteAccountColumns = Record<string, string | number | null>;

/** Inserts a remote account with these columns. */
export function insertRemoteAccount(db: Database, id: number, createdAt: number, cols: RemoteAccountColumns): void {
  const keys = Object.keys(cols);
  db.query(`INSERT INTO accounts (id, created_at, ${keys.join(", ")}) VALUES (?, ?, ${keys.map(() => "?").join(", ")})`).run(
    id,
    createdAt,
    ...keys.map((k) => cols[k]!),
  );
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
  db.query("UPDATE accounts SET statuses_count = statuses_count + 1, last_status_at = max(ifnull(last_status_at, 0), ?) WHERE id = ?").run(
    at,
    id,
  );
}

/** Applies a remote account's collection totals (null keeps a count; statuses never go down). */
export function setRemoteAccountTotals(
  db: Database,
  id: number,
  statuses: number | null,
  followers: number | null,
  following: number | null,
): void {
  db.query(
    `UPDATE accounts SET statuses_count = max(statuses_count, ifnull(?, 0)), followers_count = ifnull(?, followers_count),
       following_count = ifnull(?, following_count) WHERE id = ?`,
  ).run(statuses, followers, following, id);
}

/** Distinct remote domains we know accounts on (lower-cased, sorted). */
export function listPeerDomains(db: Database): string[] {
  return db
    .query<{ domain: string }, []>("SELECT DISTINCT lower(domain) AS domain FROM accounts WHERE domain IS NOT NULL ORDER BY 1")
    .all()
    .map((r) => r.domain);
}

/** How many distinct remote domains we know accounts on. */
export function countPeerDomains(db: Database): number {
  return db.query<{ n: number }, []>("SELECT count(DISTINCT lower(domain)) AS n FROM accounts WHERE domain IS NOT NULL").get()!.n;
}

/** Domain and inboxes of those of `ids` that are remote and not suspended. */
export function listRemoteAccountInboxes(db: Database, ids: readonly number[]): import("../rows").AccountInboxRow[] {
  return selectIn<import("../rows").AccountInboxRow>(
    db,
    (ph) => `SELECT domain, inbox_url, shared_inbox_url FROM accounts WHERE id IN (${ph}) AND domain IS NOT NULL AND suspended_at IS NULL`,
    ids,
  );
}

/** The instance actor's URLs and name, as its accounts row stores them. */
export interface InstanceActorUrls {
  username: string;
  uri: string;
  url: string;
  inbox: string;
  shared: string;
  outbox: string;
}

/** Inserts the instance actor (an Application with a key pair) at `id` unless a row is there. */
export function insertInstanceActor(
  db: Database,
  id: number,
  u: InstanceActorUrls,
  publicKeyPem: string,
  privateKeyPem: string,
  t: number,
): void {
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

/** Remote profile image URLs and cached file keys of an account. */
export interface ProfileImageColumns {
  avatar_remote_url: string | null;
  avatar_path: string | null;
  header_remote_url: string | null;
  header_path: string | null;
}

/** Account `id`'s remote avatar/header URLs and cached file keys, else null. */
export function getProfileImageColumns(db: Database, id: number): ProfileImageColumns | null {
  return db
    .query<ProfileImageColumns, [number]>(
      "SELECT avatar_remote_url, avatar_path, header_remote_url, header_path FROM accounts WHERE id = ?",
    )
    .get(id);
}

/** Forgets the cached avatar or header file of remote account `id` (updated_at untouched: the profile did not change). */
export function clearCachedProfileImage(db: Database, id: number, kind: "avatar" | "header"): void {
  db.query(`UPDATE accounts SET ${kind}_path = NULL WHERE id = ?`).run(id);
}

/** Records `key` as the cached avatar or header of account `id`, only while its remote URL is still `url` and nothing is cached; false otherwise. */
export function setCachedProfileImage(db: Database, id: number, kind: "avatar" | "header", key: string, url: string): boolean {
  return (
    db.query(`UPDATE accounts SET ${kind}_path = ? WHERE id = ? AND ${kind}_remote_url = ? AND ${kind}_path IS NULL`).run(key, id, url)
      .changes > 0
  );
}

/** Accounts on `domain` (lower-case) or a subdomain with a cached or remote avatar or header. */
export function listProfileImagesOfDomain(
  db: Database,
  domain: string,
): { id: number; avatar_path: string | null; header_path: string | null }[] {
  const accounts = "SELECT id FROM accounts WHERE domain IS NOT NULL AND (lower(domain) = ?1 OR lower(domain) LIKE ?2)";
  return db
    .query<{ id: number; avatar_path: string | null; header_path: string | null }, [string, string]>(
      `SELECT id, avatar_path, header_path FROM accounts WHERE id IN (${accounts})
       AND (avatar_path IS NOT NULL OR header_path IS NOT NULL OR avatar_remote_url IS NOT NULL OR header_remote_url IS NOT NULL)`,
    )
    .all(domain, `%.${domain}`);
}

/** Forgets account `id`'s avatar and header: cached files and remote URLs. */
export function clearProfileImages(db: Database, id: number): void {
  db.query(
    "UPDATE accounts SET avatar_path = NULL, header_path = NULL, avatar_remote_url = NULL, header_remote_url = NULL WHERE id = ?",
  ).run(id);
}

/** Those of `ids` that are remote accounts (one query). */
export function remoteAccountIdsAmong(db: Database, ids: readonly number[]): Set<number> {
  return new Set(
    selectIn<{ id: number }>(db, (ph) => `SELECT id FROM accounts WHERE domain IS NOT NULL AND id IN (${ph})`, ids).map((r) => r.id),
  );
}

/** Stored avatar and header keys of the accounts among `ids` and whether each is remote (ids without a row are absent). */
export function listProfileImageKeys(
  db: Database,
  ids: readonly number[],
): { id: number; remote: number; avatar_path: string | null; header_path: string | null }[] {
  return selectIn(db, (ph) => `SELECT id, domain IS NOT NULL AS remote, avatar_path, header_path FROM accounts WHERE id IN (${ph})`, ids);
}

/**
 * Up to `limit` unsuspended remote accounts last fetched before `staleBefore` (or never) that a
 * local account follows or is followed by, or that local statuses mentioned since `mentionedSinceId`;
 * least recently fetched first.
 */
export function listStaleRemoteAccountsOfInterest(
  db: Database,
  staleBefore: number,
  mentionedSinceId: number,
  limit: number,
): { id: number; uri: string }[] {
  return db
    .query<{ id: number; uri: string }, [number, number, number]>(
      `SELECT a.id, a.uri FROM accounts a
       WHERE a.domain IS NOT NULL AND a.suspended_at IS NULL AND a.uri IS NOT NULL AND a.uri <> ''
         AND ifnull(a.fetched_at, 0) < ?1
         AND (EXISTS (SELECT 1 FROM follows f JOIN accounts l ON l.id = f.account_id AND l.domain IS NULL WHERE f.target_account_id = a.id)
           OR EXISTS (SELECT 1 FROM follows f JOIN accounts l ON l.id = f.target_account_id AND l.domain IS NULL WHERE f.account_id = a.id)
           OR EXISTS (SELECT 1 FROM mentions m JOIN statuses s ON s.id = m.status_id AND s.local = 1 AND s.id >= ?2 WHERE m.account_id = a.id))
       ORDER BY ifnull(a.fetched_at, 0), a.id LIMIT ?3`,
    )
    .all(staleBefore, mentionedSinceId, limit);
}
