/**
 * Low-level follow and follow-request writes that keep the account counters and home feeds
 * in step. Call only inside a service's transaction.
 */
import type { AppContext } from "../../context";
import { backfillFeed, unmergeFeed } from "../feeds";
import { removeFromLists } from "../lists/feed";
import { removeEndorsement } from "../endorsements/endorse";

export interface FollowOptions {
  reblogs?: boolean;
  notify?: boolean;
  languages?: string[] | null;
}

/** Inserts a follows row (if missing), bumps both counters and backfills the follower's home feed. */
export function insertFollow(ctx: AppContext, followerId: number, targetId: number, o: { showReblogs: boolean; notify: boolean; languages: string | null; uri?: string | null }): boolean {
  const db = ctx.db;
  const res = db
    .query("INSERT OR IGNORE INTO follows (id, account_id, target_account_id, show_reblogs, notify, languages, uri, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .run(ctx.ids.next(), followerId, targetId, o.showReblogs ? 1 : 0, o.notify ? 1 : 0, o.languages, o.uri ?? null, ctx.now());
  if (res.changes === 0) return false;
  db.query("UPDATE accounts SET following_count = following_count + 1 WHERE id = ?").run(followerId);
  db.query("UPDATE accounts SET followers_count = followers_count + 1 WHERE id = ?").run(targetId);
  const follower = db.query<{ domain: string | null }, [number]>("SELECT domain FROM accounts WHERE id = ?").get(followerId);
  if (follower && follower.domain === null) backfillFeed(ctx, followerId, targetId);
  return true;
}

/** Deletes a follows row (if any), lowers both counters and removes the target's posts from the follower's feed and lists, and the endorsement. */
export function deleteFollow(ctx: AppContext, followerId: number, targetId: number): boolean {
  const db = ctx.db;
  const res = db.query("DELETE FROM follows WHERE account_id = ? AND target_account_id = ?").run(followerId, targetId);
  if (res.changes === 0) return false;
  db.query("UPDATE accounts SET following_count = max(following_count - 1, 0) WHERE id = ?").run(followerId);
  db.query("UPDATE accounts SET followers_count = max(followers_count - 1, 0) WHERE id = ?").run(targetId);
  unmergeFeed(ctx, followerId, targetId);
  removeFromLists(ctx, followerId, targetId);
  removeEndorsement(ctx, followerId, targetId);
  return true;
}

/** Deletes a pending follow request and the `follow_request` notification it caused. */
export function deleteFollowRequest(ctx: AppContext, followerId: number, targetId: number): boolean {
  const db = ctx.db;
  const res = db.query("DELETE FROM follow_requests WHERE account_id = ? AND target_account_id = ?").run(followerId, targetId);
  db.query("DELETE FROM notifications WHERE account_id = ? AND from_account_id = ? AND type = 'follow_request'").run(targetId, followerId);
  return res.changes > 0;
}

/** Languages as stored (JSON array or NULL for "all"). */
export function languagesJson(l: string[] | null | undefined): string | null {
  return l && l.length ? JSON.stringify(l) : null;
}
