/** OAuth application → Mastodon Application / CredentialApplication entities. */
import type { AppRow } from "../../services/oauth/tokens";

/** The Application entity (verify_credentials, Status.application omits the extras). */
export function toMastodonApplication(app: AppRow, vapidKey: string): Record<string, unknown> {
  const uris = app.redirect_uris.split("\n").filter(Boolean);
  return {
    id: String(app.id),
    name: app.name,
    website: app.website,
    scopes: app.scopes.split(" ").filter(Boolean),
    redirect_uri: uris.join("\n"),
    redirect_uris: uris,
    vapid_key: vapidKey,
  };
}

/** The CredentialApplication entity returned once by POST /api/v1/apps. */
export function toCredentialApplication(app: AppRow, vapidKey: string): Record<string, unknown> {
  return {
    ...toMastodonApplication(app, vapidKey),
    client_id: app.client_id,
    client_secret: app.client_secret,
    client_secret_expires_at: 0,
  };
}
