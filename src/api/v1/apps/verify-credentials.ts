/** GET /api/v1/apps/verify_credentials: the calling token's application (any valid token). */
import type { Req } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { toMastodonApplication } from "../../../serializers/mastodon/application";
import { vapidPublicKey } from "../../../services/instance/vapid";
import type { AppRow } from "../../../services/oauth/tokens";

/** Handler: 401 without a valid token (enforced by the router). */
export function verifyAppCredentials(q: Req): Record<string, unknown> {
  const id = q.auth?.applicationId;
  const app = id == null ? null : q.ctx.db.query<AppRow, [number]>("SELECT * FROM oauth_applications WHERE id = ?").get(id);
  if (!app) throw notFound();
  return toMastodonApplication(app, vapidPublicKey(q.ctx));
}
