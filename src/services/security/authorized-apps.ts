/** Applications holding live tokens for a user (Mastodon's /oauth/authorized_applications) and revoking them. */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";

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
  return ctx.db.query<{ id: number; name: string; website: string | null; scopes: string; first: number; last_used: number | null }, [number]>(
    `SELECT a.id, a.name, a.website, group_concat(t.scopes, ' ') AS scopes, min(t.created_at) AS first, max(t.last_used_at) AS last_used
     FROM oauth_access_tokens t JOIN oauth_applications a ON a.id = t.application_id
     WHERE t.user_id = ? AND t.revoked_at IS NULL
     GROUP BY a.id ORDER BY max(t.created_at) DESC, a.id DESC`,
  ).all(userId).map((r) => ({
    id: r.id, name: r.name, website: r.website, scopes: [...new Set(r.scopes.split(" ").filter(Boolean))],
    authorizedAt: r.first, lastUsedAt: r.last_used,
  }));
}

/**
 * Revokes every live token the user gave an application, and its unused authorization codes.
 * Enqueues stream.close_tokens so open streaming connections of those tokens close. 404 if none.
 */
export function revokeAuthorizedApp(ctx: AppContext, userId: number, applicationId: number): number {
  return ctx.db.transaction(() => {
    const t = ctx.now();
    const rows = ctx.db.query<{ id: number }, [number, number, number]>(
      "UPDATE oauth_access_tokens SET revoked_at = ? WHERE user_id = ? AND application_id = ? AND revoked_at IS NULL RETURNING id",
    ).all(t, userId, applicationId);
    if (!rows.length) throw new ApiError(404, "Record not found");
    ctx.db.query("DELETE FROM oauth_access_grants WHERE user_id = ? AND application_id = ? AND used_at IS NULL").run(userId, applicationId);
    ctx.jobs.enqueue("stream.close_tokens", { tokenIds: rows.map((r) => r.id) });
    return rows.length;
  }).immediate();
}
