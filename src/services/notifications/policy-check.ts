/**
 * What the recipient's notification policy does with a notification (Mastodon's
 * NotifyService::DropCondition and FilterCondition, policy part): accept it, store it
 * filtered (held in a notification request), or drop it so it is never created.
 */
import type { AppContext } from "../../context";
import { getNotificationSender } from "../../db/queries/accounts";
import { getFollowCreatedAt } from "../../db/queries/follows";
import { hasNotificationPermission } from "../../db/queries/notification-permissions";
import { getNotificationPolicy } from "../../db/queries/notification-policies";
import { directMentionUpThread, getStatusVisibilityAndParent } from "../../db/queries/statuses";
import { follows } from "../../db/queries/visibility";
import { POLICY_DEFAULTS, POLICY_FIELDS, type PolicyField, type PolicyValue } from "./policy";

/** Types a policy can hold back (Mastodon's Notification::PROPERTIES filterable). */
const FILTERABLE = new Set(["mention", "reblog", "follow", "follow_request", "favourite"]);
const DAY = 86_400_000;
const NEW_ACCOUNT_MS = 30 * DAY;
const NEW_FOLLOWER_MS = 3 * DAY;
const STAFF = new Set(["owner", "admin", "moderator"]);

/** A notification about to be created, as the policy sees it. */
export interface PolicyInput {
  accountId: number;
  fromAccountId: number;
  type: string;
  statusId: number | null;
}

/**
 * "drop" when any policy field that applies to the sender says drop, else "filter" when one
 * says filter, else "accept". Senders whose request was accepted (notification_permissions)
 * and staff mentioning someone are always accepted; accounts the recipient follows match no
 * field. One query when the recipient never set a policy; a few index probes otherwise.
 */
export function policyDecision(ctx: AppContext, n: PolicyInput): PolicyValue {
  if (!FILTERABLE.has(n.type)) return "accept";
  const db = ctx.db;
  const p = getNotificationPolicy(db, n.accountId) ?? POLICY_DEFAULTS;
  if (POLICY_FIELDS.every((f) => p[f] === "accept")) return "accept";
  if (hasNotificationPermission(db, n.accountId, n.fromAccountId)) return "accept";
  const s = getNotificationSender(db, n.fromAccountId);
  if (!s) return "accept";
  // Staff can always reach people by mention.
  if (n.type === "mention" && s.domain === null && s.role !== null && STAFF.has(s.role)) return "accept";
  // Every field is about senders the recipient does not follow, except for_not_followers.
  const following = follows(ctx, n.accountId, n.fromAccountId);
  const now = ctx.now();
  const applies: Record<PolicyField, () => boolean> = {
    for_limited_accounts: () => !following && s.silenced_at !== null,
    for_not_following: () => !following,
    for_not_followers: () => {
      const since = getFollowCreatedAt(db, n.fromAccountId, n.accountId);
      return since === null || since > now - NEW_FOLLOWER_MS;
    },
    for_new_accounts: () => !following && s.created_at > now - NEW_ACCOUNT_MS,
    for_bots: () => !following && s.bot === 1,
    for_private_mentions: () =>
      !following &&
      n.type === "mention" &&
      n.statusId !== null &&
      privateMentionNotInResponse(ctx, n.statusId, n.accountId, n.fromAccountId),
  };
  let out: PolicyValue = "accept";
  for (const f of POLICY_FIELDS) {
    if (p[f] === "accept" || (out === "filter" && p[f] === "filter") || !applies[f]()) continue;
    if (p[f] === "drop") return "drop";
    out = "filter";
  }
  return out;
}

/**
 * A direct mention that does not answer one of the recipient's own direct mentions of the
 * sender further up the thread (at most 100 posts up, as Mastodon looks).
 */
function privateMentionNotInResponse(ctx: AppContext, statusId: number, recipientId: number, senderId: number): boolean {
  const st = getStatusVisibilityAndParent(ctx.db, statusId);
  if (!st || st.visibility !== 3) return false;
  if (st.in_reply_to_id === null) return true;
  return !directMentionUpThread(ctx.db, st.in_reply_to_id, senderId, recipientId);
}
