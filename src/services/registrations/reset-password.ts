/** Sets a new password for a local user and signs them out everywhere (tokens and sessions). */
import type { AppContext } from "../../context";
import { deleteUserSessions } from "../oauth/sessions";
import { revokeUserTokens } from "../oauth/tokens";

/** Hashes and stores `password` (argon2id), revokes the user's tokens and ends their sessions. */
export async function resetPassword(ctx: AppContext, userId: number, password: string): Promise<void> {
  const hash = await ctx.hashPassword(password);
  ctx.db.transaction(() => {
    ctx.db.query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?").run(hash, ctx.now(), userId);
    revokeUserTokens(ctx, userId);
    deleteUserSessions(ctx, userId);
  }).immediate();
}
