/** Authorization codes (oauth_access_grants): issued by the consent page, redeemed once at /oauth/token. */
import type { AppContext } from "../../context";
import { OAuthError } from "./errors";
import { verifyPkce } from "./pkce";
import { issueToken, randomToken, type AppRow, type TokenRow } from "./tokens";

/** How long a code may be redeemed (Doorkeeper's default). */
export const CODE_TTL_MS = 10 * 60_000;

interface GrantRow {
  id: number; code: string; application_id: number; user_id: number; redirect_uri: string; scopes: string;
  code_challenge: string | null; code_challenge_method: string | null; expires_at: number; used_at: number | null;
}

/** Stores a new authorization code for the user's consent and returns it. */
export function createAuthorizationCode(ctx: AppContext, g: {
  applicationId: number; userId: number; redirectUri: string; scopes: string[]; codeChallenge: string | null;
}): string {
  const code = randomToken(32);
  const t = ctx.now();
  ctx.db.query(
    `INSERT INTO oauth_access_grants (id, code, application_id, user_id, redirect_uri, scopes, code_challenge, code_challenge_method, expires_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(ctx.ids.next(), code, g.applicationId, g.userId, g.redirectUri, g.scopes.join(" "), g.codeChallenge, g.codeChallenge ? "S256" : null, t + CODE_TTL_MS, t);
  return code;
}

/**
 * Redeems a code for an access token in one transaction: checks the client, the redirect URI,
 * expiry, single use and the PKCE verifier. Throws OAuthError invalid_grant / invalid_request.
 */
export function redeemAuthorizationCode(ctx: AppContext, app: AppRow, p: { code?: string; redirectUri?: string; codeVerifier?: string }): TokenRow {
  if (!p.code) throw new OAuthError(400, "invalid_request", "Missing required parameter: code.");
  if (!p.redirectUri) throw new OAuthError(400, "invalid_request", "Missing required parameter: redirect_uri.");
  return ctx.db.transaction(() => {
    const g = ctx.db.query<GrantRow, [string]>("SELECT * FROM oauth_access_grants WHERE code = ?").get(p.code!);
    const t = ctx.now();
    if (!g || g.application_id !== app.id || g.used_at !== null || g.expires_at <= t || g.redirect_uri !== p.redirectUri) {
      throw new OAuthError(400, "invalid_grant");
    }
    if (g.code_challenge && !verifyPkce(p.codeVerifier, g.code_challenge)) throw new OAuthError(400, "invalid_grant");
    const user = ctx.db.query<{ ok: number }, [number]>(
      `SELECT (u.disabled = 0 AND u.approved = 1 AND u.confirmed_at IS NOT NULL AND a.suspended_at IS NULL) AS ok
       FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.id = ?`,
    ).get(g.user_id);
    if (!user?.ok) throw new OAuthError(400, "invalid_grant");
    ctx.db.query("UPDATE oauth_access_grants SET used_at = ? WHERE id = ?").run(t, g.id);
    return issueToken(ctx, { applicationId: app.id, userId: g.user_id, scopes: g.scopes.split(" ").filter(Boolean) });
  }).immediate();
}
