/** POST /oauth/revoke (RFC 7009): a client revokes one of its own tokens. */
import type { AppContext } from "../../context";
import { getTokenApplication } from "../../db/queries/oauth-access-tokens";
import { authenticateClient } from "./clients";
import { OAuthError } from "./errors";
import { revokeToken } from "./tokens";

/**
 * Authenticates the client, then revokes the token if it belongs to that client. Unknown tokens
 * succeed silently (RFC 7009 §2.2); another client's token is a 403 unauthorized_client.
 */
export function revokeClientToken(ctx: AppContext, q: { clientId?: string; clientSecret?: string; token?: string }): void {
  const app = authenticateClient(ctx, q.clientId, q.clientSecret);
  if (!q.token) throw new OAuthError(400, "invalid_request", "Missing required parameter: token.");
  const row = getTokenApplication(ctx.db, q.token);
  if (!row) return;
  if (row.application_id !== app.id) throw new OAuthError(403, "unauthorized_client");
  revokeToken(ctx, q.token);
}
