/** Web Push rules shared by the API, the serializer and delivery: alert types, policies, who gets a push. */

/**
 * The `alerts` a subscription may switch on: every notification type Mastodon 4.5 permits
 * (the twelve its documentation lists, then the two more its Notification::TYPES holds).
 */
export const PUSH_ALERT_TYPES = [
  "mention",
  "quote",
  "status",
  "reblog",
  "follow",
  "follow_request",
  "favourite",
  "poll",
  "update",
  "quoted_update",
  "admin.sign_up",
  "admin.report",
  "severed_relationships",
  "moderation_warning",
] as const;

/** One of PUSH_ALERT_TYPES. */
export type PushAlertType = (typeof PUSH_ALERT_TYPES)[number];

/** Whose notifications are pushed: everyone's, people the user follows, their followers, or no one. */
export const PUSH_POLICIES = ["all", "followed", "follower", "none"] as const;

/** One of PUSH_POLICIES. */
export type PushPolicy = (typeof PUSH_POLICIES)[number];

/** Push `TTL` (seconds) and `Urgency`, as Mastodon's push worker sends them for every type. */
export const PUSH_TTL_S = 48 * 3600;
export const PUSH_URGENCY = "normal";

/**
 * Mastodon's pushable?: the alert for the type is on and the policy lets the sender through.
 * `follows` answers the two relationship questions only when the policy asks.
 */
export function isPushable(
  alerts: Readonly<Record<string, boolean>>,
  policy: string,
  type: string,
  follows: { recipientFollowsSender: () => boolean; senderFollowsRecipient: () => boolean },
): boolean {
  if (alerts[type] !== true) return false;
  switch (policy) {
    case "all":
      return true;
    case "followed":
      return follows.recipientFollowsSender();
    case "follower":
      return follows.senderFollowsRecipient();
    default:
      return false;
  }
}

/** The stored alerts JSON as a map of booleans (anything unreadable: none on). */
export function parseAlerts(json: string): Record<string, boolean> {
  try {
    const v = JSON.parse(json);
    if (!v || typeof v !== "object" || Array.isArray(v)) return {};
    const out: Record<string, boolean> = {};
    for (const t of PUSH_ALERT_TYPES) if (v[t] === true) out[t] = true;
    return out;
  } catch {
    return {};
  }
}
