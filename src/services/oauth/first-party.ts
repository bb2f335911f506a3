/**
 * The server's own web client as a trusted first-party app (Mastodon marks its web app with
 * Doorkeeper's skip_authorization): consent is not asked, and the scopes it gets follow the
 * user's role, so people who are not staff never hold (or get asked for) admin scopes.
 */
import type { AppContext } from "../../context";
import { getUserByAccountId } from "../../db/queries/users";
import { roleCan } from "../../model/permissions";
import { redirectUrisOf } from "./clients";
import type { AppRow } from "./tokens";

/** The one redirect URI of the bundled web client: this server's own /oauth-callback page. */
export function webClientRedirectUri(ctx: AppContext): string {
  return ctx.uris.url("/oauth-callback");
}

/**
 * True when `app` can only ever send codes to the bundled web client on this server's origin: a
 * code sent there is read by that page alone (and needs its PKCE verifier), so no third party
 * gains anything from registering such an app, and asking for consent adds nothing.
 */
export function isFirstPartyApp(ctx: AppContext, app: AppRow, redirectUri: string, codeChallenge: string | null): boolean {
  const own = webClientRedirectUri(ctx);
  const uris = redirectUrisOf(app);
  return codeChallenge !== null && redirectUri === own && uris.length === 1 && uris[0] === own;
}

/** `scopes` without the admin ones unless the account's role has a staff permission. */
export function scopesForRole(ctx: AppContext, accountId: number, scopes: string[]): string[] {
  const role = getUserByAccountId(ctx.db, accountId)?.role;
  const staff = roleCan(role, "manage_reports") || roleCan(role, "manage_users") || roleCan(role, "manage_federation");
  return staff ? scopes : scopes.filter((s) => !s.startsWith("admin:"));
}
