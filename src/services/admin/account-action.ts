/**
 * POST /api/v1/admin/accounts/:id/action (Mastodon's Admin::AccountAction): none (a warning),
 * sensitive, disable, silence or suspend, logged in account_warnings (a local user is told by a
 * moderation_warning notification unless send_email_notification is false), resolving the given
 * report (none) or every open report about the account (other types), in one transaction.
 * Disabling or suspending a local user closes their open streams.
 */
import { logAdminAction } from "./action-log";
import type { AppContext } from "../../context";
import { notFound, validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import { markAccountSensitized, markAccountSilenced } from "../../db/queries/accounts-moderation";
import { reportExists, resolveOpenReport, resolveOpenReportsAbout } from "../../db/queries/reports";
import { disableUserOfAccount } from "../../db/queries/users";
import { transaction } from "../../db/transaction";
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
const ACCT = (a: { username: string; domain: string | null }) => (a.domain ? `${a.username}@${a.domain}` : a.username);

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
    if (id === undefined || !reportExists(ctx.db, id)) throw notFound();
    reportId = id;
  }
  if (!roleOverrides(staff.role, t.user?.role ?? null)) throw notAllowed();
  const now = ctx.now();
  transaction(ctx.db, () => {
    const a = t.account;
    switch (type) {
      case "disable":
        disableUserOfAccount(ctx.db, a.id, now);
        if (t.user) closeUserStreams(ctx, t.user.id);
        break;
      case "sensitive":
        markAccountSensitized(ctx.db, a.id, now);
        break;
      case "silence":
        markAccountSilenced(ctx.db, a.id, now);
        break;
      case "suspend":
        if (a.suspended_at === null) suspendAccount(ctx, a);
        if (t.user) closeUserStreams(ctx, t.user.id);
        break;
    }
    recordWarning(ctx, {
      staffAccountId: staff.accountId,
      target: a,
      action: type,
      text,
      reportId,
      notify: i.sendEmailNotification !== false,
    });
    if (type !== "none") logAdminAction(ctx, staff.accountId, type, "Account", a.id, ACCT(a));
    if (type === "none") {
      if (reportId !== null) resolveOpenReport(ctx.db, reportId, staff.accountId, now);
    } else {
      resolveOpenReportsAbout(ctx.db, a.id, staff.accountId, now);
      if (reportId !== null) resolveOpenReport(ctx.db, reportId, staff.accountId, now);
    }
  });
}
