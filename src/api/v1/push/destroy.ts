/** DELETE /api/v1/push/subscription: remove this token's subscription ({} whether or not there was one). */
import type { Router } from "../../../http/route";
import { deleteWebPushSubscriptionOfToken } from "../../../services/push/subscription";

/** Registers destroy. */
export default function register(r: Router): void {
  r.delete("/api/v1/push/subscription", { scopes: ["push"] }, (q) => {
    deleteWebPushSubscriptionOfToken(q.ctx, q.auth.tokenId);
    return {};
  });
}
