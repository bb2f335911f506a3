/** Named queries on the `notifications` table (writing them is services/notifications/notify.ts). */
import type { Database } from "bun:sqlite";

/** Withdraws the `reblog` or `favourite` notification `fromAccountId` caused on status `statusId`. */
export function deleteInteractionNotification(db: Database, type: "reblog" | "favourite", fromAccountId: number, statusId: number): void {
  db.query(`DELETE FROM notifications WHERE type = '${type}' AND from_account_id = ? AND status_id = ?`).run(fromAccountId, statusId);
}

/** Accounts already notified that the poll of status `statusId` ended (notifications since `since`). */
export function listPollEndedNotifiedIds(db: Database, statusId: number, since: number): number[] {
  return db
    .query<{ account_id: number }, [number, number]>(
      "SELECT account_id FROM notifications WHERE type = 'poll' AND status_id = ? AND created_at >= ?",
    )
    .all(statusId, since)
    .map((r) => r.account_id);
}

/** Inserts a notification (group_key null: ungrouped; filtered 1: held back by the recipient's policy). */
export function insertNotification(
  db: Database,
  n: {
    id: number;
    accountId: number;
    fromAccountId: number;
    type: string;
    statusId: number | null;
    createdAt: number;
    groupKey: string | null;
    reportId: number | null;
    filtered: number;
  },
): void {
  db.query(
    "INSERT INTO notifications (id, account_id, from_account_id, type, status_id, created_at, group_key, report_id, filtered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(n.id, n.accountId, n.fromAccountId, n.type, n.statusId, n.createdAt, n.groupKey, n.reportId, n.filtered);
}

/** Inserts a moderation_warning notification about warning `warningId`; the account is its own sender. */
export function insertModerationWarningNotification(
  db: Database,
  id: number,
  accountId: number,
  warningId: number,
  createdAt: number,
): void {
  db.query(
    `INSERT INTO notifications (id, account_id, from_account_id, type, status_id, created_at, group_key, report_id, account_warning_id)
     VALUES (?, ?, ?, 'moderation_warning', NULL, ?, NULL, NULL, ?)`,
  ).run(id, accountId, accountId, createdAt, warningId);
}

/** True when `accountId` already has a notification of `type` from `fromAccountId` about `statusId` (null: none). */
export function hasSameNotification(
  db: Database,
  accountId: number,
  fromAccountId: number,
  type: string,
  statusId: number | null,
): boolean {
  return !!db
    .query("SELECT 1 FROM notifications WHERE account_id = ? AND from_account_id = ? AND type = ? AND status_id IS ?")
    .get(accountId, fromAccountId, type, statusId);
}

/** The recipient's newest group key between `lo` and `hi` (text order), else null. */
export function newestGroupKeyBetween(db: Database, accountId: number, lo: string, hi: string): string | null {
  return (
    db
      .query<{ group_key: string }, [number, string, string]>(
        "SELECT group_key FROM notifications WHERE account_id = ? AND group_key BETWEEN ? AND ? ORDER BY group_key DESC LIMIT 1",
      )
      .get(accountId, lo, hi)?.group_key ?? null
  );
}

/** Deletes notification `id` of `accountId`; returns how many rows went (0 or 1). */
export function deleteNotification(db: Database, accountId: number, id: number): number {
  return db.query("DELETE FROM notifications WHERE id = ? AND account_id = ?").run(id, accountId).changes;
}

/** Deletes the notifications of `accountId` in group `groupKey`; returns how many. */
export function deleteNotificationGroup(db: Database, accountId: number, groupKey: string): number {
  return db.query("DELETE FROM notifications WHERE account_id = ? AND group_key = ?").run(accountId, groupKey).changes;
}

/** Deletes every notification of `accountId`. */
export function deleteAllNotifications(db: Database, accountId: number): void {
  db.query("DELETE FROM notifications WHERE account_id = ?").run(accountId);
}

/** How many filtered mentions `accountId` holds from `fromAccountId`, counting at most `cap`. */
export function countFilteredMentionsFrom(db: Database, accountId: number, fromAccountId: number, cap: number): number {
  return db
    .query<{ c: number }, [number, number, number]>(
      `SELECT COUNT(*) AS c FROM (SELECT 1 FROM notifications
       WHERE account_id = ? AND from_account_id = ? AND filtered = 1 AND type = 'mention' LIMIT ?)`,
    )
    .get(accountId, fromAccountId, cap)!.c;
}

/** The filtered notifications `accountId` holds from `fromAccountId`, oldest first. */
export function listFilteredNotificationsFrom(
  db: Database,
  accountId: number,
  fromAccountId: number,
): { id: number; type: string; status_id: number | null; created_at: number }[] {
  return db
    .query<{ id: number; type: string; status_id: number | null; created_at: number }, [number, number]>(
      "SELECT id, type, status_id, created_at FROM notifications WHERE account_id = ? AND from_account_id = ? AND filtered = 1 ORDER BY id",
    )
    .all(accountId, fromAccountId);
}

/** Lets a filtered notification into the lists with group key `groupKey`. */
export function unfilterNotification(db: Database, id: number, groupKey: string | null): void {
  db.query("UPDATE notifications SET filtered = 0, group_key = ? WHERE id = ?").run(groupKey, id);
}

/** Deletes the filtered notifications `accountId` holds from `fromAccountId`. */
export function deleteFilteredNotificationsFrom(db: Database, accountId: number, fromAccountId: number): void {
  db.query("DELETE FROM notifications WHERE account_id = ? AND from_account_id = ? AND filtered = 1").run(accountId, fromAccountId);
}

/** Deletes the `follow_request` notification `fromAccountId`'s request caused for `accountId`. */
export function deleteFollowRequestNotification(db: Database, accountId: number, fromAccountId: number): void {
  db.query("DELETE FROM notifications WHERE account_id = ? AND from_account_id = ? AND type = 'follow_request'").run(
    accountId,
    fromAccountId,
  );
}

/** Deletes the `follow` notification `fromAccountId`'s follow caused for `accountId` (it goes with the follow, as in Mastodon). */
export function deleteFollowNotification(db: Database, accountId: number, fromAccountId: number): void {
  db.query("DELETE FROM notifications WHERE account_id = ? AND from_account_id = ? AND type = 'follow'").run(accountId, fromAccountId);
}
