/** Named queries on the `notifications` table (writing them is services/notifications/notify.ts). */
import type { Database } from "bun:sqlite";

/** Withdraws the `reblog` or `favourite` notification `fromAccountId` caused on status `statusId`. */
export function deleteInteractionNotification(db: Database, type: "reblog" | "favourite", fromAccountId: number, statusId: number): void {
  db.query(`DELETE FROM notifications WHERE type = '${type}' AND from_account_id = ? AND status_id = ?`).run(fromAccountId, statusId);
}

/** Accounts already notified that the poll of status `statusId` ended (notifications since `since`). */
export function listPollEndedNotifiedIds(db: Database, statusId: number, since: number): number[] {
  return db.query<{ account_id: number }, [number, number]>("SELECT account_id FROM notifications WHERE type = 'poll' AND status_id = ? AND created_at >= ?")
    .all(statusId, since).map((r) => r.account_id);
}
