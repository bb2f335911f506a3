/** Sets a new password for a local user and signs them out everywhere (tokens and sessions). */
import type { AppContext } from "../../context";
import { setUserPasswordHash } from "../../db/queries/users";
import { transaction } from "../../db/transaction";
import { deleteUserSessions } from "../oauth/sessions";
import { revokeUserTokens } from "../oauth/tokens";
import { noticePasswordChanged } from "../mail/notices";

/** Hashes and stores `password` (argon2id), revokes the user's tokens and ends their sessions; mails a notice (with SMTP). */
export async function resetPassword(ctx: AppContext, userId: number, password: string): Promise<void> {
  const hash = await ctx.hashPassword(password);
  transaction(ctx.db, () => {
    setUserPasswordHash(ctx.db, userId, hash, ctx.now());
    revokeUserTokens(ctx, userId);
    deleteUserSessions(ctx, userId);
    noticePasswordChanged(ctx, userId);
  });
}
