/**
 * GET/POST /auth/sign_in: the login form for the account security pages (password, then the
 * two-factor code when enabled), coming back to `return_to`. POST /auth/sign_out ends this
 * browser's session: from a form (CSRF token) or from the web client (its bearer token).
 */
import { authenticate, tokenFromRequest } from "../../http/auth";
import type { Req, Router } from "../../http/route";
import { createWebSession, SESSION_IDLE_MS } from "../../services/oauth/sessions";
import { endBrowserSession } from "../../services/security/sessions";
import { cookie, readCookies } from "../../http/cookies";
import { htmlResponse, redirectResponse } from "../layout";
import { csrfOk, csrfRejected, currentSession, field, returnPath } from "./guard";
import { checkLoginCsrf, CSRF_COOKIE, loginCsrf, runLoginStep, SESSION_COOKIE } from "./login-flow";
import { otpPage, signInPage } from "./sign-in-pages";
import { mailEnabled } from "../../services/mail/queue";

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

function showPassword(q: Req, to: string, status = 200, error?: string, login?: string): Response {
  const { token, setCookie } = loginCsrf(q);
  const fields = { step: "login", return_to: to, authenticity_token: token };
  return htmlResponse(signInPage({ site: q.ctx.config.instanceTitle, fields, error, login, mail: mailEnabled(q.ctx) }), status, setCookie);
}

/** GET /auth/sign_in: the login form, or straight back when already logged in. */
export function getSignIn(q: Req): Response {
  const to = returnPath(q.input.return_to);
  if (currentSession(q)) return redirectResponse(to);
  return showPassword(q, to);
}

/** POST /auth/sign_in; `r` supplies the "login" rate limiter. */
export function postSignIn(r: Router) {
  return async (q: Req): Promise<Response> => {
    const to = returnPath(q.input.return_to);
    const browser = checkLoginCsrf(q, readCookies(q.request)[CSRF_COOKIE]);
    if (!browser) return csrfRejected(q);
    const res = await runLoginStep(q, r.limiter, browser);
    if (res.kind === "password") return showPassword(q, to, res.status, res.message, res.login);
    if (res.kind === "otp") {
      const fields = { step: "otp", return_to: to, authenticity_token: field(q, "authenticity_token"), otp_challenge: res.challenge };
      return htmlResponse(otpPage({ site: q.ctx.config.instanceTitle, action: "/auth/sign_in", fields, error: res.message }), res.status);
    }
    const s = createWebSession(q.ctx, { userId: res.userId, ip: q.ip, userAgent: q.request.headers.get("user-agent") });
    return redirectResponse(to, 303, [cookie(SESSION_COOKIE, s.id, { secure: q.secure, maxAgeSeconds: SESSION_IDLE_MS / 1000 })]);
  };
}

/**
 * POST /auth/sign_out: ends this browser's session and clears its cookie. Accepted with the
 * form's CSRF token, from this server's own Origin (the web client, whose token may already be
 * revoked), or with a bearer token of the session's user. JSON for the client, else a redirect.
 */
export function postSignOut(q: Req): Response {
  const clear = cookie(SESSION_COOKIE, "", { secure: q.secure, maxAgeSeconds: 0 });
  const fromApp = q.request.headers.has("authorization");
  const s = currentSession(q);
  if (s) {
    const token = tokenFromRequest(q.request, q.url.searchParams);
    const allowed =
      csrfOk(q, s) ||
      q.request.headers.get("origin") === q.ctx.uris.base ||
      (token !== null && authenticate(q.ctx, token)?.userId === s.userId);
    if (!allowed)
      return fromApp ? new Response('{"error":"Invalid or missing form token"}', { status: 403, headers: JSON_HEADERS }) : csrfRejected(q);
    endBrowserSession(q.ctx, s.userId, s.cookie);
  }
  if (fromApp) return new Response("{}", { status: 200, headers: { ...JSON_HEADERS, "Set-Cookie": clear } });
  return redirectResponse("/", 303, [clear]);
}
