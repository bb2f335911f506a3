/** GET and PUT (or PATCH) /api/v1/notifications/policy: the policy in its first (boolean) shape. */
import type { Router, UserReq } from "../../../http/route";
import { bool } from "../../../http/params";
import { loadNotificationPolicy, updateNotificationPolicy, type PolicyField } from "../../../services/notifications/policy";
import { policySummary } from "../../../services/notifications/policy-summary";
import { toMastodonNotificationPolicyV1 } from "../../../serializers/mastodon/notification-policy";

const V1_FIELDS: [string, PolicyField][] = [
  ["filter_not_following", "for_not_following"],
  ["filter_not_followers", "for_not_followers"],
  ["filter_new_accounts", "for_new_accounts"],
  ["filter_private_mentions", "for_private_mentions"],
];

/** Registers the v1 policy endpoints: true sets a kind of sender to filter, false to accept. */
export default function register(r: Router): void {
  r.get("/api/v1/notifications/policy", { scopes: ["read:notifications"] }, (q) =>
    toMastodonNotificationPolicyV1(loadNotificationPolicy(q.ctx, q.auth.accountId), policySummary(q.ctx, q.auth.accountId)),
  );
  const update = (q: UserReq) => {
    const changes: Partial<Record<PolicyField, string>> = {};
    for (const [v1, v2] of V1_FIELDS) {
      const b = bool(q.input, v1);
      if (b !== undefined) changes[v2] = b ? "filter" : "accept";
    }
    const p = updateNotificationPolicy(q.ctx, q.auth.accountId, changes);
    return toMastodonNotificationPolicyV1(p, policySummary(q.ctx, q.auth.accountId));
  };
  r.put("/api/v1/notifications/policy", { scopes: ["write:notifications"] }, update);
  r.patch("/api/v1/notifications/policy", { scopes: ["write:notifications"] }, update);
}
