/** Queries on `tag_follows`: hashtags local accounts follow, and the home-feed fan-out to them. */
import type { Database } from "bun:sqlite";
import type { TagRow } from "../rows";
import { pageSql, type Page } from "../paging";

/** Follows tag `tagId` for `accountId` (no-op when already followed). */
export function insertTagFollow(db: Database, id: number, accountId: number, tagId: number, at: number): void {
  db.query("INSERT OR IGNORE INTO tag_follows (id, account_id, tag_id, created_at) VALUES (?, ?, ?, ?)").run(id, accountId, tagId, at);
}

/** Unfollows tag `tagId` for `accountId`. */
export function deleteTagFollow(db: Database, accountId: number, tagId: number): void {
  db.query("DELETE FROM tag_follows WHERE account_id = ? AND tag_id = ?").run(accountId, tagId);
}

/** True when some account other than `authorId` follows one of status `statusId`'s tags. */
export function statusHasTagFollowers(db: Database, statusId: number, authorId: number): boolean {
  // statuses_tags_status, then tag_follows_tag: two index probes when nobody follows the tags.
  return !!db
    .query(
      "SELECT 1 FROM statuses_tags st JOIN tag_follows tf ON tf.tag_id = st.tag_id WHERE st.status_id = ? AND tf.account_id <> ? LIMIT 1",
    )
    .get(statusId, authorId);
}

/** Up to `limit` distinct followers of status `statusId`'s tags with ids above `after`, ascending. */
export function listStatusTagFollowerIds(db: Database, statusId: number, after: number, limit: number): number[] {
  return db
    .query<{ account_id: number }, [number, number, number]>(
      `SELECT DISTINCT tf.account_id FROM statuses_tags st JOIN tag_follows tf ON tf.tag_id = st.tag_id
       WHERE st.status_id = ?1 AND tf.account_id > ?2 ORDER BY tf.account_id LIMIT ?3`,
    )
    .all(statusId, after, limit)
    .map((r) => r.account_id);
}

/**
 * Adds status `statusId` by `authorId` to the home feeds of its tags' followers with ids in
 * (`after`, `last`] — not the author, nobody who blocks or mutes the author or a mentioned
 * account or is blocked by the author, once each — and returns the accounts whose feed got it.
 */
export function insertStatusIntoTagFollowerFeeds(
  db: Database,
  statusId: number,
  authorId: number,
  now: number,
  after: number,
  last: number,
): number[] {
  return db
    .query<{ account_id: number }, [number, number, number, number, number]>(
      `INSERT OR IGNORE INTO home_feeds (account_id, status_id)
       SELECT DISTINCT tf.account_id, st.status_id FROM statuses_tags st
       JOIN tag_follows tf ON tf.tag_id = st.tag_id
       WHERE st.status_id = ?1 AND tf.account_id > ?4 AND tf.account_id <= ?5 AND tf.account_id <> ?2
         AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = ?2 AND b.target_account_id = tf.account_id)
         AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = tf.account_id
           AND (b.target_account_id = ?2 OR b.target_account_id IN (SELECT m.account_id FROM mentions m WHERE m.status_id = ?1 AND m.silent = 0)))
         AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = tf.account_id AND (mu.expires_at IS NULL OR mu.expires_at > ?3)
           AND (mu.target_account_id = ?2 OR mu.target_account_id IN (SELECT m.account_id FROM mentions m WHERE m.status_id = ?1 AND m.silent = 0)))
       RETURNING account_id`,
    )
    .all(statusId, authorId, now, after, last)
    .map((r) => r.account_id);
}

/** A page of the tags `accountId` follows, paged by the follow's id (`cursor`), newest follow first. */
export function listFollowedTagsPage(db: Database, accountId: number, page: Page): (TagRow & { cursor: number })[] {
  const p = pageSql(page, "tf.id");
  return p.finish(
    db
      .query<TagRow & { cursor: number }, number[]>(
        `SELECT t.*, tf.id AS cursor FROM tag_follows tf JOIN tags t ON t.id = tf.tag_id
           WHERE tf.account_id = ?${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(accountId, ...p.args, page.limit),
  );
}
