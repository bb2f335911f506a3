/** admin.sign_up and admin.report notifications for the staff whose role has the permission. */
import type { AppContext } from "../../context";
import { listActiveStaffAccountIds } from "../../db/queries/users";
import { notify, type NotificationType } from "../notifications/notify";
import { rolesWith, type Permission } from "../../model/permissions";

/**
 * Notifies every active local staff member whose role has `perm` (Mastodon: manage_users for
 * admin.sign_up, manage_reports for admin.report). Call inside the writing transaction; each
 * notify() enqueues its stream event.
 */
export function notifyStaff(
  ctx: AppContext,
  perm: Permission,
  n: { fromAccountId: number; type: NotificationType; reportId?: number },
): void {
  for (const accountId of listActiveStaffAccountIds(ctx.db, rolesWith(perm)))
    notify(ctx, { accountId, fromAccountId: n.fromAccountId, type: n.type, reportId: n.reportId ?? null });
}
