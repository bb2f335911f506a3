/** POST /api/v1/push/subscription: subscribe this access token to Web Push (replacing its subscription). */
import type { Router } from "../../../http/route";
import { toMastodonWebPushSubscription } from "../../../serializers/mastodon/web-push-subscription";
import { vapidPublicKey } from "../../../services/instance/vapid";
import { createWebPushSubscription, readPushData, readPushTarget } from "../../../services/push/subscription";

/** Registers create. */
export default function register(r: Router): void {
  r.post("/api/v1/push/subscription", { scopes: ["push"] }, async (q) => {
    const target = await readPushTarget(q.ctx, q.input);
    const data = readPushData(q.input);
    const s = createWebPushSubscription(q.ctx, { tokenId: q.auth.tokenId, userId: q.auth.userId }, target, data);
    return toMastodonWebPushSubscription(s, vapidPublicKey(q.ctx));
  });
}
