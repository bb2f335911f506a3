/** GET /api/v1/push/subscription: this access token's Web Push subscription (404 when none). */
import type { Router } from "../../../http/route";
import { toMastodonWebPushSubscription } from "../../../serializers/mastodon/web-push-subscription";
import { vapidPublicKey } from "../../../services/instance/vapid";
import { findWebPushSubscription } from "../../../services/push/subscription";

/** Registers show. */
export default function register(r: Router): void {
  r.get("/api/v1/push/subscription", { scopes: ["push"] }, (q) =>
    toMastodonWebPushSubscription(findWebPushSubscription(q.ctx, q.auth.tokenId), vapidPublicKey(q.ctx)),
  );
}
