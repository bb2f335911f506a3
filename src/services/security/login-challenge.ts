/**
 * The half-way state of a login with two-factor authentication: after a correct password the
 * browser gets a short-lived signed token naming the user, bound to its login CSRF cookie and to
 * the current password hash, to send back with the code. Stateless; nothing is stored.
 */
import type { AppContext } from "../../context";
import { getUserPasswordHash } from "../../db/queries/users";
import { hmac, safeEqual } from "../oauth/secrets";

/** How long the code may be entered after the password. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

function mac(ctx: AppContext, userId: number, expires: number, browser: string, passwordHash: string): string {
  return hmac(ctx.secret, `otp-login:${userId}:${expires}:${browser}:${passwordHash}`);
}

function passwordHashOf(ctx: AppContext, userId: number): string | null {
  return getUserPasswordHash(ctx.db, userId);
}

/** A token proving that this browser (`browser`: its login CSRF cookie) gave the user's password. */
export function issueLoginChallenge(ctx: AppContext, userId: number, browser: string): string {
  const expires = ctx.now() + CHALLENGE_TTL_MS;
  return `${userId}.${expires}.${mac(ctx, userId, expires, browser, passwordHashOf(ctx, userId) ?? "")}`;
}

/** The user id of a valid, unexpired challenge from the same browser; null otherwise. */
export function readLoginChallenge(ctx: AppContext, token: string, browser: string | undefined): number | null {
  const m = /^(\d{1,20})\.(\d{1,20})\.([A-Za-z0-9_-]{20,100})$/.exec(token);
  if (!m || !browser) return null;
  const userId = Number(m[1]);
  const expires = Number(m[2]);
  if (!Number.isSafeInteger(userId) || expires <= ctx.now()) return null;
  const hash = passwordHashOf(ctx, userId);
  if (!hash || !safeEqual(mac(ctx, userId, expires, browser, hash), m[3]!)) return null;
  return userId;
}
