/**
 * GET /api/v1/admin/reports (resolved, account_id, target_account_id, Link paging),
 * GET /api/v1/admin/reports/:id and PUT /api/v1/admin/reports/:id (category, rule_ids).
 */
import type { Router, UserReq } from "../../../http/route";
import { bool, str, strArr } from "../../../http/params";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { parseId } from "../../../model/ids";
import { adminReportIds } from "../../../db/queries/admin";
import { adminReportList, reportRow } from "../../../db/views/admin";
import { listReportsByIds } from "../../../db/queries/reports";
import { findReport, updateReport } from "../../../services/admin/reports";
import { SCOPES, staff } from "./staff";

/** The Admin::Report of report `id` as seen by the acting moderator. */
export function reportEntity(q: UserReq, id: number): Record<string, unknown> {
  return adminReportList(q.ctx, [reportRow(q.ctx, id)!], q.auth.accountId)[0]!;
}

function optionalId(raw: string | undefined): number | null | undefined {
  if (raw === undefined || raw === "") return undefined;
  return parseId(raw) ?? null;
}

/** Registers the list, show and update endpoints (Manage Reports). */
export default function register(r: Router): void {
  r.get("/api/v1/admin/reports", { scopes: SCOPES.readReports }, (q) => {
    staff(q, "manage_reports");
    const accountId = optionalId(str(q.input, "account_id"));
    const targetAccountId = optionalId(str(q.input, "target_account_id"));
    if (accountId === null || targetAccountId === null) return [];
    const ids = adminReportIds(
      q.ctx,
      { resolved: bool(q.input, "resolved") ?? false, accountId, targetAccountId },
      readPage(q.input, 100, 200),
    );
    setLinkHeader(q, ids[0], ids[ids.length - 1]);
    const rows = listReportsByIds(q.ctx.db, ids);
    const byId = new Map(rows.map((x) => [x.id, x]));
    return adminReportList(
      q.ctx,
      ids.map((id) => byId.get(id)!).filter((x) => !!x),
      q.auth.accountId,
    );
  });
  r.get("/api/v1/admin/reports/:id", { scopes: SCOPES.readReports }, (q) => reportEntity(q, findReport(q.ctx, q.auth, q.params.id).id));
  r.put("/api/v1/admin/reports/:id", { scopes: SCOPES.writeReports }, (q) => {
    const report = findReport(q.ctx, q.auth, q.params.id);
    updateReport(q.ctx, report, { category: str(q.input, "category"), ruleIds: strArr(q.input, "rule_ids") });
    return reportEntity(q, report.id);
  });
}
