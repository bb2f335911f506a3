/** Queries on `follows`: who follows whom, and the writes follow services compose. */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";
import { selectIn } from "../sql";
import type { AccountRow } from "../rows";

/** Those of `targetIds` that `accountId` follows (one query). */
export function followedAmong(db: Database, accountId: number, targetIds: readonly number[]): Set<number> {
  return new Set(
    selectIn<{ id: number }>(
      db,
      (ph) => `SELECT target_account_id AS id FROM follows WHERE account_id = ? AND target_account_id IN (${ph})`,
      targetIds,
      [accountId],
    ).map((r) => r.id),
  );
}

/** Local followers of `targetId` who asked to be notified of its posts. */
export function listLocalNotifyingFollowerIds(db: Database, targetId: number): number[] {
  return db
    .query<{ account_id: number }, [number]>(
      "SELECT f.account_id FROM follows f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = ? AND f.notify = 1 AND a.domain IS NULL",
    )
    .all(targetId)
    .map((r) => r.account_id);
}

/** Distinct inboxes (shared inbox first) of the account's remote followers. */
export function listRemoteFollowerInboxes(db: Database, accountId: number): string[] {
  return db
    .query<{ inbox: string }, [number]>(
      `SELECT DISTINCT coalesce(a.shared_inbox_url, a.inbox_url) AS inbox FROM follows f JOIN accounts a ON a.id = f.account_id
     WHERE f.target_account_id = ? AND a.domain IS NOT NULL AND coalesce(a.shared_inbox_url, a.inbox_url) IS NOT NULL`,
    )
    .all(accountId)
    .map((r) => r.inbox);
}

/** Ids of every account the account follows or is followed by. */
export function listFollowRelatedAccountIds(db: Database, accountId: number): number[] {
  return db
    .query<{ id: number }, [number]>(
      "SELECT target_account_id AS id FROM follows WHERE account_id = ?1 UNION SELECT account_id FROM follows WHERE target_account_id = ?1",
    )
    .all(accountId)
    .map((r) => r.id);
}

/** Ids of every account the account follows. */
export function listFollowedAccountIds(db: Database, accountId: number): number[] {
  return db
    .query<{ id: number }, [number]>("SELECT target_account_id AS id FROM follows WHERE account_id = ?")
    .all(accountId)
    .map((r) => r.id);
}

/** Ids of every account that follows the account. */
export function listFollowerAccountIds(db: Database, accountId: number): number[] {
  return db
    .query<{ id: number }, [number]>("SELECT account_id AS id FROM follows WHERE target_account_id = ?")
    .all(accountId)
    .map((r) => r.id);
}

/** The account's follows of local accounts (id, the Follow's uri, the followed account). */
export function listFollowsOfLocalAccountsBy(
  db: Database,
  accountId: number,
): { id: number; uri: string | null; target_account_id: number }[] {
  return db
    .query<{ id: number; uri: string | null; target_account_id: number }, [number]>(
      `SELECT f.id, f.uri, f.target_account_id FROM follows f JOIN accounts t ON t.id = f.target_account_id
     WHERE f.account_id = ? AND t.domain IS NULL`,
    )
    .all(accountId);
}

/** When `followerId` started following `targetId`, else null. */
export function getFollowCreatedAt(db: Database, followerId: number, targetId: number): number | null {
  return (
    db
      .query<{ created_at: number }, [number, number]>("SELECT created_at FROM follows WHERE account_id = ? AND target_account_id = ?")
      .get(followerId, targetId)?.created_at ?? null
  );
}

/**
 * A page of the unsuspended followers of `accountId` ("followers") or accounts it follows
 * ("following") as `aid`, paged by follow id (`pid`), newest first. `hidden` is an extra
 * condition on `a.id` (relationships.ts hiddenAccountsSql) with its bind values.
 */
export function listFollowAccountsPage(
  db: Database,
  kind: "followers" | "following",
  accountId: number,
  hidden: { sql: string; args: number[] },
  page: Page,
): { pid: number; aid: number }[] {
  const p = pageSql(page, "f.id");
  const sql =
    kind === "followers"
      ? `SELECT f.id AS pid, f.account_id AS aid FROM follows f JOIN accounts a ON a.id = f.account_id
         WHERE f.target_account_id = ? AND a.suspended_at IS NULL${hidden.sql}${p.where} ORDER BY ${p.order} LIMIT ?`
      : `SELECT f.id AS pid, f.target_account_id AS aid FROM follows f JOIN accounts a ON a.id = f.target_account_id
         WHERE f.account_id = ? AND a.suspended_at IS NULL${hidden.sql}${p.where} ORDER BY ${p.order} LIMIT ?`;
  return p.finish(db.query<{ pid: number; aid: number }, number[]>(sql).all(accountId, ...hidden.args, ...p.args, page.limit));
}

/**
 * For each of `targetIds`, its followers that `viewerId` follows too (unsuspended, not hiding
 * their network), as (target, aid) pairs, newest follow first; one query.
 */
export function listFamiliarFollowerPairs(db: Database, viewerId: number, targetIds: readonly number[]): { target: number; aid: number }[] {
  return selectIn<{ target: number; aid: number }>(
    db,
    (ph) => `SELECT f.target_account_id AS target, f.account_id AS aid FROM follows f
        JOIN follows mine ON mine.account_id = ? AND mine.target_account_id = f.account_id
        JOIN accounts a ON a.id = f.account_id AND a.suspended_at IS NULL AND a.hide_collections = 0
        WHERE f.target_account_id IN (${ph}) ORDER BY f.id DESC`,
    targetIds,
    [viewerId],
  );
}

/** Domain and inboxes of each remote, not suspended follower of `targetId` (distinct rows). */
export function listRemoteFollowerInboxRows(db: Database, targetId: number): import("../rows").AccountInboxRow[] {
  return db
    .query<import("../rows").AccountInboxRow, [number]>(
      `SELECT DISTINCT a.domain, a.inbox_url, a.shared_inbox_url FROM follows f JOIN accounts a ON a.id = f.account_id
       WHERE f.target_account_id = ? AND a.domain IS NOT NULL AND a.suspended_at IS NULL`,
    )
    .all(targetId);
}

/** A follow or a pending follow request (the two tables share these columns). */
export type FollowTable = "follows" | "follow_requests";

/** True when `followerId` follows `targetId`. */
export function isFollowing(db: Database, followerId: number, targetId: number): boolean {
  return !!db.query("SELECT 1 FROM follows WHERE account_id = ? AND target_account_id = ?").get(followerId, targetId);
}

/** True when `table` has a row of `followerId` → `targetId`. */
export function followRowExists(db: Database, table: FollowTable, followerId: number, targetId: number): boolean {
  return !!db.query(`SELECT 1 FROM ${table} WHERE account_id = ? AND target_account_id = ?`).get(followerId, targetId);
}

/** The id and Follow uri of the `table` row of `followerId` → `targetId`, else null. */
export function getFollowRef(
  db: Database,
  table: FollowTable,
  followerId: number,
  targetId: number,
): { id: number; uri: string | null } | null {
  return db
    .query<{ id: number; uri: string | null }, [number, number]>(
      `SELECT id, uri FROM ${table} WHERE account_id = ? AND target_account_id = ?`,
    )
    .get(followerId, targetId);
}

/** Sets one option (show_reblogs, notify or languages) of the `table` row of `followerId` → `targetId`. */
export function setFollowOption(
  db: Database,
  table: FollowTable,
  col: "show_reblogs" | "notify" | "languages",
  value: number | string | null,
  followerId: number,
  targetId: number,
): void {
  db.query(`UPDATE ${table} SET ${col} = ? WHERE account_id = ? AND target_account_id = ?`).run(value, followerId, targetId);
}

/** A new follows or follow_requests row (flags 0/1, languages as JSON or null). */
export interface NewFollowRow {
  id: number;
  account_id: number;
  target_account_id: number;
  show_reblogs: number;
  notify: number;
  languages: string | null;
  uri: string | null;
  created_at: number;
}

/** Inserts a follow unless `account_id` already follows `target_account_id`; true when a row was added. */
export function insertFollowIfMissing(db: Database, r: NewFollowRow): boolean {
  return (
    db
      .query(
        "INSERT OR IGNORE INTO follows (id, account_id, target_account_id, show_reblogs, notify, languages, uri, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .run(r.id, r.account_id, r.target_account_id, r.show_reblogs, r.notify, r.languages, r.uri, r.created_at).changes > 0
  );
}

/** Deletes the follow of `followerId` → `targetId`; true when there was one. */
export function deleteFollowRow(db: Database, followerId: number, targetId: number): boolean {
  return db.query("DELETE FROM follows WHERE account_id = ? AND target_account_id = ?").run(followerId, targetId).changes > 0;
}

/** True when some remote account follows `accountId`. */
export function hasRemoteFollowers(db: Database, accountId: number): boolean {
  return !!db
    .query("SELECT 1 FROM follows f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = ? AND a.domain IS NOT NULL LIMIT 1")
    .get(accountId);
}

/** The local accounts that follow `accountId`. */
export function listLocalFollowers(db: Database, accountId: number): AccountRow[] {
  return db
    .query<AccountRow, [number]>(
      "SELECT a.* FROM follows f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = ? AND a.domain IS NULL",
    )
    .all(accountId);
}

/** The follower in the follow request or follow of `targetId` whose Follow id is `uri`, else null. */
export function getFollowerIdByFollowUri(db: Database, uri: string, targetId: number): number | null {
  return (
    db
      .query<{ account_id: number }, [string, number, string, number]>(
        "SELECT account_id FROM follow_requests WHERE uri = ? AND target_account_id = ? UNION ALL SELECT account_id FROM follows WHERE uri = ? AND target_account_id = ? LIMIT 1",
      )
      .get(uri, targetId, uri, targetId)?.account_id ?? null
  );
}

/** The account `accountId` follows (or asked to follow) with the Follow whose id is `uri`, else null. */
export function getFollowTargetIdByUri(db: Database, accountId: number, uri: string): number | null {
  return (
    db
      .query<{ t: number }, [number, string, number, string]>(
        "SELECT target_account_id AS t FROM follows WHERE account_id = ? AND uri = ? UNION ALL SELECT target_account_id FROM follow_requests WHERE account_id = ? AND uri = ? LIMIT 1",
      )
      .get(accountId, uri, accountId, uri)?.t ?? null
  );
}

/** Sets the Follow id of an existing follow (null keeps it); returns the follow's id. */
export function refreshFollowUri(db: Database, followerId: number, targetId: number, uri: string | null): number {
  return db
    .query<{ id: number }, [string | null, number, number]>(
      "UPDATE follows SET uri = coalesce(?, uri) WHERE account_id = ? AND target_account_id = ? RETURNING id",
    )
    .get(uri, followerId, targetId)!.id;
}

/** True when account `accountId` has at least one local follower. */
export function hasLocalFollowers(db: Database, accountId: number): boolean {
  return !!db
    .query("SELECT 1 FROM follows f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = ? AND a.domain IS NULL LIMIT 1")
    .get(accountId);
}

/** The local, not suspended followers of `accountId` with their follow options. */
export function listLocalFollowsOf(
  db: Database,
  accountId: number,
): { account_id: number; show_reblogs: number; notify: number; languages: string | null }[] {
  return db
    .query<{ account_id: number; show_reblogs: number; notify: number; languages: string | null }, [number]>(
      `SELECT f.account_id, f.show_reblogs, f.notify, f.languages FROM follows f JOIN accounts a ON a.id = f.account_id
         WHERE f.target_account_id = ? AND a.domain IS NULL AND a.suspended_at IS NULL`,
    )
    .all(accountId);
}

/** How many follows `accountId` has on one side: as the followed (`followers`) or the follower (`following`). */
export function countFollowsOf(db: Database, accountId: number, kind: "followers" | "following"): number {
  const col = kind === "followers" ? "target_account_id" : "account_id";
  return db.query<{ n: number }, [number]>(`SELECT count(*) AS n FROM follows WHERE ${col} = ?`).get(accountId)!.n;
}

/** ActivityPub ids of a page of `accountId`'s followers or followed accounts, newest follow first. */
export function listFollowUrisPage(
  db: Database,
  accountId: number,
  kind: "followers" | "following",
  limit: number,
  offset: number,
): string[] {
  const [col, other] = kind === "followers" ? ["target_account_id", "account_id"] : ["account_id", "target_account_id"];
  return db
    .query<{ uri: string }, [number, number, number]>(
      `SELECT acc.uri FROM follows f JOIN accounts acc ON acc.id = f.${other} WHERE f.${col} = ? ORDER BY f.id DESC LIMIT ? OFFSET ?`,
    )
    .all(accountId, limit, offset)
    .map((r) => r.uri);
}
