/** Named queries on the `scheduled_statuses` table (the list endpoint's loader is db/views/scheduled-statuses.ts). */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";
import type { ScheduledStatusRow } from "../../serializers/mastodon/scheduled-status";

/** Scheduled status `id` if it is due at `now`, or null. */
export function getDueScheduledStatus(db: Database, id: number, now: number): ScheduledStatusRow | null {
  return db.query<ScheduledStatusRow, [number, number]>("SELECT * FROM scheduled_statuses WHERE id = ? AND scheduled_at <= ?").get(id, now);
}

/** Scheduled status `id` if it belongs to `accountId`, or null. */
export function getScheduledStatusOfAccount(db: Database, id: number, accountId: number): ScheduledStatusRow | null {
  return db
    .query<ScheduledStatusRow, [number, number]>("SELECT * FROM scheduled_statuses WHERE id = ? AND account_id = ?")
    .get(id, accountId);
}

/** Ids of scheduled statuses due at `now`, earliest first, at most `limit`. */
export function listDueScheduledStatusIds(db: Database, now: number, limit: number): number[] {
  return db
    .query<{ id: number }, [number, number]>("SELECT id FROM scheduled_statuses WHERE scheduled_at <= ? ORDER BY scheduled_at LIMIT ?")
    .all(now, limit)
    .map((r) => r.id);
}

/** The account's scheduled statuses other than `exceptId`: in total, and those in [dayStart, dayEnd). */
export function countScheduledStatuses(
  db: Database,
  accountId: number,
  dayStart: number,
  dayEnd: number,
  exceptId: number,
): { total: number; day: number } {
  return db
    .query<{ total: number; day: number }, [number, number, number, number]>(
      `SELECT count(*) AS total, coalesce(sum(scheduled_at >= ?2 AND scheduled_at < ?3), 0) AS day
     FROM scheduled_statuses WHERE account_id = ?1 AND id <> ?4`,
    )
    .get(accountId, dayStart, dayEnd, exceptId)!;
}

/** The scheduled status the account created with this idempotency key after `since` (ms), or null. */
export function findScheduledStatusIdByKey(db: Database, accountId: number, key: string, since: number): number | null {
  return (
    db
      .query<{ id: number }, [number, string, number]>(
        "SELECT id FROM scheduled_statuses WHERE account_id = ? AND idempotency_key = ? AND created_at > ?",
      )
      .get(accountId, key, since)?.id ?? null
  );
}

/** Inserts a scheduled status (`params` is Mastodon's params object as JSON). */
export function insertScheduledStatus(db: Database, r: ScheduledStatusRow): void {
  db.query(
    "INSERT INTO scheduled_statuses (id, account_id, scheduled_at, params, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  ).run(r.id, r.account_id, r.scheduled_at, r.params, r.idempotency_key, r.created_at);
}

/** Moves scheduled status `id` to time `at` (ms). */
export function setScheduledAt(db: Database, id: number, at: number): void {
  db.query("UPDATE scheduled_statuses SET scheduled_at = ? WHERE id = ?").run(at, id);
}

/** Deletes scheduled status `id`. */
export function deleteScheduledStatus(db: Database, id: number): void {
  db.query("DELETE FROM scheduled_statuses WHERE id = ?").run(id);
}

/** A page of `accountId`'s scheduled statuses, paged by id, newest first. */
export function listScheduledStatusesPage(db: Database, accountId: number, page: Page): ScheduledStatusRow[] {
  const p = pageSql(page, "id");
  return p.finish(
    db
      .query<ScheduledStatusRow, number[]>(`SELECT * FROM scheduled_statuses WHERE account_id = ?${p.where} ORDER BY ${p.order} LIMIT ?`)
      .all(accountId, ...p.args, page.limit),
  );
}
