/**
 * Home-feed delivery to hashtag followers (Mastodon's deliver_to_hashtag_followers! and
 * FeedManager#filter_from_tags?). fanOutStatus only enqueues a `feeds.tag_fan_out` job in the
 * writing transaction; the job inserts in batches of followers, each in its own transaction.
 */
import type { AppContext } from "../../context";
import { getAccountLimits } from "../../db/queries/accounts";
import { getStatusAudience } from "../../db/queries/statuses";
import { insertStatusIntoTagFollowerFeeds, listStatusTagFollowerIds, statusHasTagFollowers } from "../../db/queries/tag-follows";
import { PUBLIC } from "../../model/visibility";

/** Followers handled per transaction: keeps each write-lock hold short on popular tags. */
export const TAG_FAN_OUT_BATCH = 500;

/** Payload of `feeds.tag_fan_out`: `after` is the follower-id cursor (absent on the first batch). */
export interface TagFanOutPayload {
  statusId: number;
  after?: number;
  batch?: number;
}

/** What one batch did: the followers whose feed got the status (null when the status is gone). */
export interface TagFanOutBatch {
  inserted: number[];
  first: boolean;
}

interface StatusBits {
  id: number;
  account_id: number;
  visibility: number;
  reblog_of_id: number | null;
}

/**
 * Enqueues `feeds.tag_fan_out` for a new public, non-boost status when some local account
 * (other than the author) follows one of its tags. Returns true when it did: the job then
 * streams the `update` itself, after its first batch. Call inside the writing transaction.
 */
export function enqueueTagFanOut(ctx: AppContext, s: StatusBits): boolean {
  if (s.visibility !== PUBLIC || s.reblog_of_id !== null) return false;
  if (!statusHasTagFollowers(ctx.db, s.id, s.account_id)) return false;
  const payload: TagFanOutPayload = { statusId: s.id };
  ctx.jobs.enqueue("feeds.tag_fan_out", payload);
  return true;
}

/**
 * Runs one batch of a tag fan-out (call inside an immediate transaction): takes the next
 * `batch` distinct followers of the status's tags after the cursor, adds the status to the
 * home feeds of those who should see it — not the author, nobody who blocks or mutes the author
 * or a mentioned account or is blocked by the author, nothing from a silenced or suspended
 * author, and once each (INSERT OR IGNORE: followers of the author already have it) — and
 * enqueues the next batch when more followers remain. Null when the status no longer exists,
 * so a status deleted before the job runs is never put back.
 */
export function runTagFanOutBatch(ctx: AppContext, p: TagFanOutPayload): TagFanOutBatch | null {
  const db = ctx.db;
  const s: StatusBits | null = getStatusAudience(db, p.statusId);
  if (!s) return null;
  const first = p.after === undefined;
  if (s.visibility !== PUBLIC || s.reblog_of_id !== null) return { inserted: [], first };
  const author = getAccountLimits(db, s.account_id);
  if (!author || author.silenced_at !== null || author.suspended_at !== null) return { inserted: [], first };
  const after = p.after ?? -1;
  const batch = Math.max(1, Math.floor(p.batch ?? TAG_FAN_OUT_BATCH));
  // One id past the batch tells whether another batch must follow.
  const ids = listStatusTagFollowerIds(db, s.id, after, batch + 1);
  if (ids.length === 0) return { inserted: [], first };
  const last = ids[Math.min(ids.length, batch) - 1]!;
  const inserted = insertStatusIntoTagFollowerFeeds(db, s.id, s.account_id, ctx.now(), after, last);
  if (ids.length > batch) {
    const next: TagFanOutPayload = { statusId: s.id, after: last, ...(p.batch !== undefined ? { batch: p.batch } : {}) };
    ctx.jobs.enqueue("feeds.tag_fan_out", next);
  }
  return { inserted, first };
}
