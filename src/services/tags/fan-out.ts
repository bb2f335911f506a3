/**
 * Home-feed delivery to hashtag followers (Mastodon's deliver_to_hashtag_followers! and
 * FeedManager#filter_from_tags?). Called by fanOutStatus inside the writing transaction.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { PUBLIC } from "../../model/visibility";

/**
 * Adds a new public, non-boost status to the home feeds of local accounts following one of
 * its hashtags, once each, unless the status is by a silenced account, by the follower, or
 * the follower blocks or mutes its author or a mentioned account or is blocked by the
 * author. One INSERT … SELECT that starts from statuses_tags_status, so a post without tags
 * (or whose tags nobody follows) costs one index probe. Streaming follows home_feeds.
 */
export function fanOutToTagFollowers(ctx: AppContext, s: StatusRow): void {
  if (s.visibility !== PUBLIC || s.reblog_of_id !== null) return;
  ctx.db
    .query(
      `INSERT OR IGNORE INTO home_feeds (account_id, status_id)
       SELECT DISTINCT tf.account_id, st.status_id FROM statuses_tags st
       JOIN tag_follows tf ON tf.tag_id = st.tag_id
       WHERE st.status_id = ?1 AND tf.account_id <> ?2
         AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = ?2 AND (a.silenced_at IS NOT NULL OR a.suspended_at IS NOT NULL))
         AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = ?2 AND b.target_account_id = tf.account_id)
         AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = tf.account_id
           AND (b.target_account_id = ?2 OR b.target_account_id IN (SELECT m.account_id FROM mentions m WHERE m.status_id = ?1 AND m.silent = 0)))
         AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = tf.account_id AND (mu.expires_at IS NULL OR mu.expires_at > ?3)
           AND (mu.target_account_id = ?2 OR mu.target_account_id IN (SELECT m.account_id FROM mentions m WHERE m.status_id = ?1 AND m.silent = 0)))`,
    )
    .run(s.id, s.account_id, ctx.now());
}
