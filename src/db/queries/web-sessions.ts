/** Queries on `web_sessions` (browser logins; ids are stored hashed). */
import type { Database } from "bun:sqlite";

/** Deletes sessions last seen before `before`; returns how many went. */
export function deleteIdleWebSessions(db: Database, before: number): number {
  return db.query("DELETE FROM web_sessions WHERE last_seen_at < ?").run(before).changes;
}

/** Inserts a session (`id`: the hashed cookie value). */
export function insertWebSession(
  db: Database,
  s: { id: string; userId: number; csrfToken: string; userAgent: string | null; ip: string; now: number },
): void {
  db.query("INSERT INTO web_sessions (id, user_id, csrf_token, user_agent, ip, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)").run(
    s.id,
    s.userId,
    s.csrfToken,
    s.userAgent,
    s.ip,
    s.now,
    s.now,
  );
}

/** The session with hashed id `id` when its user may still log in, with the user's account and username; else null. */
export function getWebSessionOfActiveUser(
  db: Database,
  id: string,
): { user_id: number; csrf_token: string; account_id: number; username: string; last_seen_at: number } | null {
  return db
    .query<{ user_id: number; csrf_token: string; account_id: number; username: string; last_seen_at: number }, [string]>(
      `SELECT s.user_id, s.csrf_token, s.last_seen_at, u.account_id, a.username
     FROM web_sessions s JOIN users u ON u.id = s.user_id JOIN accounts a ON a.id = u.account_id
     WHERE s.id = ? AND u.disabled = 0 AND u.approved = 1 AND u.confirmed_at IS NOT NULL AND a.suspended_at IS NULL`,
    )
    .get(id);
}

/** Sets the session's last_seen_at. */
export function touchWebSession(db: Database, id: string, now: number): void {
  db.query("UPDATE web_sessions SET last_seen_at = ? WHERE id = ?").run(now, id);
}

/** Deletes every session of user `userId`. */
export function deleteUserWebSessions(db: Database, userId: number): void {
  db.query("DELETE FROM web_sessions WHERE user_id = ?").run(userId);
}

/** The user's sessions seen since `since`, most recently seen first. */
export function listUserWebSessions(
  db: Database,
  userId: number,
  since: number,
): { id: string; user_agent: string | null; ip: string | null; created_at: number; last_seen_at: number }[] {
  return db
    .query<{ id: string; user_agent: string | null; ip: string | null; created_at: number; last_seen_at: number }, [number, number]>(
      "SELECT id, user_agent, ip, created_at, last_seen_at FROM web_sessions WHERE user_id = ? AND last_seen_at >= ? ORDER BY last_seen_at DESC, created_at DESC",
    )
    .all(userId, since);
}

/** Deletes session `id` if it is user `userId`'s; returns how many went (0 or 1). */
export function deleteUserWebSession(db: Database, id: string, userId: number): number {
  return db.query("DELETE FROM web_sessions WHERE id = ? AND user_id = ?").run(id, userId).changes;
}

/** Deletes every session of user `userId` except `keepId`; returns how many went. */
export function deleteOtherWebSessions(db: Database, userId: number, keepId: string): number {
  return db.query("DELETE FROM web_sessions WHERE user_id = ? AND id <> ?").run(userId, keepId).changes;
}
