/**
 * The login steps shared by /oauth/authorize and /auth/sign_in: password first; for users with
 * two-factor authentication a second form asks for a TOTP or recovery code. Both steps count
 * toward the per-IP "login" rate limit and, wrong guesses only, toward the per-account
 * "loginAccount" one; wrong codes also count per user (see services/security/two-factor).
 * Also the names of the browser's session and login-CSRF cookies and the login form's CSRF token.
 */
import { cookie, readCookies } from "../../http/cookies";
import type { Req } from "../../http/route";
import { loginAttempt, type RateLimiter } from "../../http/rate-limit";
import { checkLogin, loginAccountKey, loginFailureMessage } from "../../services/oauth/credentials";
import { hmac, safeEqual } from "../../services/oauth/secrets";
import { randomToken } from "../../services/oauth/tokens";
import { issueLoginChallenge, readLoginChallenge } from "../../services/security/login-challenge";
import { secondFactorMessage, twoFactorEnabled, verifySecondFactor } from "../../services/security/two-factor";

export type LoginOutcome =
  /** Both factors are good: start a session for the user. */
  | { kind: "done"; userId: number }
  /** Show the password form again. */
  | { kind: "password"; status: number; message: string; login: string }
  /** Show the code form (again) with this challenge. */
  | { kind: "otp"; status: number; challenge: string; message?: string };

const TOO_MANY = "Too many login attempts. Please wait a few minutes and try again.";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Name of the login session cookie (value: a web_sessions id). */
export const SESSION_COOKIE = "_hearth_session";
/** Name of the pre-login CSRF cookie. */
export const CSRF_COOKIE = "_hearth_csrf";

/** The login form's CSRF token, bound to a cookie (set here when the browser has none yet). */
export function loginCsrf(q: Req): { token: string; setCookie: string[] } {
  let c = readCookies(q.request)[CSRF_COOKIE];
  const setCookie: string[] = [];
  if (!c || c.length > 100) {
    c = randomToken(24);
    setCookie.push(cookie(CSRF_COOKIE, c, { secure: q.secure }));
  }
  return { token: hmac(q.ctx.secret, `login:${c}`), setCookie };
}

/** The login CSRF cookie value when the form's token was made for it, else null. */
export function checkLoginCsrf(q: Req, cookieValue: string | undefined): string | null {
  const given = str(q.input.authenticity_token);
  if (!cookieValue || !given || !safeEqual(hmac(q.ctx.secret, `login:${cookieValue}`), given)) return null;
  return cookieValue;
}

/**
 * Runs the posted step (`step=login` with login/password, or `step=otp` with otp_challenge and
 * otp_attempt). `browser` is the verified login CSRF cookie the challenge is bound to.
 */
export async function runLoginStep(q: Req, limiter: RateLimiter, browser: string): Promise<LoginOutcome> {
  const attempt = (account: string | null) => loginAttempt(limiter, q.ctx.config.rateLimits, q.ip, account);
  if (str(q.input.step) === "otp") {
    const challenge = str(q.input.otp_challenge);
    const userId = readLoginChallenge(q.ctx, challenge, browser);
    const limit = attempt(userId === null || !str(q.input.otp_attempt) ? null : `u${userId}`);
    if (userId === null) return { kind: "password", status: 422, message: "Your login has expired. Please log in again.", login: "" };
    if (!limit.allowed) return { kind: "otp", status: 429, challenge, message: TOO_MANY };
    const res = verifySecondFactor(q.ctx, userId, str(q.input.otp_attempt));
    if (!res.ok)
      return { kind: "otp", status: res.reason === "throttled" ? 429 : 422, challenge, message: secondFactorMessage(res.reason) };
    limit.succeeded();
    return { kind: "done", userId };
  }
  const login = str(q.input.login);
  // Without a password nothing is guessed: only the per-IP rule counts it.
  const limit = attempt(str(q.input.password) ? loginAccountKey(q.ctx, login) : null);
  if (!limit.allowed) return { kind: "password", status: 429, message: TOO_MANY, login };
  const res = await checkLogin(q.ctx, login, str(q.input.password));
  if (!res.ok) return { kind: "password", status: 422, message: loginFailureMessage(res.reason), login };
  limit.succeeded();
  if (twoFactorEnabled(q.ctx, res.user.id))
    return { kind: "otp", status: 200, challenge: issueLoginChallenge(q.ctx, res.user.id, browser) };
  return { kind: "done", userId: res.user.id };
}
