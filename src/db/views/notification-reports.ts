/**
 * The Report entities admin.report notifications carry (v1 list and v2 groups): the reports
 * and their target accounts in a fixed number of queries.
 */
import type { AppContext } from "../../context";
import { selectIn } from "../sql";
import { loadAccountViews } from "./accounts";
import { toMastodonReport, type ReportRow } from "../../serializers/mastodon/report";

/** Serialized Reports by report id for the notifications among `rows` that point at one. */
export function loadNotificationReports(
  ctx: AppContext,
  rows: readonly { report_id?: number | null }[],
): Map<number, Record<string, unknown>> {
  const ids = [...new Set(rows.map((r) => r.report_id).filter((x): x is number => typeof x === "number"))];
  if (!ids.length) return new Map();
  const reports = selectIn<ReportRow>(ctx.db, (ph) => `SELECT * FROM reports WHERE id IN (${ph})`, ids);
  const targets = loadAccountViews(
    ctx,
    reports.map((r) => r.target_account_id),
  );
  const out = new Map<number, Record<string, unknown>>();
  for (const r of reports) {
    const t = targets.get(r.target_account_id);
    if (t) out.set(r.id, toMastodonReport(r, t));
  }
  return out;
}
