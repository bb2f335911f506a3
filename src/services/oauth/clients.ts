/** Looking up and authenticating OAuth clients (applications) by client_id and secret. */
import type { AppContext } from "../../context";
import { getApplicationByClientId } from "../../db/queries/oauth-applications";
import { OAuthError } from "./errors";
import { safeEqual } from "./secrets";
import type { AppRow } from "./tokens";

/** The application with this client_id, or null. */
export function findClient(ctx: AppContext, clientId: string | undefined): AppRow | null {
  if (!clientId || clientId.length > 200) return null;
  return getApplicationByClientId(ctx.db, clientId);
}

/** The application when id and secret match; throws OAuthError 401 invalid_client otherwise. */
export function authenticateClient(ctx: AppContext, clientId: string | undefined, clientSecret: string | undefined): AppRow {
  const app = findClient(ctx, clientId);
  if (!app || !clientSecret || !safeEqual(app.client_secret, clientSecret)) throw new OAuthError(401, "invalid_client");
  return app;
}

/** The registered redirect URIs of an application. */
export function redirectUrisOf(app: AppRow): string[] {
  return app.redirect_uris.split("\n").filter(Boolean);
}
