/** Dismissing notifications: one, or all of an account's. */
import type { AppContext } from "../../context";
import { notFound } from "../../model/errors";

/** Deletes notification `id` of `accountId`; 404 when it is not theirs. No side effects. */
export function dismissNotification(ctx: AppContext, accountId: number, id: number): void {
  ctx.db.transaction(() => {
    const r = ctx.db.query("DELETE FROM notifications WHERE id = ? AND account_id = ?").run(id, accountId);
    if (r.changes === 0) throw notFound();
  }).immediate();
}

/** Deletes every notification of `accountId`. No side effects. */
export function clearNotifications(ctx: AppContext, accountId: number): void {
  ctx.db.transaction(() => {
    ctx.db.query("DELETE FROM notifications WHERE account_id = ?").run(accountId);
  }).immediate();
}
