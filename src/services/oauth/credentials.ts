/** Checks a login (email or username) and password against local users (argon2id). */
import type { AppContext } from "../../context";
import type { UserRow } from "../../db/rows";
import { findUserForLogin } from "../../db/queries/users";

export type LoginResult = { ok: true; user: UserRow } | { ok: false; reason: "invalid" | "pending" | "disabled" | "unconfirmed" };

let dummyHash: Promise<string> | null = null;

/** Verifies credentials; unknown logins still cost one hash check so timing does not leak them. */
export async function checkLogin(ctx: AppContext, login: string, password: string): Promise<LoginResult> {
  const l = login.trim().replace(/^@/, "");
  if (!l || !password) return { ok: false, reason: "invalid" };
  const user = l.length <= 320 && password.length <= 1024 ? findUserForLogin(ctx.db, l) : null;
  if (!user) {
    dummyHash ??= Bun.password.hash("not-a-real-password", { algorithm: "argon2id" });
    await Bun.password.verify(password, await dummyHash).catch(() => false);
    return { ok: false, reason: "invalid" };
  }
  const good = await Bun.password.verify(password, user.password_hash).catch(() => false);
  if (!good) return { ok: false, reason: "invalid" };
  if (user.disabled || user.suspended_at !== null) return { ok: false, reason: "disabled" };
  if (!user.approved) return { ok: false, reason: "pending" };
  if (user.confirmed_at === null) return { ok: false, reason: "unconfirmed" };
  return { ok: true, user };
}

/**
 * The key the per-account sign-in throttle counts `login` under: the user it names (by email or
 * username, so both spellings share one budget), else the login itself, normalized; null when empty.
 */
export function loginAccountKey(ctx: AppContext, login: string): string | null {
  const l = login.trim().replace(/^@/, "").toLowerCase().slice(0, 320);
  if (!l) return null;
  const user = findUserForLogin(ctx.db, l);
  return user ? `u${user.id}` : `l${l}`;
}

/** A human-readable message for a failed login (shown on the login page). */
export function loginFailureMessage(reason: Exclude<LoginResult, { ok: true }>["reason"]): string {
  switch (reason) {
    case "pending":
      return "Your account is still waiting for approval by a moderator.";
    case "disabled":
      return "Your account has been disabled.";
    case "unconfirmed":
      return "You need to confirm your email address before logging in.";
    default:
      return "Invalid email/username or password.";
  }
}
