/**
 * Admin report handling (Mastodon's Admin::ReportsController actions): assign to self,
 * unassign, resolve, reopen and re-categorize. Each needs manage_reports and writes one row.
 */
import type { AppContext } from "../../context";
import { notFound, validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import { reportRow } from "../../db/views/admin";
import type { AdminReportRow } from "../../serializers/mastodon/admin-report";
import { selectIn } from "../../db/sql";
import { CATEGORIES } from "../reports/create";
import { requirePermission } from "../../model/permissions";
import type { StaffAuth } from "./accounts";

/** The report by id for a staff member with manage_reports (403 otherwise; 404 when unknown). */
export function findReport(ctx: AppContext, auth: StaffAuth, rawId: unknown): AdminReportRow {
  requirePermission(ctx, auth, "manage_reports");
  const id = parseId(rawId);
  const row = id === undefined ? null : reportRow(ctx, id);
  if (!row) throw notFound();
  return row;
}

function set(ctx: AppContext, id: number, sql: string, ...args: (number | string | null)[]): void {
  ctx.db.query(`UPDATE reports SET ${sql}, updated_at = ? WHERE id = ?`).run(...args, ctx.now(), id);
}

/** Assigns the report to the acting staff member. */
export function assignReportToSelf(ctx: AppContext, auth: StaffAuth, r: AdminReportRow): void {
  set(ctx, r.id, "assigned_account_id = ?", auth.accountId);
}

/** Clears the report's assignee. */
export function unassignReport(ctx: AppContext, r: AdminReportRow): void {
  set(ctx, r.id, "assigned_account_id = NULL");
}

/** Marks the report resolved by the acting staff member (kept as it is when already resolved). */
export function resolveReport(ctx: AppContext, auth: StaffAuth, r: AdminReportRow): void {
  if (r.action_taken_at !== null) return;
  set(ctx, r.id, "action_taken_at = ?, action_taken_by_account_id = ?", ctx.now(), auth.accountId);
}

/** Reopens a resolved report. */
export function reopenReport(ctx: AppContext, r: AdminReportRow): void {
  set(ctx, r.id, "action_taken_at = NULL, action_taken_by_account_id = NULL");
}

/** Changes category and/or rule ids (validated against the server's rules) in one statement. */
export function updateReport(ctx: AppContext, r: AdminReportRow, i: { category?: string; ruleIds?: string[] }): void {
  const category = i.category === undefined || i.category === "" ? r.category : i.category;
  if (!(CATEGORIES as readonly string[]).includes(category)) throw validation("Category is not included in the list");
  let ruleIds = r.rule_ids;
  if (i.ruleIds !== undefined) {
    const ids = [...new Set(i.ruleIds.filter((x) => x !== ""))].map((x) => (/^\d{1,18}$/.test(x) ? Number(x) : NaN));
    const known = ids.some(Number.isNaN) ? [] : selectIn<{ id: number }>(ctx.db, (ph) => `SELECT id FROM rules WHERE id IN (${ph})`, ids);
    if (known.length !== ids.length) throw validation("Rule ids does not reference valid rules");
    ruleIds = ids.length ? JSON.stringify(ids) : null;
  }
  set(ctx, r.id, "category = ?, rule_ids = ?", category, ruleIds);
}
