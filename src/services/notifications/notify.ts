/** Creates a notification for a local account, honouring blocks and notification-hiding mutes. */
import type { AppContext } from "../../context";
import { groupKeyFor } from "./group-key";
import { policyDecision } from "./policy-check";
import { recordFilteredNotification } from "./requests-record";

export type NotificationType =
  | "mention" | "status" | "reblog" | "follow" | "follow_request" | "favourite" | "poll" | "update"
  | "admin.sign_up" | "admin.report" | "severed_relationships" | "moderation_warning";


/**
 * Writes a notification row for `accountId` (only local accounts get them). Returns its id,
 * or null when it was suppressed (self, remote recipient, block, mute, duplicate, the
 * recipient's notification policy). Enqueues stream.notification, except for notifications
 * the policy filters: those are stored filtered, ungrouped, and gathered in a request.
 */
export function notify(ctx: AppContext, n: { accountId: number; fromAccountId: number; type: NotificationType; statusId?: number | null; reportId?: number | null }): number | null {
  const db = ctx.db;
  // A poll's end is announced to its own author too (Mastodon's one self-notification).
  if (n.accountId === n.fromAccountId && n.type !== "poll") return null;
  const rec = db.query<{ domain: string | null }, [number]>("SELECT domain FROM accounts WHERE id = ?").get(n.accountId);
  if (!rec || rec.domain !== null) return null;
  if (db.query("SELECT 1 FROM blocks WHERE account_id = ? AND target_account_id = ?").get(n.accountId, n.fromAccountId)) return null;
  const t = ctx.now();
  if (db.query("SELECT 1 FROM mutes WHERE account_id = ? AND target_account_id = ? AND hide_notifications = 1 AND (expires_at IS NULL OR expires_at > ?)").get(n.accountId, n.fromAccountId, t)) return null;
  const statusId = n.statusId ?? null;
  if (["favourite", "reblog", "follow", "follow_request", "mention"].includes(n.type)) {
    const dup = db
      .query("SELECT 1 FROM notifications WHERE account_id = ? AND from_account_id = ? AND type = ? AND status_id IS ?")
      .get(n.accountId, n.fromAccountId, n.type, statusId);
    if (dup) return null;
  }
  const decision = policyDecision(ctx, { accountId: n.accountId, fromAccountId: n.fromAccountId, type: n.type, statusId });
  if (decision === "drop") return null;
  const filtered = decision === "filter";
  const id = ctx.ids.next();
  db.query("INSERT INTO notifications (id, account_id, from_account_id, type, status_id, created_at, group_key, report_id, filtered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    .run(id, n.accountId, n.fromAccountId, n.type, statusId, t, filtered ? null : groupKeyFor(ctx, n.accountId, n.type, statusId, t), n.reportId ?? null, filtered ? 1 : 0);
  if (filtered) recordFilteredNotification(ctx, { accountId: n.accountId, fromAccountId: n.fromAccountId, type: n.type, statusId });
  else ctx.jobs.enqueue("stream.notification", { notificationId: id, accountId: n.accountId });
  return id;
}
