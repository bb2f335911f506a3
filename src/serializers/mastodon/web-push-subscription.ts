/** The Mastodon WebPushSubscription entity. */
import type { WebPushSubscriptionRow } from "../../db/queries/web-push-subscriptions";
import { parseAlerts, PUSH_ALERT_TYPES } from "../../model/web-push";

/** id, endpoint, standard, alerts (every type, false unless switched on), server_key (the VAPID key), policy. */
export function toMastodonWebPushSubscription(s: WebPushSubscriptionRow, serverKey: string): Record<string, unknown> {
  const on = parseAlerts(s.alerts);
  const alerts: Record<string, boolean> = {};
  for (const t of PUSH_ALERT_TYPES) alerts[t] = on[t] === true;
  return {
    id: String(s.id),
    endpoint: s.endpoint,
    standard: s.standard === 1,
    alerts,
    server_key: serverKey,
    policy: s.policy,
  };
}
