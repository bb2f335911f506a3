/** GET /.well-known/oauth-authorization-server: RFC 8414 metadata, as Mastodon 4.3+ publishes. */
import type { Req } from "../http/route";
import { GRANULAR, TOP_SCOPES } from "../model/scopes";
import { GRANT_TYPES } from "../services/oauth/exchange-token";

/** The metadata document. */
export function getAuthorizationServerMetadata(q: Req): Record<string, unknown> {
  const u = q.ctx.uris;
  return {
    issuer: `${u.base}/`,
    service_documentation: "https://docs.joinmastodon.org/",
    authorization_endpoint: u.url("/oauth/authorize"),
    token_endpoint: u.url("/oauth/token"),
    app_registration_endpoint: u.url("/api/v1/apps"),
    revocation_endpoint: u.url("/oauth/revoke"),
    scopes_supported: [...TOP_SCOPES, ...GRANULAR],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: GRANT_TYPES,
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
  };
}
