/** PUT /api/v1/push/subscription: replace the alerts and policy of this token's subscription (404 when none). */
import type { Router } from "../../../http/route";
import { toMastodonWebPushSubscription } from "../../../serializers/mastodon/web-push-subscription";
import { vapidPublicKey } from "../../../services/instance/vapid";
import { readPushData, updateWebPushSubscription } from "../../../services/push/subscription";

/** Registers update. */
export default function register(r: Router): void {
  r.put("/api/v1/push/subscription", { scopes: ["push"] }, (q) =>
    toMastodonWebPushSubscription(updateWebPushSubscription(q.ctx, q.auth.tokenId, readPushData(q.input)), vapidPublicKey(q.ctx)),
  );
}
