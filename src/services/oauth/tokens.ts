/** OAuth applications and access tokens: creation and revocation. */
import type { AppContext } from "../../context";

/** A random URL-safe secret of `bytes` bytes. */
export function randomToken(bytes = 32): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("base64url");
}

export interface AppRow {
  id: number;
  name: string;
  website: string | null;
  redirect_uris: string;
  scopes: string;
  client_id: string;
  client_secret: string;
  created_at: number;
}

/** Registers an OAuth application. */
export function createApplication(ctx: AppContext, a: { name: string; website?: string | null; redirectUris: string[]; scopes: string[] }): AppRow {
  return ctx.db
    .query<AppRow, [number, string, string | null, string, string, string, string, number]>(
      `INSERT INTO oauth_applications (id, name, website, redirect_uris, scopes, client_id, client_secret, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(ctx.ids.next(), a.name, a.website ?? null, a.redirectUris.join("\n"), a.scopes.join(" "), randomToken(32), randomToken(32), ctx.now())!;
}

export interface TokenRow {
  id: number;
  token: string;
  application_id: number | null;
  user_id: number | null;
  scopes: string;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

/** Issues an access token for a user (or for the app alone when userId is null). */
export function issueToken(ctx: AppContext, t: { applicationId: number | null; userId: number | null; scopes: string[] }): TokenRow {
  return ctx.db
    .query<TokenRow, [number, string, number | null, number | null, string, number]>(
      `INSERT INTO oauth_access_tokens (id, token, application_id, user_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(ctx.ids.next(), randomToken(32), t.applicationId, t.userId, t.scopes.join(" "), ctx.now())!;
}

/** Revokes a token by its value; true when a live token was revoked. */
export function revokeToken(ctx: AppContext, token: string): boolean {
  return ctx.db.transaction(() => {
    const row = ctx.db.query<{ id: number }, [number, string]>("UPDATE oauth_access_tokens SET revoked_at = ? WHERE token = ? AND revoked_at IS NULL RETURNING id").get(ctx.now(), token);
    if (row) ctx.jobs.enqueue("stream.close_tokens", { tokenIds: [row.id] });
    return !!row;
  }).immediate();
}

/** Revokes every live token of a user (password reset); returns how many. */
export function revokeUserTokens(ctx: AppContext, userId: number): number {
  return ctx.db.transaction(() => {
    const rows = ctx.db.query<{ id: number }, [number, number]>("UPDATE oauth_access_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING id").all(ctx.now(), userId);
    if (rows.length) ctx.jobs.enqueue("stream.close_tokens", { tokenIds: rows.map((r) => r.id) });
    return rows.length;
  }).immediate();
}
