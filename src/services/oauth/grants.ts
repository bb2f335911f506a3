/** Authorization codes (oauth_access_grants): issued by the consent page, redeemed once at /oauth/token. */
import type { AppContext } from "../../context";
import { getAccessGrantByCode, insertAccessGrant, markAccessGrantUsed } from "../../db/queries/oauth-access-grants";
import { userMayLogIn } from "../../db/queries/users";
import { transaction } from "../../db/transaction";
import { OAuthError } from "./errors";
import { verifyPkce } from "./pkce";
import { issueToken, randomToken, type AppRow, type TokenRow } from "./tokens";

/** How long a code may be redeemed (Doorkeeper's default). */
export const CODE_TTL_MS = 10 * 60_000;

/** Stores a new authorization code for the user's consent and returns it. */
export function createAuthorizationCode(
  ctx: AppContext,
  g: {
    applicationId: number;
    userId: number;
    redirectUri: string;
    scopes: string[];
    codeChallenge: string | null;
  },
): string {
  const code = randomToken(32);
  const t = ctx.now();
  insertAccessGrant(ctx.db, {
    id: ctx.ids.next(),
    code,
    applicationId: g.applicationId,
    userId: g.userId,
    redirectUri: g.redirectUri,
    scopes: g.scopes.join(" "),
    codeChallenge: g.codeChallenge,
    codeChallengeMethod: g.codeChallenge ? "S256" : null,
    expiresAt: t + CODE_TTL_MS,
    createdAt: t,
  });
  return code;
}

/**
 * Redeems a code for an access token in one transaction: checks the client, the redirect URI,
 * expiry, single use and the PKCE verifier. Throws OAuthError invalid_grant / invalid_request.
 */
export function redeemAuthorizationCode(
  ctx: AppContext,
  app: AppRow,
  p: { code?: string; redirectUri?: string; codeVerifier?: string },
): TokenRow {
  if (!p.code) throw new OAuthError(400, "invalid_request", "Missing required parameter: code.");
  if (!p.redirectUri) throw new OAuthError(400, "invalid_request", "Missing required parameter: redirect_uri.");
  return transaction(ctx.db, () => {
    const g = getAccessGrantByCode(ctx.db, p.code!);
    const t = ctx.now();
    if (!g || g.application_id !== app.id || g.used_at !== null || g.expires_at <= t || g.redirect_uri !== p.redirectUri) {
      throw new OAuthError(400, "invalid_grant");
    }
    if (g.code_challenge && !verifyPkce(p.codeVerifier, g.code_challenge)) throw new OAuthError(400, "invalid_grant");
    if (!userMayLogIn(ctx.db, g.user_id)) throw new OAuthError(400, "invalid_grant");
    markAccessGrantUsed(ctx.db, g.id, t);
    return issueToken(ctx, { applicationId: app.id, userId: g.user_id, scopes: g.scopes.split(" ").filter(Boolean) });
  });
}
