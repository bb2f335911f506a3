/** POST /api/v1/apps: register a client application (public; JSON, form or multipart body) → CredentialApplication. */
import type { Req, Router } from "../../../http/route";
import { toCredentialApplication } from "../../../serializers/mastodon/application";
import { registerApplication } from "../../../services/oauth/create-app";
import { vapidPublicKey } from "../../../services/instance/vapid";

export default function register(r: Router): void {
  r.post<Req>("/api/v1/apps", { auth: "none" }, (q) => {
    const app = registerApplication(q.ctx, {
      name: q.input.client_name,
      redirectUris: q.input.redirect_uris ?? q.input.redirect_uri,
      scopes: q.input.scopes,
      website: q.input.website,
    });
    return toCredentialApplication(app, vapidPublicKey(q.ctx));
  });
}
