/** POST /api/v1/reports: report an account (and some of its statuses) to the moderators → Report. */
import type { Router } from "../../../http/route";
import { bool, str, strArr } from "../../../http/params";
import { accountView } from "../../../db/views/accounts";
import { getReport } from "../../../db/queries/reports";
import { toMastodonReport } from "../../../serializers/mastodon/report";
import { createReport } from "../../../services/reports/create";

export default function register(r: Router): void {
  // Mastodon: write:reports (covered by a `write` token).
  r.post("/api/v1/reports", { scopes: ["write:reports"] }, async (q) => {
    const i = q.input;
    const id = await createReport(q.ctx, q.auth.accountId, {
      accountId: str(i, "account_id"),
      statusIds: strArr(i, "status_ids"),
      comment: str(i, "comment"),
      forward: bool(i, "forward"),
      category: str(i, "category"),
      ruleIds: strArr(i, "rule_ids"),
    });
    const row = getReport(q.ctx.db, id)!;
    return toMastodonReport(row, accountView(q.ctx, row.target_account_id) ?? {});
  });
}
