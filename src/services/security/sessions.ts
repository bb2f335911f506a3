/** A user's browser sessions (web_sessions) for the security page: list, revoke one, end the current one. */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { deleteUserWebSession, listUserWebSessions } from "../../db/queries/web-sessions";
import { sha256Hex } from "../oauth/secrets";
import { SESSION_IDLE_MS } from "../oauth/sessions";

/** One browser session; `ref` is its stored (hashed) id, which cannot be turned back into a cookie. */
export interface BrowserSession {
  ref: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: number;
  lastSeenAt: number;
  current: boolean;
}

/** The user's live sessions, most recently seen first; `currentCookie` marks this browser's. */
export function listBrowserSessions(ctx: AppContext, userId: number, currentCookie: string): BrowserSession[] {
  const current = sha256Hex(currentCookie);
  return listUserWebSessions(ctx.db, userId, ctx.now() - SESSION_IDLE_MS).map((r) => ({
    ref: r.id,
    userAgent: r.user_agent,
    ip: r.ip,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    current: r.id === current,
  }));
}

/** Ends one of the user's sessions by its ref; 404 when it is not theirs (or already gone). */
export function revokeBrowserSession(ctx: AppContext, userId: number, ref: string): void {
  if (!/^[0-9a-f]{64}$/.test(ref)) throw new ApiError(404, "Record not found");
  if (deleteUserWebSession(ctx.db, ref, userId) !== 1) throw new ApiError(404, "Record not found");
}

/** Ends the session with this cookie value if it belongs to `userId` (signing out of this browser). */
export function endBrowserSession(ctx: AppContext, userId: number, cookie: string | undefined): boolean {
  if (!cookie || cookie.length > 100) return false;
  return deleteUserWebSession(ctx.db, sha256Hex(cookie), userId) === 1;
}
