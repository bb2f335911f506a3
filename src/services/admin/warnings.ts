/**
 * The strike every moderation action leaves (Mastodon's AccountWarning) and the
 * moderation_warning notification that tells a local user about it.
 */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";

/** What a warning records. */
export interface WarningInput {
  /** The moderator (null: the server operator, e.g. the CLI). */
  staffAccountId: number | null;
  target: AccountRow;
  action: string;
  text: string;
  reportId: number | null;
  /** Mastodon's send_email_notification: whether the user is told (local accounts only). */
  notify: boolean;
}

/**
 * Writes the account_warnings row (with the report's posts as status_ids, as Mastodon's
 * include_statuses default does) and, for a local account with a login when `notify`, a
 * moderation_warning notification whose sender is the account itself (Mastodon's data model);
 * it enqueues its stream.notification. Never held back by policies or mutes. Call inside the
 * writing transaction; returns the warning id.
 */
export function recordWarning(ctx: AppContext, w: WarningInput): number {
  const db = ctx.db;
  const now = ctx.now();
  const id = ctx.ids.next();
  const report = w.reportId === null ? null : db.query<{ status_ids: string }, [number]>("SELECT status_ids FROM reports WHERE id = ?").get(w.reportId);
  db.query("INSERT INTO account_warnings (id, account_id, target_account_id, action, text, report_id, status_ids, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    .run(id, w.staffAccountId, w.target.id, w.action, w.text, w.reportId, report?.status_ids ?? "[]", now);
  if (w.notify && w.target.domain === null && db.query("SELECT 1 FROM users WHERE account_id = ?").get(w.target.id)) {
    const nid = ctx.ids.next();
    db.query(
      `INSERT INTO notifications (id, account_id, from_account_id, type, status_id, created_at, group_key, report_id, account_warning_id)
       VALUES (?, ?, ?, 'moderation_warning', NULL, ?, NULL, NULL, ?)`,
    ).run(nid, w.target.id, w.target.id, now, id);
    ctx.jobs.enqueue("stream.notification", { notificationId: nid, accountId: w.target.id });
  }
  return id;
}
