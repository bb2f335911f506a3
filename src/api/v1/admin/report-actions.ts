/** POST /api/v1/admin/reports/:id/{assign_to_self,unassign,resolve,reopen}: each answers with the Admin::Report. */
import type { Router } from "../../../http/route";
import { assignReportToSelf, findReport, reopenReport, resolveReport, unassignReport } from "../../../services/admin/reports";
import type { AdminReportRow } from "../../../serializers/mastodon/admin-report";
import type { AppContext } from "../../../context";
import type { StaffAuth } from "../../../services/admin/accounts";
import { reportEntity } from "./reports";
import { SCOPES } from "./staff";

const ACTIONS: [string, (ctx: AppContext, auth: StaffAuth, r: AdminReportRow) => void][] = [
  ["assign_to_self", assignReportToSelf],
  ["unassign", (ctx, a, r) => unassignReport(ctx, r, a.accountId)],
  ["resolve", resolveReport],
  ["reopen", (ctx, a, r) => reopenReport(ctx, r, a.accountId)],
];

/** Registers the report actions (Manage Reports). */
export default function register(r: Router): void {
  for (const [name, act] of ACTIONS) {
    r.post(`/api/v1/admin/reports/:id/${name}`, { scopes: SCOPES.writeReports }, (q) => {
      const report = findReport(q.ctx, q.auth, q.params.id);
      act(q.ctx, q.auth, report);
      return reportEntity(q, report.id);
    });
  }
}
