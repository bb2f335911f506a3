/**
 * What the recipient's notification policy does with a notification (Mastodon's
 * NotifyService::DropCondition and FilterCondition, policy part): accept it, store it
 * filtered (held in a notification request), or drop it so it is never created.
 */
import type { AppContext } from "../../context";
import { POLICY_DEFAULTS, POLICY_FIELDS, type NotificationPolicyRow, type PolicyField, type PolicyValue } from "./policy";

/** Types a policy can hold back (Mastodon's Notification::PROPERTIES filterable). */
const FILTERABLE = new Set(["mention", "reblog", "follow", "follow_request", "favourite"]);
const DAY = 86_400_000;
const NEW_ACCOUNT_MS = 30 * DAY;
const NEW_FOLLOWER_MS = 3 * DAY;
const STAFF = new Set(["owner", "admin", "moderator"]);

interface Sender { created_at: number; silenced_at: number | null; bot: number; domain: string | null; role: string | null }

/** A notification about to be created, as the policy sees it. */
export interface PolicyInput { accountId: number; fromAccountId: number; type: string; statusId: number | null }

/**
 * "drop" when any policy field that applies to the sender says drop, else "filter" when one
 * says filter, else "accept". Senders whose request was accepted (notification_permissions)
 * and staff mentioning someone are always accepted; accounts the recipient follows match no
 * field. One query when the recipient never set a policy; a few index probes otherwise.
 */
export function policyDecision(ctx: AppContext, n: PolicyInput): PolicyValue {
  if (!FILTERABLE.has(n.type)) return "accept";
  const db = ctx.db;
  const p = db.query<NotificationPolicyRow, [number]>(`SELECT ${POLICY_FIELDS.join(", ")} FROM notification_policies WHERE account_id = ?`).get(n.accountId) ?? POLICY_DEFAULTS;
  if (POLICY_FIELDS.every((f) => p[f] === "accept")) return "accept";
  if (db.query("SELECT 1 FROM notification_permissions WHERE account_id = ? AND from_account_id = ?").get(n.accountId, n.fromAccountId)) return "accept";
  const s = db.query<Sender, [number]>(
    "SELECT a.created_at, a.silenced_at, a.bot, a.domain, u.role FROM accounts a LEFT JOIN users u ON u.account_id = a.id WHERE a.id = ?",
  ).get(n.fromAccountId);
  if (!s) return "accept";
  // Staff can always reach people by mention.
  if (n.type === "mention" && s.domain === null && s.role !== null && STAFF.has(s.role)) return "accept";
  // Every field is about senders the recipient does not follow, except for_not_followers.
  const following = !!db.query("SELECT 1 FROM follows WHERE account_id = ? AND target_account_id = ?").get(n.accountId, n.fromAccountId);
  const now = ctx.now();
  const applies: Record<PolicyField, () => boolean> = {
    for_limited_accounts: () => !following && s.silenced_at !== null,
    for_not_following: () => !following,
    for_not_followers: () => {
      const f = db.query<{ created_at: number }, [number, number]>("SELECT created_at FROM follows WHERE account_id = ? AND target_account_id = ?").get(n.fromAccountId, n.accountId);
      return !f || f.created_at > now - NEW_FOLLOWER_MS;
    },
    for_new_accounts: () => !following && s.created_at > now - NEW_ACCOUNT_MS,
    for_bots: () => !following && s.bot === 1,
    for_private_mentions: () => !following && n.type === "mention" && n.statusId !== null && privateMentionNotInResponse(ctx, n.statusId, n.accountId, n.fromAccountId),
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
  const st = ctx.db.query<{ visibility: number; in_reply_to_id: number | null }, [number]>("SELECT visibility, in_reply_to_id FROM statuses WHERE id = ?").get(statusId);
  if (!st || st.visibility !== 3) return false;
  if (st.in_reply_to_id === null) return true;
  const answered = ctx.db.query(
    `WITH RECURSIVE up(id, depth) AS (
       SELECT ?, 0
       UNION ALL SELECT s.in_reply_to_id, up.depth + 1 FROM up JOIN statuses s ON s.id = up.id WHERE s.in_reply_to_id IS NOT NULL AND up.depth < 100
     )
     SELECT 1 FROM up JOIN statuses s ON s.id = up.id
     JOIN mentions m ON m.status_id = s.id AND m.account_id = ? AND m.silent = 0
     WHERE s.account_id = ? AND s.visibility = 3 LIMIT 1`,
  ).get(st.in_reply_to_id, senderId, recipientId);
  return !answered;
}
