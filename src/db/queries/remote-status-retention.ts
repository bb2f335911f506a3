/**
 * The remote statuses that REMOTE_STATUS_RETENTION_DAYS may remove, as `tootctl statuses remove`
 * picks them: older than the cutoff and nothing local refers to them.
 */
import type { Database } from "bun:sqlite";

const LOCAL = "SELECT id FROM accounts WHERE domain IS NULL";

/**
 * True (1) when nothing ties remote status `s` to this server: no reply to it, not a boost of a
 * local status, not boosted locally or by a status newer than the cutoff (?2), not pinned, no
 * local account mentioned, favouriting, bookmarking or voting in its poll, its author followed
 * by no local account, and neither it nor a boost of it in a local home feed.
 */
const REMOVABLE = `
  NOT EXISTS (SELECT 1 FROM statuses r WHERE r.in_reply_to_id = s.id)
  AND (s.in_reply_to_account_id IS NULL OR s.in_reply_to_account_id NOT IN (${LOCAL}))
  AND NOT EXISTS (SELECT 1 FROM statuses o WHERE o.id = s.reblog_of_id AND o.local = 1)
  AND NOT EXISTS (SELECT 1 FROM statuses b WHERE b.reblog_of_id = s.id AND (b.local = 1 OR b.id >= ?2))
  AND NOT EXISTS (SELECT 1 FROM status_pins p WHERE p.status_id = s.id)
  AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.status_id = s.id AND m.account_id IN (${LOCAL}))
  AND NOT EXISTS (SELECT 1 FROM favourites f WHERE f.status_id = s.id AND f.account_id IN (${LOCAL}))
  AND NOT EXISTS (SELECT 1 FROM bookmarks k WHERE k.status_id = s.id AND k.account_id IN (${LOCAL}))
  AND NOT EXISTS (SELECT 1 FROM polls pl JOIN poll_votes v ON v.poll_id = pl.id
                  WHERE pl.status_id = s.id AND v.account_id IN (${LOCAL}))
  AND NOT EXISTS (SELECT 1 FROM follows fo WHERE fo.target_account_id = s.account_id AND fo.account_id IN (${LOCAL}))
  AND NOT EXISTS (SELECT 1 FROM home_feeds h WHERE h.status_id = s.id)
  AND NOT EXISTS (SELECT 1 FROM statuses b2 JOIN home_feeds h2 ON h2.status_id = b2.id WHERE b2.reblog_of_id = s.id)`;

/**
 * Looks at up to `limit` remote statuses with `afterId` < id < `beforeId` (ids encode creation
 * time), in id order; returns the removable ones, the last id looked at (null when none was left) and how many.
 */
export function scanRemovableRemoteStatuses(
  db: Database,
  afterId: number,
  beforeId: number,
  limit: number,
): { ids: number[]; lastId: number | null; scanned: number } {
  const rows = db
    .query<{ id: number; removable: number }, [number, number, number]>(
      `SELECT s.id, (${REMOVABLE}) AS removable FROM statuses s
       WHERE s.id > ?1 AND s.id < ?2 AND s.local = 0 ORDER BY s.id LIMIT ?3`,
    )
    .all(afterId, beforeId, limit);
  return {
    ids: rows.filter((r) => r.removable).map((r) => r.id),
    lastId: rows.length ? rows[rows.length - 1]!.id : null,
    scanned: rows.length,
  };
}

/**
 * Deletes the statuses among `ids` that are still removable (checked again inside the DELETE),
 * with everything that cascades (boosts, mentions, tags, favourites, notifications, polls, edits);
 * their attachments are left unattached. Returns the ids deleted.
 */
export function deleteRemovableRemoteStatuses(db: Database, ids: readonly number[], beforeId: number): number[] {
  if (!ids.length) return [];
  return db
    .query<{ id: number }, [string, number]>(
      `DELETE FROM statuses WHERE id IN (
         SELECT s.id FROM statuses s WHERE s.id IN (SELECT value FROM json_each(?1)) AND s.local = 0 AND s.id < ?2 AND ${REMOVABLE})
       RETURNING id`,
    )
    .all(JSON.stringify(ids), beforeId)
    .map((r) => r.id);
}
