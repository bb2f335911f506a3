/** GET and PATCH (or PUT) /api/v2/notifications/policy: the notification filtering policy. */
import type { Router, UserReq } from "../../../http/route";
import { str } from "../../../http/params";
import { loadNotificationPolicy, POLICY_FIELDS, updateNotificationPolicy, type PolicyField } from "../../../services/notifications/policy";
import { policySummary } from "../../../services/notifications/policy-summary";
import { toMastodonNotificationPolicy } from "../../../serializers/mastodon/notification-policy";

/** Registers the v2 policy endpoints (read:notifications to read, write:notifications to change). */
export default function register(r: Router): void {
  r.get("/api/v2/notifications/policy", { scopes: ["read:notifications"] }, (q) =>
    toMastodonNotificationPolicy(loadNotificationPolicy(q.ctx, q.auth.accountId), policySummary(q.ctx, q.auth.accountId)),
  );
  // Rails' `resource … only: :update` answers both PATCH and PUT (masto.js sends PUT).
  const update = (q: UserReq) => {
    const changes: Partial<Record<PolicyField, string>> = {};
    for (const f of POLICY_FIELDS) {
      const v = str(q.input, f);
      if (v !== undefined) changes[f] = v;
    }
    const p = updateNotificationPolicy(q.ctx, q.auth.accountId, changes);
    return toMastodonNotificationPolicy(p, policySummary(q.ctx, q.auth.accountId));
  };
  r.patch("/api/v2/notifications/policy", { scopes: ["write:notifications"] }, update);
  r.put("/api/v2/notifications/policy", { scopes: ["write:notifications"] }, update);
}
