/** Queries on `notification_permissions` (senders whose notification request was accepted). */
import type { Database } from "bun:sqlite";

/** True when `accountId` accepted notifications from `fromAccountId`. */
export function hasNotificationPermission(db: Database, accountId: number, fromAccountId: number): boolean {
  return !!db.query("SELECT 1 FROM notification_permissions WHERE account_id = ? AND from_account_id = ?").get(accountId, fromAccountId);
}

/** Records that `accountId` accepts notifications from `fromAccountId` (kept when already there). */
export function insertNotificationPermission(db: Database, accountId: number, fromAccountId: number, now: number): void {
  db.query("INSERT OR IGNORE INTO notification_permissions (account_id, from_account_id, created_at) VALUES (?, ?, ?)").run(
    accountId,
    fromAccountId,
    now,
  );
}
