/**
 * POST /api/v1/admin/accounts/:id/action (Mastodon's Admin::AccountAction): none (a warning),
 * sensitive, disable, silence or suspend, logged in account_warnings (a local user is told by a
 * moderation_warning notification unless send_email_notification is false), resolving the given
 * report (none) or every open report about the account (other types), in one transaction.
 * Disabling or suspending a local user closes their open streams.
 */
import type { AppContext } from "../../context";
import { notFound, validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import type { AdminTarget, StaffAuth } from "./accounts";
import { notAllowed, requirePermission, roleOverrides } from "../../model/permissions";
import { closeUserStreams } from "./streams";
import { suspendAccount } from "./suspension";
import { recordWarning } from "./warnings";

export const ACTION_TYPES = ["none", "sensitive", "disable", "silence", "suspend"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Parsed action parameters. */
export interface AccountActionInput {
  type?: string;
  reportId?: string;
  text?: string;
  /** Mastodon's send_email_notification (default true): whether the user gets the warning. */
  sendEmailNotification?: boolean;
}

const MAX_TEXT = 5000;

/** Takes the action; throws 403 (permission/rank), 422 (type, text) or 404 (report) before writing. Enqueues stream jobs. */
export function takeAccountAction(ctx: AppContext, auth: StaffAuth, t: AdminTarget, i: AccountActionInput): void {
  const staff = requirePermission(ctx, auth, "manage_users", "manage_reports");
  const allowed: readonly string[] = t.account.domain === null ? ACTION_TYPES : ACTION_TYPES.filter((x) => x !== "disable");
  if (!i.type || !allowed.includes(i.type)) throw validation("Type is not included in the list");
  const type = i.type as ActionType;
  const text = i.text ?? "";
  if (text.length > MAX_TEXT) throw validation(`Text is too long (maximum is ${MAX_TEXT} characters)`);
  let reportId: number | null = null;
  if (i.reportId !== undefined && i.reportId !== "") {
    const id = parseId(i.reportId);
    if (id === undefined || !ctx.db.query("SELECT 1 FROM reports WHERE id = ?").get(id)) throw notFound();
    reportId = id;
  }
  if (!roleOverrides(staff.role, t.user?.role ?? null)) throw notAllowed();
  const now = ctx.now();
  ctx.db.transaction(() => {
    const a = t.account;
    switch (type) {
      case "disable":
        ctx.db.query("UPDATE users SET disabled = 1, updated_at = ? WHERE account_id = ?").run(now, a.id);
        if (t.user) closeUserStreams(ctx, t.user.id);
        break;
      case "sensitive":
        ctx.db.query("UPDATE accounts SET sensitized_at = ?, updated_at = ? WHERE id = ? AND sensitized_at IS NULL").run(now, now, a.id);
        break;
      case "silence":
        ctx.db.query("UPDATE accounts SET silenced_at = ?, updated_at = ? WHERE id = ? AND silenced_at IS NULL").run(now, now, a.id);
        break;
      case "suspend":
        if (a.suspended_at === null) suspendAccount(ctx, a);
        if (t.user) closeUserStreams(ctx, t.user.id);
        break;
    }
    recordWarning(ctx, { staffAccountId: staff.accountId, target: a, action: type, text, reportId, notify: i.sendEmailNotification !== false });
    const resolve = `UPDATE reports SET action_taken_at = ?, action_taken_by_account_id = ?, updated_at = ?`;
    if (type === "none") {
      if (reportId !== null) ctx.db.query(`${resolve} WHERE id = ? AND action_taken_at IS NULL`).run(now, staff.accountId, now, reportId);
    } else {
      ctx.db.query(`${resolve} WHERE target_account_id = ? AND action_taken_at IS NULL`).run(now, staff.accountId, now, a.id);
      if (reportId !== null) ctx.db.query(`${resolve} WHERE id = ? AND action_taken_at IS NULL`).run(now, staff.accountId, now, reportId);
    }
  }).immediate();
}
