/** Browser login sessions (web_sessions) for the OAuth authorize pages. Ids are stored hashed. */
import type { AppContext } from "../../context";
import {
  deleteIdleWebSessions,
  deleteUserWebSessions,
  getWebSessionOfActiveUser,
  insertWebSession,
  touchWebSession,
} from "../../db/queries/web-sessions";
import { transaction } from "../../db/transaction";
import { randomToken } from "./tokens";
import { sha256Hex } from "./secrets";
import { recordSignIn } from "../mail/notices";

/** Sessions idle longer than this are ignored (and swept on the next login). */
export const SESSION_IDLE_MS = 30 * 24 * 3600_000;

export interface WebSession {
  userId: number;
  accountId: number;
  username: string;
  csrfToken: string;
}

/**
 * Creates a session for a user; returns the cookie value (the raw id) and its CSRF token.
 * Records the sign-in, mailing a notice when it comes from a new address or browser.
 */
export function createWebSession(
  ctx: AppContext,
  s: { userId: number; ip: string; userAgent: string | null },
): { id: string; csrfToken: string } {
  const id = randomToken(32);
  const csrfToken = randomToken(32);
  const t = ctx.now();
  transaction(ctx.db, () => {
    deleteIdleWebSessions(ctx.db, t - SESSION_IDLE_MS);
    insertWebSession(ctx.db, {
      id: sha256Hex(id),
      userId: s.userId,
      csrfToken,
      userAgent: s.userAgent?.slice(0, 500) ?? null,
      ip: s.ip,
      now: t,
    });
    recordSignIn(ctx, s.userId, s.ip, s.userAgent);
  });
  return { id, csrfToken };
}

/** The live session for a cookie value whose user can still log in, or null. Touches last_seen_at. */
export function findWebSession(ctx: AppContext, id: string | undefined): WebSession | null {
  if (!id || id.length > 100) return null;
  const t = ctx.now();
  const row = getWebSessionOfActiveUser(ctx.db, sha256Hex(id));
  if (!row || row.last_seen_at < t - SESSION_IDLE_MS) return null;
  if (t - row.last_seen_at > 60_000) touchWebSession(ctx.db, sha256Hex(id), t);
  return { userId: row.user_id, accountId: row.account_id, username: row.username, csrfToken: row.csrf_token };
}

/** Ends every browser session of a user (password reset, deletion). */
export function deleteUserSessions(ctx: AppContext, userId: number): void {
  deleteUserWebSessions(ctx.db, userId);
}
