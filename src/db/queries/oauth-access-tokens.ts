/** Queries on `oauth_access_tokens`: bearer tokens and their use. */
import type { Database } from "bun:sqlite";

/** A live token joined with its user and account, as bearer authentication needs it. */
export interface TokenWithUserRow {
  id: number; token: string; application_id: number | null; scopes: string; user_id: number | null;
  account_id: number | null; role: string | null; disabled: number | null; approved: number | null;
  confirmed_at: number | null; suspended_at: number | null; last_used_at: number | null;
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
