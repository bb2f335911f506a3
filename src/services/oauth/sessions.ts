/** Browser login sessions (web_sessions) for the OAuth authorize pages. Ids are stored hashed. */
import type { AppContext } from "../../context";
import { randomToken } from "./tokens";
import { sha256Hex } from "./secrets";

/** Sessions idle longer than this are ignored (and swept on the next login). */
export const SESSION_IDLE_MS = 30 * 24 * 3600_000;

export interface WebSession {
  userId: number;
  accountId: number;
  username: string;
  csrfToken: string;
}

/** Creates a session for a user; returns the cookie value (the raw id) and its CSRF token. */
export function createWebSession(ctx: AppContext, s: { userId: number; ip: string; userAgent: string | null }): { id: string; csrfToken: string } {
  const id = randomToken(32);
  const csrfToken = randomToken(32);
  const t = ctx.now();
  ctx.db.transaction(() => {
    ctx.db.query("DELETE FROM web_sessions WHERE last_seen_at < ?").run(t - SESSION_IDLE_MS);
    ctx.db.query(
      "INSERT INTO web_sessions (id, user_id, csrf_token, user_agent, ip, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ).run(sha256Hex(id), s.userId, csrfToken, s.userAgent?.slice(0, 500) ?? null, s.ip, t, t);
  }).immediate();
  return { id, csrfToken };
}

/** The live session for a cookie value whose user can still log in, or null. Touches last_seen_at. */
export function findWebSession(ctx: AppContext, id: string | undefined): WebSession | null {
  if (!id || id.length > 100) return null;
  const t = ctx.now();
  const row = ctx.db.query<{ user_id: number; csrf_token: string; account_id: number; username: string; last_seen_at: number }, [string]>(
    `SELECT s.user_id, s.csrf_token, s.last_seen_at, u.account_id, a.username
     FROM web_sessions s JOIN users u ON u.id = s.user_id JOIN accounts a ON a.id = u.account_id
     WHERE s.id = ? AND u.disabled = 0 AND u.approved = 1 AND u.confirmed_at IS NOT NULL AND a.suspended_at IS NULL`,
  ).get(sha256Hex(id));
  if (!row || row.last_seen_at < t - SESSION_IDLE_MS) return null;
  if (t - row.last_seen_at > 60_000) ctx.db.query("UPDATE web_sessions SET last_seen_at = ? WHERE id = ?").run(t, sha256Hex(id));
  return { userId: row.user_id, accountId: row.account_id, username: row.username, csrfToken: row.csrf_token };
}

/** Ends every browser session of a user (password reset, deletion). */
export function deleteUserSessions(ctx: AppContext, userId: number): void {
  ctx.db.query("DELETE FROM web_sessions WHERE user_id = ?").run(userId);
}
