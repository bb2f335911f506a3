/**
 * Home feeds: precomputed (account_id, status_id) rows for local accounts, written when a
 * status is created, a follow starts or ends, or a status is deleted. Call inside the
 * service's transaction.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { DIRECT, PRIVATE, PUBLIC } from "../../model/visibility";
import { fanOutToLists, inExclusiveList } from "../lists/feed";
import { enqueueTagFanOut } from "../tags/fan-out";

/**
 * Inserts a new status into the home feeds of the local accounts that should see it, and
 * enqueues its `stream.update` job (streaming reads home_feeds to find user streams). When
 * hashtag followers are to get it, enqueues `feeds.tag_fan_out` instead, which streams the
 * update after its first batch so that nobody gets it twice.
 */
export function fanOutStatus(ctx: AppContext, s: StatusRow): void {
  const db = ctx.db;
  if (!enqueueTagFanOut(ctx, s)) ctx.jobs.enqueue("stream.update", { statusId: s.id });
  const ins = db.query("INSERT OR IGNORE INTO home_feeds (account_id, status_id) VALUES (?, ?)");
  const author = db.query<{ domain: string | null }, [number]>("SELECT domain FROM accounts WHERE id = ?").get(s.account_id);
  if (author && author.domain === null) ins.run(s.account_id, s.id);
  if (s.visibility === DIRECT) {
    db.query(
      `INSERT OR IGNORE INTO home_feeds (account_id, status_id)
       SELECT f.account_id, ? FROM follows f JOIN accounts a ON a.id = f.account_id
       JOIN mentions m ON m.account_id = f.account_id AND m.status_id = ?
       WHERE f.target_account_id = ? AND a.domain IS NULL`,
    ).run(s.id, s.id, s.account_id);
    return;
  }
  const reblogFilter = s.reblog_of_id !== null ? " AND f.show_reblogs = 1" : "";
  // Followers who put the author on an exclusive list read these posts there, not at home.
  db.query(
    `INSERT OR IGNORE INTO home_feeds (account_id, status_id)
     SELECT f.account_id, ?1 FROM follows f JOIN accounts a ON a.id = f.account_id
     WHERE f.target_account_id = ?2 AND a.domain IS NULL${reblogFilter}
       AND f.account_id NOT IN (SELECT l.account_id FROM list_accounts la JOIN lists l ON l.id = la.list_id WHERE la.account_id = ?2 AND l.exclusive = 1)`,
  ).run(s.id, s.account_id);
  fanOutToLists(ctx, s);
}

/** After a local edit: enqueues `stream.status_update` for everyone who may have the status. */
export function statusEdited(ctx: AppContext, statusId: number): void {
  ctx.jobs.enqueue("stream.status_update", { statusId });
}

/** After `followerId` starts following `targetId`: adds the target's recent posts to the home feed. */
export function backfillFeed(ctx: AppContext, followerId: number, targetId: number, limit = 40): void {
  if (inExclusiveList(ctx, followerId, targetId)) return;
  ctx.db
    .query(
      `INSERT OR IGNORE INTO home_feeds (account_id, status_id)
       SELECT ?, id FROM statuses WHERE account_id = ? AND visibility <= ? ORDER BY id DESC LIMIT ?`,
    )
    .run(followerId, targetId, PRIVATE, limit);
}

/** After an unfollow (or block): removes the target's posts and boosts from the follower's feed. */
export function unmergeFeed(ctx: AppContext, followerId: number, targetId: number): void {
  ctx.db
    .query(`DELETE FROM home_feeds WHERE account_id = ? AND status_id IN (SELECT id FROM statuses WHERE account_id = ?)`)
    .run(followerId, targetId);
}

/** Removes a deleted status from every feed and enqueues its `stream.delete` job. */
export function removeFromFeeds(ctx: AppContext, statusId: number): void {
  // Streaming sends the delete to public streams only when the status was on them.
  const s = ctx.db.query<{ visibility: number; reblog_of_id: number | null }, [number]>("SELECT visibility, reblog_of_id FROM statuses WHERE id = ?").get(statusId);
  ctx.jobs.enqueue("stream.delete", { statusId, public: s ? s.visibility === PUBLIC && s.reblog_of_id === null : undefined });
  ctx.db.query("DELETE FROM home_feeds WHERE status_id = ?").run(statusId);
}
