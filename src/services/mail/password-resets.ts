/**
 * "Forgot your password?": a single-use link that expires in six hours, mailed to the account's
 * address; following it sets a new password and, as Mastodon's reset, signs the user out of
 * every app and browser.
 */
import type { AppContext } from "../../context";
import { setUserPasswordHash } from "../../db/queries/users";
import { getUserMailByEmail } from "../../db/queries/users-email";
import { transaction } from "../../db/transaction";
import { resetPasswordMail } from "../../mail/messages";
import { ApiError } from "../../model/errors";
import { deleteUserSessions } from "../oauth/sessions";
import { revokeUserTokens } from "../oauth/tokens";
import { PASSWORD_MAX, PASSWORD_MIN } from "../security/passwords";
import { noticePasswordChanged } from "./notices";
import { mailBase, mailEnabled, queueMail } from "./queue";
import { findEmailToken, issueEmailToken, takeEmailToken } from "./tokens";

/** Mails a reset link when `email` belongs to a user whose login works; says nothing either way (no account probing). */
export function requestPasswordReset(ctx: AppContext, email: string): void {
  const e = email.trim();
  if (!mailEnabled(ctx) || !e || e.length > 320) return;
  transaction(ctx.db, () => {
    const u = getUserMailByEmail(ctx.db, e);
    if (!u || u.disabled || u.suspended_at !== null) return;
    const raw = issueEmailToken(ctx, u.id, "reset_password");
    queueMail(ctx, resetPasswordMail({ ...mailBase(ctx, u), link: ctx.uris.passwordEdit(raw) }));
  });
}

/** True while a reset link still works (unused, unexpired). */
export function resetLinkValid(ctx: AppContext, raw: string): boolean {
  return findEmailToken(ctx, raw, "reset_password") !== null;
}

/** The message shown for a used, expired or unknown link. */
export const RESET_LINK_INVALID = "This password reset link is invalid or has expired. Please ask for a new one.";

/**
 * Sets a new password with a reset link: the link is used up, every token and browser session of
 * the user ends, and a "password changed" notice is mailed. Throws 422 with a message to show.
 */
export async function resetPasswordWithToken(ctx: AppContext, c: { token: string; password: string; confirmation: string }): Promise<void> {
  if (!resetLinkValid(ctx, c.token)) throw new ApiError(422, RESET_LINK_INVALID);
  if (c.password.length < PASSWORD_MIN) throw new ApiError(422, `The new password is too short (minimum is ${PASSWORD_MIN} characters).`);
  if (c.password.length > PASSWORD_MAX) throw new ApiError(422, `The new password is too long (maximum is ${PASSWORD_MAX} characters).`);
  if (c.password !== c.confirmation) throw new ApiError(422, "The new password and its confirmation do not match.");
  const hash = await ctx.hashPassword(c.password);
  transaction(ctx.db, () => {
    // Taken again inside the transaction: of two concurrent uses only one finds the token.
    const row = takeEmailToken(ctx, c.token, "reset_password");
    if (!row) throw new ApiError(422, RESET_LINK_INVALID);
    setUserPasswordHash(ctx.db, row.user_id, hash, ctx.now());
    revokeUserTokens(ctx, row.user_id);
    deleteUserSessions(ctx, row.user_id);
    noticePasswordChanged(ctx, row.user_id);
  });
}
