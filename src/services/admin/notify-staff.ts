/** admin.sign_up and admin.report notifications for the staff whose role has the permission. */
import type { AppContext } from "../../context";
import { notify, type NotificationType } from "../notifications/notify";
import { rolesWith, type Permission } from "../../model/permissions";

/**
 * Notifies every active local staff member whose role has `perm` (Mastodon: manage_users for
 * admin.sign_up, manage_reports for admin.report). Call inside the writing transaction; each
 * notify() enqueues its stream event.
 */
export function notifyStaff(ctx: AppContext, perm: Permission, n: { fromAccountId: number; type: NotificationType; reportId?: number }): void {
  const roles = rolesWith(perm);
  const staff = ctx.db.query<{ account_id: number }, string[]>(
    `SELECT u.account_id FROM users u JOIN accounts a ON a.id = u.account_id
     WHERE u.role IN (${roles.map(() => "?").join(", ")}) AND u.disabled = 0 AND a.suspended_at IS NULL`,
  ).all(...roles);
  for (const s of staff) notify(ctx, { accountId: s.account_id, fromAccountId: n.fromAccountId, type: n.type, reportId: n.reportId ?? null });
}
