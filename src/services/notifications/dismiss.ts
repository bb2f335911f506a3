/** Dismissing notifications: one, or all of an account's. */
import type { AppContext } from "../../context";
import { notFound } from "../../model/errors";
import { deleteAllNotifications, deleteNotification } from "../../db/queries/notifications";
import { transaction } from "../../db/transaction";

/** Deletes notification `id` of `accountId`; 404 when it is not theirs. No side effects. */
export function dismissNotification(ctx: AppContext, accountId: number, id: number): void {
  transaction(ctx.db, () => {
    if (deleteNotification(ctx.db, accountId, id) === 0) throw notFound();
  });
}

/** Deletes every notification of `accountId`. No side effects. */
export function clearNotifications(ctx: AppContext, accountId: number): void {
  transaction(ctx.db, () => {
    deleteAllNotifications(ctx.db, accountId);
  });
}
