/**
 * Queries for follow suggestions (Mastodon's AccountSuggestions sources) over `follows`,
 * `featured_suggestions` and `suggestion_dismissals`, and for the profile directory.
 */
import type { Database } from "bun:sqlite";

/**
 * Mastodon's base_account_scope: not the viewer, discoverable, not suspended, moved or a
 * memorial, not already followed or requested, not blocked either way or muted, not dismissed.
 */
const BASE = `a.id <> ?1 AND a.discoverable = 1 AND a.suspended_at IS NULL AND a.moved_to_account_id IS NULL AND a.memorial = 0
  AND NOT EXISTS (SELECT 1 FROM follows x WHERE x.account_id = ?1 AND x.target_account_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM follow_requests x WHERE x.account_id = ?1 AND x.target_account_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM blocks x WHERE x.account_id = ?1 AND x.target_account_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM blocks x WHERE x.account_id = a.id AND x.target_account_id = ?1)
  AND NOT EXISTS (SELECT 1 FROM mutes x WHERE x.account_id = ?1 AND x.target_account_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM suggestion_dismissals x WHERE x.account_id = ?1 AND x.target_account_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM account_domain_blocks x WHERE x.account_id = ?1 AND x.domain = a.domain)`;

/** Accounts followed by the accounts the viewer follows (those that do not hide their follows), most shared first. */
export function listFriendsOfFriends(db: Database, viewerId: number, limit: number): number[] {
  return db
    .query<{ id: number }, [number, number]>(
      `SELECT a.id, count(*) AS frequency FROM follows f1
       JOIN accounts mid ON mid.id = f1.target_account_id AND mid.hide_collections = 0
       JOIN follows f2 ON f2.account_id = f1.target_account_id
       JOIN accounts a ON a.id = f2.target_account_id
       WHERE f1.account_id = ?1 AND ${BASE}
       GROUP BY a.id ORDER BY frequency DESC, a.followers_count DESC, a.id LIMIT ?2`,
    )
    .all(viewerId, limit)
    .map((r) => r.id);
}

/** Accounts staff feature in suggestions, newest first. */
export function listFeaturedSuggestions(db: Database, viewerId: number, limit: number): number[] {
  return db
    .query<{ id: number }, [number, number]>(
      `SELECT a.id FROM featured_suggestions fs JOIN accounts a ON a.id = fs.account_id WHERE ${BASE}
       ORDER BY fs.created_at DESC LIMIT ?2`,
    )
    .all(viewerId, limit)
    .map((r) => r.id);
}

/** Local accounts that posted since `since`, most recently active first (then most followed). */
export function listActiveLocalAccounts(db: Database, viewerId: number, since: number, limit: number): number[] {
  return db
    .query<{ id: number }, [number, number, number]>(
      `SELECT a.id FROM accounts a WHERE a.domain IS NULL AND a.last_status_at >= ?3 AND a.silenced_at IS NULL AND ${BASE}
       AND EXISTS (SELECT 1 FROM users u WHERE u.account_id = a.id)
       ORDER BY a.last_status_at DESC, a.followers_count DESC LIMIT ?2`,
    )
    .all(viewerId, limit, since)
    .map((r) => r.id);
}

/** Records that `accountId` does not want `targetId` suggested again. */
export function insertSuggestionDismissal(db: Database, accountId: number, targetId: number, now: number): void {
  db.query("INSERT OR IGNORE INTO suggestion_dismissals (account_id, target_account_id, created_at) VALUES (?, ?, ?)").run(
    accountId,
    targetId,
    now,
  );
}

/** Features `accountId` in everyone's suggestions (staff). */
export function insertFeaturedSuggestion(db: Database, accountId: number, now: number): void {
  db.query("INSERT OR IGNORE INTO featured_suggestions (account_id, created_at) VALUES (?, ?)").run(accountId, now);
}

/**
 * A page of the profile directory (Mastodon's DirectoryController): discoverable, active
 * accounts (not suspended, silenced, moved or memorial; local ones with a user), `order`
 * "active" by last post, "new" by creation; `local` only this instance's.
 */
export function listDirectoryAccounts(
  db: Database,
  o: { order: "active" | "new"; local: boolean; offset: number; limit: number; viewerId: number | null },
): number[] {
  const order = o.order === "new" ? "a.created_at DESC, a.id DESC" : "a.last_status_at DESC NULLS LAST, a.id DESC";
  const viewer =
    o.viewerId === null
      ? ""
      : ` AND NOT EXISTS (SELECT 1 FROM blocks x WHERE x.account_id = ?4 AND x.target_account_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM blocks x WHERE x.account_id = a.id AND x.target_account_id = ?4)
          AND NOT EXISTS (SELECT 1 FROM mutes x WHERE x.account_id = ?4 AND x.target_account_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM account_domain_blocks x WHERE x.account_id = ?4 AND x.domain = a.domain)`;
  return db
    .query<{ id: number }, number[]>(
      `SELECT a.id FROM accounts a
       WHERE a.discoverable = 1 AND a.suspended_at IS NULL AND a.silenced_at IS NULL AND a.moved_to_account_id IS NULL
         AND a.memorial = 0 AND a.actor_type IN ('Person', 'Service') AND (?1 = 0 OR a.domain IS NULL)
         AND (a.domain IS NOT NULL OR EXISTS (SELECT 1 FROM users u WHERE u.account_id = a.id))${viewer}
       ORDER BY ${order} LIMIT ?2 OFFSET ?3`,
    )
    .all(...[o.local ? 1 : 0, o.limit, o.offset], ...(o.viewerId === null ? [] : [o.viewerId]))
    .map((r) => r.id);
}
