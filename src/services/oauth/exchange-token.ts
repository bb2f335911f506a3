/** POST /oauth/token: turns a grant (code, client credentials or password) into an access token. */
import type { AppContext } from "../../context";
import { parseScopes, withinApp } from "../../model/scopes";
import { authenticateClient } from "./clients";
import { checkLogin } from "./credentials";
import { OAuthError } from "./errors";
import { redeemAuthorizationCode } from "./grants";
import { twoFactorEnabled } from "../security/two-factor";
import { issueToken, type AppRow, type TokenRow } from "./tokens";

export interface TokenRequest {
  grantType?: string;
  clientId?: string;
  clientSecret?: string;
  code?: string;
  redirectUri?: string;
  codeVerifier?: string;
  scope?: string;
  username?: string;
  password?: string;
}

/** Grant types this server accepts at the token endpoint. */
export const GRANT_TYPES = ["authorization_code", "client_credentials", "password"];

function requestedScopes(app: AppRow, scope: string | undefined): string[] {
  const { scopes, invalid } = parseScopes(scope);
  if (invalid.length || !withinApp(scopes, app.scopes.split(" "))) throw new OAuthError(400, "invalid_scope");
  return scopes;
}

/** Validates the request and issues a token; throws OAuthError in Doorkeeper's shapes. */
export async function exchangeToken(ctx: AppContext, q: TokenRequest): Promise<TokenRow> {
  if (!q.grantType) throw new OAuthError(400, "invalid_request", "Missing required parameter: grant_type.");
  if (!GRANT_TYPES.includes(q.grantType)) throw new OAuthError(400, "unsupported_grant_type");
  const app = authenticateClient(ctx, q.clientId, q.clientSecret);
  switch (q.grantType) {
    case "authorization_code":
      return redeemAuthorizationCode(ctx, app, q);
    case "client_credentials": {
      const scopes = requestedScopes(app, q.scope);
      return issueToken(ctx, { applicationId: app.id, userId: null, scopes });
    }
    default: {
      if (!q.username) throw new OAuthError(400, "invalid_request", "Missing required parameter: username.");
      if (!q.password) throw new OAuthError(400, "invalid_request", "Missing required parameter: password.");
      const scopes = requestedScopes(app, q.scope);
      const res = await checkLogin(ctx, q.username, q.password);
      // As Mastodon: users with two-factor authentication must use the authorization-code flow.
      if (!res.ok || twoFactorEnabled(ctx, res.user.id)) throw new OAuthError(400, "invalid_grant");
      return issueToken(ctx, { applicationId: app.id, userId: res.user.id, scopes });
    }
  }
}
