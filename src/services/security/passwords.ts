/** Password checks for the account security pages: verify the current one, change it. */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { getUserPasswordHash, replaceUserPasswordHash } from "../../db/queries/users";
import { deleteOtherWebSessions } from "../../db/queries/web-sessions";
import { transaction } from "../../db/transaction";
import { sha256Hex } from "../oauth/secrets";
import { noticePasswordChanged } from "../mail/notices";

/** Registration's limits (services/accounts/create-local.ts). */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 72;

/** True when `password` matches an argon2id hash; false on any malformed input. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (!password || password.length > 1024) return false;
  return Bun.password.verify(password, hash).catch(() => false);
}

/**
 * Changes a user's password after checking the current one, and ends every other browser
 * session of the user (the one with cookie value `keepSession` stays). App tokens are kept:
 * they are listed, and revoked, under authorized apps. Mails a "password changed" notice (with
 * SMTP). Throws 422 with a message to show.
 */
export async function changePassword(
  ctx: AppContext,
  c: { userId: number; current: string; password: string; confirmation: string; keepSession: string },
): Promise<{ endedSessions: number }> {
  const oldHash = getUserPasswordHash(ctx.db, c.userId);
  if (oldHash === null) throw new ApiError(404, "Record not found");
  if (!(await verifyPassword(oldHash, c.current))) throw new ApiError(422, "Your current password is incorrect.");
  if (c.password.length < PASSWORD_MIN) throw new ApiError(422, `The new password is too short (minimum is ${PASSWORD_MIN} characters).`);
  if (c.password.length > PASSWORD_MAX) throw new ApiError(422, `The new password is too long (maximum is ${PASSWORD_MAX} characters).`);
  if (c.password !== c.confirmation) throw new ApiError(422, "The new password and its confirmation do not match.");
  const hash = await ctx.hashPassword(c.password);
  return transaction(ctx.db, () => {
    const t = ctx.now();
    // The hash is re-checked so two concurrent changes cannot both pass with the old password.
    if (replaceUserPasswordHash(ctx.db, c.userId, oldHash, hash, t) !== 1)
      throw new ApiError(422, "Your password was changed meanwhile. Please try again.");
    noticePasswordChanged(ctx, c.userId);
    return { endedSessions: deleteOtherWebSessions(ctx.db, c.userId, sha256Hex(c.keepSession)) };
  });
}
