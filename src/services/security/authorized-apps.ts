/** Applications holding live tokens for a user (Mastodon's /oauth/authorized_applications) and revoking them. */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { deleteUnusedAccessGrants } from "../../db/queries/oauth-access-grants";
import { listAuthorizedApplications, revokeUserApplicationTokens } from "../../db/queries/oauth-access-tokens";
import { deleteWebPushSubscriptionsOfTokens } from "../../db/queries/web-push-subscriptions";
import { transaction } from "../../db/transaction";

/** One authorized application with the union of its tokens' scopes. */
export interface AuthorizedApp {
  id: number;
  name: string;
  website: string | null;
  scopes: string[];
  authorizedAt: number;
  lastUsedAt: number | null;
}

/** The user's authorized applications, most recently authorized first (one query). */
export function listAuthorizedApps(ctx: AppContext, userId: number): AuthorizedApp[] {
  return listAuthorizedApplications(ctx.db, userId).map((r) => ({
    id: r.id,
    name: r.name,
    website: r.website,
    scopes: [...new Set(r.scopes.split(" ").filter(Boolean))],
    authorizedAt: r.first,
    lastUsedAt: r.last_used,
  }));
}

/**
 * Revokes every live token the user gave an application (with their Web Push subscriptions), and
 * its unused authorization codes.
 * Enqueues stream.close_tokens so open streaming connections of those tokens close. 404 if none.
 */
export function revokeAuthorizedApp(ctx: AppContext, userId: number, applicationId: number): number {
  return transaction(ctx.db, () => {
    const ids = revokeUserApplicationTokens(ctx.db, userId, applicationId, ctx.now());
    if (!ids.length) throw new ApiError(404, "Record not found");
    deleteUnusedAccessGrants(ctx.db, userId, applicationId);
    deleteWebPushSubscriptionsOfTokens(ctx.db, ids);
    ctx.jobs.enqueue("stream.close_tokens", { tokenIds: ids });
    return ids.length;
  });
}
