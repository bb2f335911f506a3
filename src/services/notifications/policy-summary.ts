/** The summary of a notification policy: filtered notifications waiting for the user. */
import type { AppContext } from "../../context";
import type { PolicySummary } from "../../serializers/mastodon/notification-policy";

/**
 * Pending requests and notifications of `accountId`. Hearth does not hold notifications back
 * yet (there are no notification requests), so both are 0.
 */
export function policySummary(_ctx: AppContext, _accountId: number): PolicySummary {
  return { pendingRequests: 0, pendingNotifications: 0 };
}
