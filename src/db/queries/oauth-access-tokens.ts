/** Queries on `oauth_access_tokens`: bearer tokens and their use. */
import type { Database } from "bun:sqlite";
import type { OAuthAccessTokenRow } from "../rows";

/** A live token joined with its user and account, as bearer authentication needs it. */
export interface TokenWithUserRow {
  id: number;
  token: string;
  application_id: number | null;
  scopes: string;
  user_id: number | null;
  account_id: number | null;
  role: string | null;
  disabled: number | null;
  approved: number | null;
  confirmed_at: number | null;
  suspended_at: number | null;
  last_used_at: number | null;
}

/** The unrevoked token `token` with its user's state and account suspension, else null. */
export function getLiveTokenWithUser(db: Database, token: string): TokenWithUserRow | null {
  return db
    .query<TokenWithUserRow, [string]>(
      `SELECT t.id, t.token, t.application_id, t.scopes, t.user_id, u.account_id, u.role, u.disabled, u.approved,
              u.confirmed_at, a.suspended_at, t.last_used_at
       FROM oauth_access_tokens t
       LEFT JOIN users u ON u.id = t.user_id
       LEFT JOIN accounts a ON a.id = u.account_id
       WHERE t.token = ? AND t.revoked_at IS NULL`,
    )
    .get(token);
}

/** Notes when token `id` was last used. */
export function setAccessTokenLastUsed(db: Database, id: number, at: number): void {
  db.query("UPDATE oauth_access_tokens SET last_used_at = ? WHERE id = ?").run(at, id);
}

/** Inserts a token and returns the stored row. */
export function insertAccessToken(
  db: Database,
  t: { id: number; token: string; applicationId: number | null; userId: number | null; scopes: string; createdAt: number },
): OAuthAccessTokenRow {
  return db
    .query<OAuthAccessTokenRow, [number, string, number | null, number | null, string, number]>(
      `INSERT INTO oauth_access_tokens (id, token, application_id, user_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(t.id, t.token, t.applicationId, t.userId, t.scopes, t.createdAt)!;
}

/** The application a token value belongs to (wrapped in a row; application_id null: none), else null for unknown tokens. */
export function getTokenApplication(db: Database, token: string): { application_id: number | null } | null {
  return db.query<{ application_id: number | null }, [string]>("SELECT application_id FROM oauth_access_tokens WHERE token = ?").get(token);
}

/** Revokes the live token with this value; returns its id, or null when there was none. */
export function revokeAccessToken(db: Database, token: string, now: number): number | null {
  return (
    db
      .query<{ id: number }, [number, string]>(
        "UPDATE oauth_access_tokens SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL RETURNING id",
      )
      .get(now, token)?.id ?? null
  );
}

/** Revokes every live token of user `userId`; returns their ids. */
export function revokeLiveTokensOfUser(db: Database, userId: number, now: number): number[] {
  return db
    .query<{ id: number }, [number, number]>(
      "UPDATE oauth_access_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING id",
    )
    .all(now, userId)
    .map((r) => r.id);
}

/** Revokes every live token user `userId` gave application `applicationId`; returns their ids. */
export function revokeUserApplicationTokens(db: Database, userId: number, applicationId: number, now: number): number[] {
  return db
    .query<{ id: number }, [number, number, number]>(
      "UPDATE oauth_access_tokens SET revoked_at = ? WHERE user_id = ? AND application_id = ? AND revoked_at IS NULL RETURNING id",
    )
    .all(now, userId, applicationId)
    .map((r) => r.id);
}

/** Ids of user `userId`'s live tokens. */
export function listLiveTokenIdsOfUser(db: Database, userId: number): number[] {
  return db
    .query<{ id: number }, [number]>("SELECT id FROM oauth_access_tokens WHERE user_id = ? AND revoked_at IS NULL")
    .all(userId)
    .map((r) => r.id);
}

/**
 * Applications holding live tokens of user `userId`, most recently authorized first, with their
 * tokens' scopes joined by spaces, the first grant time and the last use (one query).
 */
export function listAuthorizedApplications(
  db: Database,
  userId: number,
): { id: number; name: string; website: string | null; scopes: string; first: number; last_used: number | null }[] {
  return db
    .query<{ id: number; name: string; website: string | null; scopes: string; first: number; last_used: number | null }, [number]>(
      `SELECT a.id, a.name, a.website, group_concat(t.scopes, ' ') AS scopes, min(t.created_at) AS first, max(t.last_used_at) AS last_used
     FROM oauth_access_tokens t JOIN oauth_applications a ON a.id = t.application_id
     WHERE t.user_id = ? AND t.revoked_at IS NULL
     GROUP BY a.id ORDER BY max(t.created_at) DESC, a.id DESC`,
    )
    .all(userId);
}

/** Deletes tokens revoked before `before` (a revoked token never authenticates again); returns how many went. */
export function deleteRevokedAccessTokens(db: Database, before: number): number {
  return db.query("DELETE FROM oauth_access_tokens WHERE revoked_at IS NOT NULL AND revoked_at < ?").run(before).changes;
}
