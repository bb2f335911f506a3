/** The browser session behind the security pages: find it, send a signed-out visitor to log in, check CSRF. */
import type { Req } from "../../http/route";
import { safeEqual } from "../../services/oauth/secrets";
import { findWebSession, type WebSession } from "../../services/oauth/sessions";
import { readCookies } from "../../http/cookies";
import { htmlResponse, layout, redirectResponse } from "../layout";
import { SESSION_COOKIE } from "./login-flow";

/** A live session plus its cookie value (to tell "this session" apart and keep it). */
export interface PageSession extends WebSession {
  cookie: string;
}

/** Pages a login may return to (anything else goes to /auth/security). */
const RETURN_PATHS = ["/auth/security", "/auth/two_factor", "/oauth/authorized_applications"];

/** A safe local path to go to after logging in. */
export function returnPath(v: unknown): string {
  return typeof v === "string" && RETURN_PATHS.includes(v) ? v : "/auth/security";
}

/** The browser session of this request, or null. */
export function currentSession(q: Req): PageSession | null {
  const cookie = readCookies(q.request)[SESSION_COOKIE];
  const s = findWebSession(q.ctx, cookie);
  return s && cookie ? { ...s, cookie } : null;
}

/** Sends a visitor without a session to the login form, which comes back to `path` afterwards. */
export function toSignIn(q: Req, path: string): Response {
  return redirectResponse(`/auth/sign_in?${new URLSearchParams({ return_to: returnPath(path) })}`, q.request.method === "GET" ? 302 : 303);
}

/** True when the form's authenticity_token matches the session's CSRF token. */
export function csrfOk(q: Req, s: PageSession): boolean {
  const given = q.input.authenticity_token;
  return typeof given === "string" && given.length > 0 && safeEqual(s.csrfToken, given);
}

/** The 403 page for a form without a valid CSRF token. */
export function csrfRejected(q: Req): Response {
  return htmlResponse(
    layout(
      `Request rejected - ${q.ctx.config.instanceTitle}`,
      `
<h1>Request rejected</h1>
<p class="error" role="alert">Invalid or missing form token. Go back, reload the page and try again.</p>
<p><a href="/auth/security">Account security</a></p>`,
    ),
    403,
  );
}

/**
 * Runs a security page handler with the session: GETs without one go to the login form; POSTs
 * also need the CSRF token of the session.
 */
export function withSession(path: string, h: (q: Req, s: PageSession) => Response | Promise<Response>) {
  return (q: Req): Response | Promise<Response> => {
    const s = currentSession(q);
    if (!s) return toSignIn(q, path);
    if (q.request.method !== "GET" && !csrfOk(q, s)) return csrfRejected(q);
    return h(q, s);
  };
}

/** A string form field ("" when missing or not a string). */
export function field(q: Req, k: string): string {
  const v = q.input[k];
  return typeof v === "string" ? v : "";
}
