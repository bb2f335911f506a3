/** Queries on `oauth_access_grants` (authorization codes). */
import type { Database } from "bun:sqlite";
import type { OAuthAccessGrantRow } from "../rows";

/** Inserts an authorization code. */
export function insertAccessGrant(
  db: Database,
  g: {
    id: number;
    code: string;
    applicationId: number;
    userId: number;
    redirectUri: string;
    scopes: string;
    codeChallenge: string | null;
    codeChallengeMethod: string | null;
    expiresAt: number;
    createdAt: number;
  },
): void {
  db.query(
    `INSERT INTO oauth_access_grants (id, code, application_id, user_id, redirect_uri, scopes, code_challenge, code_challenge_method, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(g.id, g.code, g.applicationId, g.userId, g.redirectUri, g.scopes, g.codeChallenge, g.codeChallengeMethod, g.expiresAt, g.createdAt);
}

/** The grant with this code, else null. */
export function getAccessGrantByCode(db: Database, code: string): OAuthAccessGrantRow | null {
  return db.query<OAuthAccessGrantRow, [string]>("SELECT * FROM oauth_access_grants WHERE code = ?").get(code);
}

/** Marks grant `id` redeemed at `now`. */
export function markAccessGrantUsed(db: Database, id: number, now: number): void {
  db.query("UPDATE oauth_access_grants SET used_at = ? WHERE id = ?").run(now, id);
}

/** Deletes the unredeemed codes user `userId` gave application `applicationId`. */
export function deleteUnusedAccessGrants(db: Database, userId: number, applicationId: number): void {
  db.query("DELETE FROM oauth_access_grants WHERE user_id = ? AND application_id = ? AND used_at IS NULL").run(userId, applicationId);
}

/** Deletes authorization codes that expired before `now` and unredeemed ones created before `unusedBefore`; returns how many went. */
export function deleteExpiredAccessGrants(db: Database, now: number, unusedBefore: number): number {
  return db.query("DELETE FROM oauth_access_grants WHERE expires_at < ? OR (used_at IS NULL AND created_at < ?)").run(now, unusedBefore)
    .changes;
}
