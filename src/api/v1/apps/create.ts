/** POST /api/v1/apps: register a client application (public; JSON, form or multipart body). */
import type { Req } from "../../../http/route";
import { toCredentialApplication } from "../../../serializers/mastodon/application";
import { registerApplication } from "../../../services/oauth/create-app";
import { vapidPublicKey } from "../../../services/instance/vapid";

/** Handler: validates and creates the app, answers the CredentialApplication. */
export function createApp(q: Req): Record<string, unknown> {
  const app = registerApplication(q.ctx, {
    name: q.input.client_name,
    redirectUris: q.input.redirect_uris ?? q.input.redirect_uri,
    scopes: q.input.scopes,
    website: q.input.website,
  });
  return toCredentialApplication(app, vapidPublicKey(q.ctx));
}
