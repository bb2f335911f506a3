/**
 * Whether the recipient's notification policy drops a notification (Mastodon's
 * NotifyService::DropCondition policy part). Hearth has no notification requests yet, so a
 * "filter" setting lets notifications through; "drop" means they are never created.
 */
import type { AppContext } from "../../context";
import { POLICY_FIELDS, type NotificationPolicyRow } from "./policy";

/** Types a policy can hold back (Mastodon's filterable notification types). */
const FILTERABLE = new Set(["mention", "reblog", "follow", "follow_request", "favourite"]);
const DAY = 86_400_000;
const NEW_ACCOUNT_MS = 30 * DAY;
const NEW_FOLLOWER_MS = 3 * DAY;
const STAFF = new Set(["owner", "admin", "moderator"]);

interface Sender { created_at: number; silenced_at: number | null; bot: number; domain: string | null; role: string | null }

/**
 * True when `n` must not be created because of the recipient's policy. One query when the
 * recipient never set a policy or drops nothing; a few index probes otherwise.
 */
export function droppedByPolicy(ctx: AppContext, n: { accountId: number; fromAccountId: number; type: string; statusId: number | null }): boolean {
  if (!FILTERABLE.has(n.type)) return false;
  const db = ctx.db;
  const p = db.query<NotificationPolicyRow, [number]>(`SELECT ${POLICY_FIELDS.join(", ")} FROM notification_policies WHERE account_id = ?`).get(n.accountId);
  if (!p || !POLICY_FIELDS.some((f) => p[f] === "drop")) return false;
  const s = db.query<Sender, [number]>(
    "SELECT a.created_at, a.silenced_at, a.bot, a.domain, u.role FROM accounts a LEFT JOIN users u ON u.account_id = a.id WHERE a.id = ?",
  ).get(n.fromAccountId);
  if (!s) return false;
  // Staff can always reach people by mention.
  if (n.type === "mention" && s.domain === null && s.role !== null && STAFF.has(s.role)) return false;
  const now = ctx.now();
  const following = !!db.query("SELECT 1 FROM follows WHERE account_id = ? AND target_account_id = ?").get(n.accountId, n.fromAccountId);
  const followedSince = db.query<{ created_at: number }, [number, number]>("SELECT created_at FROM follows WHERE account_id = ? AND target_account_id = ?").get(n.fromAccountId, n.accountId);
  const notFollower = !followedSince || followedSince.created_at > now - NEW_FOLLOWER_MS;
  if (p.for_limited_accounts === "drop" && s.silenced_at !== null && !following) return true;
  if (p.for_not_following === "drop" && !following) return true;
  if (p.for_not_followers === "drop" && notFollower) return true;
  if (p.for_new_accounts === "drop" && s.created_at > now - NEW_ACCOUNT_MS && !following) return true;
  if (p.for_bots === "drop" && s.bot === 1 && !following) return true;
  if (p.for_private_mentions === "drop" && !following && n.type === "mention" && n.statusId !== null) return privateMentionNotInResponse(ctx, n.statusId, n.accountId, n.fromAccountId);
  return false;
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
