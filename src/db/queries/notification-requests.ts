/** Reads of notification_requests: a recipient's page, some by id, and the policy summary counts. */
import type { AppContext } from "../../context";
import { pageSql, type Page } from "../paging";
import { selectIn } from "../sql";
import type { Database } from "bun:sqlite";

/** A notification_requests row as stored. */
export interface NotificationRequestRow {
  id: number;
  account_id: number;
  from_account_id: number;
  last_status_id: number | null;
  notifications_count: number;
  created_at: number;
  updated_at: number;
}

const COLUMNS = "r.id, r.account_id, r.from_account_id, r.last_status_id, r.notifications_count, r.created_at, r.updated_at";
/** Requests from suspended accounts are not shown or counted (Mastodon's without_suspended). */
const SENDER_NOT_SUSPENDED = "NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = r.from_account_id AND a.suspended_at IS NOT NULL)";

/** A page of the recipient's requests, newest first, walking notification_requests(account_id, id). */
export function notificationRequestPage(ctx: AppContext, accountId: number, page: Page): NotificationRequestRow[] {
  const p = pageSql(page, "r.id");
  const rows = ctx.db
    .query<NotificationRequestRow, number[]>(
      `SELECT ${COLUMNS} FROM notification_requests r WHERE r.account_id = ?${p.where} AND ${SENDER_NOT_SUSPENDED} ORDER BY ${p.order} LIMIT ?`,
    )
    .all(accountId, ...p.args, page.limit);
  return p.finish(rows);
}

/** The recipient's requests among `ids` (other users' and unknown ids are absent), in id order. */
export function findNotificationRequests(ctx: AppContext, accountId: number, ids: readonly number[]): NotificationRequestRow[] {
  if (ids.length === 0) return [];
  return selectIn<NotificationRequestRow>(
    ctx.db,
    (ph) => `SELECT ${COLUMNS} FROM notification_requests r WHERE r.account_id = ? AND r.id IN (${ph}) ORDER BY r.id`,
    [...new Set(ids)],
    [accountId],
  );
}

/**
 * Mastodon's NotificationPolicy summary: how many requests (at most 100) and how many
 * notifications they hold, senders that are suspended left out. One query.
 */
export function notificationRequestCounts(ctx: AppContext, accountId: number): { requests: number; notifications: number } {
  const r = ctx.db
    .query<{ c: number; n: number }, [number]>(
      `SELECT COUNT(*) AS c, COALESCE(SUM(notifications_count), 0) AS n FROM (
       SELECT r.notifications_count FROM notification_requests r WHERE r.account_id = ? AND ${SENDER_NOT_SUSPENDED} LIMIT 100)`,
    )
    .get(accountId)!;
  return { requests: r.c, notifications: r.n };
}

/** Creates the request of `accountId` from `fromAccountId`, or refreshes its last status, count and time. */
export function upsertNotificationRequest(
  db: Database,
  r: { id: number; accountId: number; fromAccountId: number; lastStatusId: number; count: number; now: number },
): void {
  db.query(
    `INSERT INTO notification_requests (id, account_id, from_account_id, last_status_id, notifications_count, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, from_account_id) DO UPDATE SET
       last_status_id = excluded.last_status_id, notifications_count = excluded.notifications_count, updated_at = excluded.updated_at`,
  ).run(r.id, r.accountId, r.fromAccountId, r.lastStatusId, r.count, r.now, r.now);
}

/** Deletes notification request `id`. */
export function deleteNotificationRequest(db: Database, id: number): void {
  db.query("DELETE FROM notification_requests WHERE id = ?").run(id);
}
