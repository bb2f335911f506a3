/**
 * The strike every moderation action leaves (Mastodon's AccountWarning) and the
 * moderation_warning notification that tells a local user about it.
 */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { insertAccountWarning } from "../../db/queries/account-warnings";
import { insertModerationWarningNotification } from "../../db/queries/notifications";
import { getReportStatusIds } from "../../db/queries/reports";
import { accountHasUser } from "../../db/queries/users";
import { enqueueWebPush } from "../push/send";

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
  const statusIds = w.reportId === null ? null : getReportStatusIds(db, w.reportId);
  insertAccountWarning(db, {
    id,
    accountId: w.staffAccountId,
    targetAccountId: w.target.id,
    action: w.action,
    text: w.text,
    reportId: w.reportId,
    statusIds: statusIds ?? "[]",
    createdAt: now,
  });
  if (w.notify && w.target.domain === null && accountHasUser(db, w.target.id)) {
    const nid = ctx.ids.next();
    insertModerationWarningNotification(db, nid, w.target.id, id, now);
    ctx.jobs.enqueue("stream.notification", { notificationId: nid, accountId: w.target.id });
    enqueueWebPush(ctx, { id: nid, accountId: w.target.id, fromAccountId: w.target.id, type: "moderation_warning" });
  }
  return id;
}
