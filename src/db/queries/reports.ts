/** Queries on `reports`: single reports and reports by id. */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";
import type { AdminReportRow } from "../../serializers/mastodon/admin-report";

/** The report `id`, else null. */
export function getReport(db: Database, id: number): AdminReportRow | null {
  return db.query<AdminReportRow, [number]>("SELECT * FROM reports WHERE id = ?").get(id);
}

/** The reports among `ids` that exist (in no particular order). */
export function listReportsByIds(db: Database, ids: readonly number[]): AdminReportRow[] {
  return selectIn<AdminReportRow>(db, (ph) => `SELECT * FROM reports WHERE id IN (${ph})`, ids);
}

/** True when report `id` exists. */
export function reportExists(db: Database, id: number): boolean {
  return !!db.query("SELECT 1 FROM reports WHERE id = ?").get(id);
}

/** The report's status ids (a JSON array), else null when there is no such report. */
export function getReportStatusIds(db: Database, id: number): string | null {
  return db.query<{ status_ids: string }, [number]>("SELECT status_ids FROM reports WHERE id = ?").get(id)?.status_ids ?? null;
}

/** Inserts a report. */
export function insertReport(
  db: Database,
  r: {
    id: number;
    accountId: number;
    targetAccountId: number;
    statusIds: string;
    comment: string;
    forwarded: number;
    uri: string;
    category: string;
    ruleIds: string | null;
    createdAt: number;
  },
): void {
  db.query(
    `INSERT INTO reports (id, account_id, target_account_id, status_ids, comment, forwarded, uri, category, rule_ids, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.accountId, r.targetAccountId, r.statusIds, r.comment, r.forwarded, r.uri, r.category, r.ruleIds, r.createdAt);
}

/** Resolves report `id` by `staffAccountId` unless it is already resolved. */
export function resolveOpenReport(db: Database, id: number, staffAccountId: number, now: number): void {
  db.query(
    "UPDATE reports SET action_taken_at = ?, action_taken_by_account_id = ?, updated_at = ? WHERE id = ? AND action_taken_at IS NULL",
  ).run(now, staffAccountId, now, id);
}

/** Resolves every open report about account `targetAccountId` by `staffAccountId`. */
export function resolveOpenReportsAbout(db: Database, targetAccountId: number, staffAccountId: number, now: number): void {
  db.query(
    "UPDATE reports SET action_taken_at = ?, action_taken_by_account_id = ?, updated_at = ? WHERE target_account_id = ? AND action_taken_at IS NULL",
  ).run(now, staffAccountId, now, targetAccountId);
}

/** Sets (or, with null, clears) the report's assignee. */
export function setReportAssignee(db: Database, id: number, accountId: number | null, now: number): void {
  db.query("UPDATE reports SET assigned_account_id = ?, updated_at = ? WHERE id = ?").run(accountId, now, id);
}

/** Marks report `id` resolved by `staffAccountId`. */
export function markReportResolved(db: Database, id: number, staffAccountId: number | null, now: number): void {
  db.query("UPDATE reports SET action_taken_at = ?, action_taken_by_account_id = ?, updated_at = ? WHERE id = ?").run(
    now,
    staffAccountId,
    now,
    id,
  );
}

/** Reopens report `id` (clears who resolved it and when). */
export function clearReportResolution(db: Database, id: number, now: number): void {
  db.query("UPDATE reports SET action_taken_at = NULL, action_taken_by_account_id = NULL, updated_at = ? WHERE id = ?").run(now, id);
}

/** Sets the report's category and rule ids (a JSON array, or null). */
export function setReportCategory(db: Database, id: number, category: string, ruleIds: string | null, now: number): void {
  db.query("UPDATE reports SET category = ?, rule_ids = ?, updated_at = ? WHERE id = ?").run(category, ruleIds, now, id);
}

/** Inserts a report received as a Flag; false when it exists already (same id or uri). */
export function insertRemoteReport(
  db: Database,
  r: {
    id: number;
    account_id: number;
    target_account_id: number;
    status_ids: string;
    comment: string;
    uri: string | null;
    created_at: number;
  },
): boolean {
  return (
    db
      .query(
        `INSERT INTO reports (id, account_id, target_account_id, status_ids, comment, uri, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(r.id, r.account_id, r.target_account_id, r.status_ids, r.comment, r.uri, r.created_at).changes > 0
  );
}
