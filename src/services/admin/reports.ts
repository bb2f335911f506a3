/**
 * Admin report handling (Mastodon's Admin::ReportsController actions): assign to self,
 * unassign, resolve, reopen and re-categorize. Each needs manage_reports and writes one row.
 */
import { transaction } from "../../db/transaction";
import { logAdminAction } from "./action-log";
import type { AppContext } from "../../context";
import { notFound, validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import { reportRow } from "../../db/views/admin";
import type { AdminReportRow } from "../../serializers/mastodon/admin-report";
import { clearReportResolution, markReportResolved, setReportAssignee, setReportCategory } from "../../db/queries/reports";
import { existingRuleIds } from "../../db/queries/rules";
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

/** Assigns the report to the acting staff member. */
export function assignReportToSelf(ctx: AppContext, auth: StaffAuth, r: AdminReportRow): void {
  transaction(ctx.db, () => {
    setReportAssignee(ctx.db, r.id, auth.accountId, ctx.now());
    logAdminAction(ctx, auth.accountId, "assigned_to_self", "Report", r.id, String(r.id));
  });
}

/** Clears the report's assignee. */
export function unassignReport(ctx: AppContext, r: AdminReportRow, actor: number | null = null): void {
  transaction(ctx.db, () => {
    setReportAssignee(ctx.db, r.id, null, ctx.now());
    logAdminAction(ctx, actor, "unassigned", "Report", r.id, String(r.id));
  });
}

/** Marks the report resolved by the acting staff member (kept as it is when already resolved). */
export function resolveReport(ctx: AppContext, auth: StaffAuth, r: AdminReportRow): void {
  if (r.action_taken_at !== null) return;
  transaction(ctx.db, () => {
    markReportResolved(ctx.db, r.id, auth.accountId, ctx.now());
    logAdminAction(ctx, auth.accountId, "resolve", "Report", r.id, String(r.id));
  });
}

/** Reopens a resolved report. */
export function reopenReport(ctx: AppContext, r: AdminReportRow, actor: number | null = null): void {
  transaction(ctx.db, () => {
    clearReportResolution(ctx.db, r.id, ctx.now());
    logAdminAction(ctx, actor, "reopen", "Report", r.id, String(r.id));
  });
}

/** Changes category and/or rule ids (validated against the server's rules) in one statement. */
export function updateReport(ctx: AppContext, r: AdminReportRow, i: { category?: string; ruleIds?: string[] }): void {
  const category = i.category === undefined || i.category === "" ? r.category : i.category;
  if (!(CATEGORIES as readonly string[]).includes(category)) throw validation("Category is not included in the list");
  let ruleIds = r.rule_ids;
  if (i.ruleIds !== undefined) {
    const ids = [...new Set(i.ruleIds.filter((x) => x !== ""))].map((x) => (/^\d{1,18}$/.test(x) ? Number(x) : NaN));
    const known = ids.some(Number.isNaN) ? [] : existingRuleIds(ctx.db, ids);
    if (known.length !== ids.length) throw validation("Rule ids does not reference valid rules");
    ruleIds = ids.length ? JSON.stringify(ids) : null;
  }
  setReportCategory(ctx.db, r.id, category, ruleIds, ctx.now());
}
