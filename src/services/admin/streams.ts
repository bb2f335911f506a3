/** Ending a moderated user's live connections: their open streams close as soon as the action commits. */
import type { AppContext } from "../../context";
import { listLiveTokenIdsOfUser } from "../../db/queries/oauth-access-tokens";

/**
 * Enqueues `stream.close_tokens` for every live token of local user `userId` (the same job a
 * token revocation uses), so a disabled or suspended user's open streams close at once; the
 * tokens stay and answer 403 while the login is disabled. Call inside the writing transaction.
 */
export function closeUserStreams(ctx: AppContext, userId: number, tokenIds?: number[]): void {
  const ids = tokenIds ?? listLiveTokenIdsOfUser(ctx.db, userId);
  if (ids.length) ctx.jobs.enqueue("stream.close_tokens", { tokenIds: ids });
}
