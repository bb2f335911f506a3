/** POST /oauth/token: authorization_code (with PKCE), client_credentials and password grants. */
import { loginAttempt } from "../http/rate-limit";
import type { Req, Router } from "../http/route";
import { loginAccountKey } from "../services/oauth/credentials";
import { OAuthError } from "../services/oauth/errors";
import { exchangeToken } from "../services/oauth/exchange-token";
import { clientCredentials, oauthJson, oauthParam } from "./client-params";

/** The Token entity: `{access_token, token_type, scope, created_at}` (created_at in seconds). */
export function toMastodonToken(t: { token: string; scopes: string; created_at: number }): Record<string, unknown> {
  return { access_token: t.token, token_type: "Bearer", scope: t.scopes, created_at: Math.floor(t.created_at / 1000) };
}

/**
 * Handler factory; `r` supplies the rate limiter: password grants count per IP ("login") and,
 * wrong ones only, per account ("loginAccount"), as the sign-in form does.
 */
export function postToken(r: Router) {
  return (q: Req): Promise<Response> =>
    oauthJson(async () => {
      const grantType = oauthParam(q, "grant_type");
      const text = (k: string) => (typeof q.input[k] === "string" ? (q.input[k] as string) : "");
      // Without a password nothing is guessed: only the per-IP rule counts it.
      const account = grantType === "password" && text("password") ? loginAccountKey(q.ctx, text("username")) : null;
      const limit = grantType === "password" ? loginAttempt(r.limiter, q.ctx.config.rateLimits, q.ip, account) : null;
      if (limit && !limit.allowed) throw new OAuthError(429, "invalid_request", "Too many login attempts. Please try again later.");
      const t = await exchangeToken(q.ctx, {
        grantType,
        ...clientCredentials(q),
        code: oauthParam(q, "code"),
        redirectUri: oauthParam(q, "redirect_uri"),
        codeVerifier: oauthParam(q, "code_verifier"),
        scope: oauthParam(q, "scope"),
        username: oauthParam(q, "username"),
        password: oauthParam(q, "password"),
      });
      limit?.succeeded();
      return toMastodonToken(t);
    });
}
