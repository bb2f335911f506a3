/**
 * GET/POST /oauth/authorize: the server-rendered authorization-code flow. GET shows a login form
 * (no session cookie) or the consent form; POST handles the login (step=login, then step=otp for
 * users with two-factor authentication) and the decision (step=consent). Every form carries a
 * CSRF token bound to a cookie.
 */
import type { Req, Router } from "../../http/route";
import { OOB_URI } from "../../services/oauth/create-app";
import { OAUTH_DESCRIPTIONS } from "../../services/oauth/errors";
import { createAuthorizationCode } from "../../services/oauth/grants";
import { safeEqual } from "../../services/oauth/secrets";
import { createWebSession, findWebSession, SESSION_IDLE_MS } from "../../services/oauth/sessions";
import { cookie, readCookies } from "../../http/cookies";
import { htmlResponse, redirectResponse } from "../layout";
import { checkLoginCsrf, CSRF_COOKIE, loginCsrf, runLoginStep, SESSION_COOKIE, type LoginOutcome } from "../account/login-flow";
import { otpPage } from "../account/sign-in-pages";
import { checkAuthorizeRequest, requestFields, withQuery, type AuthorizeRequest } from "../../oauth/authorize-request";
import { consentPage, errorPage, loginPage, oobCodePage } from "./authorize-pages";
import { mailEnabled } from "../../services/mail/queue";
import { isFirstPartyApp, scopesForRole } from "../../services/oauth/first-party";
import type { WebSession } from "../../services/oauth/sessions";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function showLogin(q: Req, req: AuthorizeRequest, status = 200, error?: string, login?: string): Response {
  const { token, setCookie } = loginCsrf(q);
  const fields = { ...requestFields(req), step: "login", authenticity_token: token };
  return htmlResponse(
    loginPage({ title: q.ctx.config.instanceTitle, req, fields, error, login, mail: mailEnabled(q.ctx) }),
    status,
    setCookie,
  );
}

function showOtp(q: Req, req: AuthorizeRequest, res: Extract<LoginOutcome, { kind: "otp" }>): Response {
  const fields = { ...requestFields(req), step: "otp", authenticity_token: str(q.input.authenticity_token), otp_challenge: res.challenge };
  return htmlResponse(otpPage({ site: q.ctx.config.instanceTitle, action: "/oauth/authorize", fields, error: res.message }), res.status);
}

function fatal(q: Req, message: string, status = 400, heading = "An error has occurred"): Response {
  return htmlResponse(errorPage({ title: q.ctx.config.instanceTitle, heading, message }), status);
}

function authorizeUrl(req: AuthorizeRequest, extra: Record<string, string> = {}): string {
  return withQuery("/oauth/authorize", { ...requestFields(req), ...extra });
}

/** Issues the code for `req` to the signed-in `session` and sends the browser back to the app. */
function grant(q: Req, req: AuthorizeRequest, session: WebSession): Response {
  const firstParty = isFirstPartyApp(q.ctx, req.app, req.redirectUri, req.codeChallenge);
  const code = createAuthorizationCode(q.ctx, {
    applicationId: req.app.id,
    userId: session.userId,
    redirectUri: req.redirectUri,
    scopes: firstParty ? scopesForRole(q.ctx, session.accountId, req.scopes) : req.scopes,
    codeChallenge: req.codeChallenge,
  });
  if (req.redirectUri === OOB_URI) return htmlResponse(oobCodePage({ title: q.ctx.config.instanceTitle, appName: req.app.name, code }));
  return redirectResponse(withQuery(req.redirectUri, { code, state: req.state }));
}

/** GET /oauth/authorize; the server's own web client is not asked for consent (see first-party.ts). */
export function getAuthorize(q: Req): Response {
  const check = checkAuthorizeRequest(q.ctx, q.input);
  if (check.kind === "fatal") return fatal(q, check.message);
  if (check.kind === "redirect") return redirectResponse(check.location);
  const req = check.req;
  const session = req.forceLogin ? null : findWebSession(q.ctx, readCookies(q.request)[SESSION_COOKIE]);
  if (!session) return showLogin(q, req);
  if (isFirstPartyApp(q.ctx, req.app, req.redirectUri, req.codeChallenge)) return grant(q, req, session);
  const fields = { ...requestFields(req), step: "consent", authenticity_token: session.csrfToken };
  const switchUrl = authorizeUrl(req, { force_login: "true" });
  return htmlResponse(consentPage({ title: q.ctx.config.instanceTitle, req, fields, username: session.username, switchUrl }));
}

/** POST /oauth/authorize; `r` gives access to the router's rate limiter for the "login" rule. */
export function postAuthorize(r: Router) {
  return async (q: Req): Promise<Response> => {
    const check = checkAuthorizeRequest(q.ctx, q.input);
    if (check.kind === "fatal") return fatal(q, check.message);
    if (check.kind === "redirect") return redirectResponse(check.location);
    const req = check.req;
    const given = str(q.input.authenticity_token);
    const step = str(q.input.step);
    if (step === "login" || step === "otp") {
      // Password, then (with two-factor authentication) a code: see pages/account/login-flow.
      const browser = checkLoginCsrf(q, readCookies(q.request)[CSRF_COOKIE]);
      if (!browser) return fatal(q, "Invalid or missing form token. Go back, reload the page and try again.", 403, "Request rejected");
      const res = await runLoginStep(q, r.limiter, browser);
      if (res.kind === "password") return showLogin(q, req, res.status, res.message, res.login);
      if (res.kind === "otp") return showOtp(q, req, res);
      const s = createWebSession(q.ctx, { userId: res.userId, ip: q.ip, userAgent: q.request.headers.get("user-agent") });
      return redirectResponse(authorizeUrl(req), 303, [
        cookie(SESSION_COOKIE, s.id, { secure: q.secure, maxAgeSeconds: SESSION_IDLE_MS / 1000 }),
      ]);
    }
    const session = findWebSession(q.ctx, readCookies(q.request)[SESSION_COOKIE]);
    if (!session) return showLogin(q, req, 401, "Your session has expired. Please log in again.");
    if (!given || !safeEqual(session.csrfToken, given)) {
      return fatal(q, "Invalid or missing form token. Go back, reload the page and try again.", 403, "Request rejected");
    }
    const decision = str(q.input.decision);
    if (decision === "deny") {
      if (req.redirectUri === OOB_URI) return fatal(q, OAUTH_DESCRIPTIONS.access_denied, 200, "Access denied");
      return redirectResponse(
        withQuery(req.redirectUri, { error: "access_denied", error_description: OAUTH_DESCRIPTIONS.access_denied, state: req.state }),
      );
    }
    if (decision !== "authorize") return fatal(q, OAUTH_DESCRIPTIONS.invalid_request);
    return grant(q, req, session);
  };
}

/** Registers GET and POST /oauth/authorize (the protocol pieces live in src/oauth/). */
export function registerAuthorize(r: Router): void {
  r.get<Req>("/oauth/authorize", { auth: "none" }, getAuthorize);
  r.post<Req>("/oauth/authorize", { auth: "none" }, postAuthorize(r));
}
