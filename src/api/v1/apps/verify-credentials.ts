/** GET /api/v1/apps/verify_credentials: the calling token's application (any valid token; 401 without one, from the router). */
import type { Req, Router } from "../../../http/route";
import { getApplication } from "../../../db/queries/oauth-applications";
import { notFound } from "../../../model/errors";
import { toMastodonApplication } from "../../../serializers/mastodon/application";
import { vapidPublicKey } from "../../../services/instance/vapid";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/apps/verify_credentials", { auth: "app" }, (q) => {
    const id = q.auth?.applicationId;
    const app = id == null ? null : getApplication(q.ctx.db, id);
    if (!app) throw notFound();
    return toMastodonApplication(app, vapidPublicKey(q.ctx));
  });
}
