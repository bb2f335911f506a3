/** Queries on `follow_requests`: pending requests to follow an account. */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";
import type { NewFollowRow } from "./follows";

/** How many accounts ask to follow `targetId`. */
export function countFollowRequestsFor(db: Database, targetId: number): number {
  return db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM follow_requests WHERE target_account_id = ?").get(targetId)!.n;
}

/** A page of the accounts (`aid`) asking to follow `targetId`, suspended ones left out, paged by request id (`pid`), newest first. */
export function listFollowRequestersPage(db: Database, targetId: number, page: Page): { pid: number; aid: number }[] {
  const p = pageSql(page, "fr.id");
  return p.finish(
    db
      .query<{ pid: number; aid: number }, number[]>(
        `SELECT fr.id AS pid, fr.account_id AS aid FROM follow_requests fr JOIN accounts a ON a.id = fr.account_id
       WHERE fr.target_account_id = ? AND a.suspended_at IS NULL${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(targetId, ...p.args, page.limit),
  );
}

/** Ids of every account the account has asked to follow. */
export function listFollowRequestTargetIds(db: Database, accountId: number): number[] {
  return db
    .query<{ target_account_id: number }, [number]>("SELECT target_account_id FROM follow_requests WHERE account_id = ?")
    .all(accountId)
    .map((r) => r.target_account_id);
}

/** Inserts a follow request. */
export function insertFollowRequest(db: Database, r: NewFollowRow): void {
  db.query(
    "INSERT INTO follow_requests (id, account_id, target_account_id, show_reblogs, notify, languages, uri, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(r.id, r.account_id, r.target_account_id, r.show_reblogs, r.notify, r.languages, r.uri, r.created_at);
}

/** A pending request's id, options and Follow uri. */
export interface PendingFollowRequest {
  id: number;
  show_reblogs: number;
  notify: number;
  languages: string | null;
  uri: string | null;
}

/** The pending request of `requesterId` to follow `targetId`, else null. */
export function getPendingFollowRequest(db: Database, requesterId: number, targetId: number): PendingFollowRequest | null {
  return db
    .query<PendingFollowRequest, [number, number]>(
      "SELECT id, show_reblogs, notify, languages, uri FROM follow_requests WHERE account_id = ? AND target_account_id = ?",
    )
    .get(requesterId, targetId);
}

/** Deletes the request of `followerId` to follow `targetId`; true when there was one. */
export function deleteFollowRequestRow(db: Database, followerId: number, targetId: number): boolean {
  return db.query("DELETE FROM follow_requests WHERE account_id = ? AND target_account_id = ?").run(followerId, targetId).changes > 0;
}

/** Sets the Follow id of `followerId`'s pending request to follow `targetId`. */
export function setFollowRequestUri(db: Database, followerId: number, targetId: number, uri: string): void {
  db.query("UPDATE follow_requests SET uri = ? WHERE account_id = ? AND target_account_id = ?").run(uri, followerId, targetId);
}

/** Inserts a remote account's follow request (default options). */
export function insertRemoteFollowRequest(
  db: Database,
  id: number,
  followerId: number,
  targetId: number,
  uri: string | null,
  at: number,
): void {
  db.query("INSERT INTO follow_requests (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, ?)").run(
    id,
    followerId,
    targetId,
    uri,
    at,
  );
}
