/**
 * GET /api/v1/admin/hearth/action_logs: Hearth's JSON form of Mastodon's /admin/action_logs (the
 * audit log; admin:read + View Audit Log), newest first with Link pagination, filtered by
 * `account_id` (who acted) and `action_type`.
 */
import type { Router } from "../../../http/route";
import { str } from "../../../http/params";
import { linkHeader, readPage } from "../../../http/pagination";
import { listAdminActionLogsPage } from "../../../db/queries/admin-action-logs";
import { parseId } from "../../../model/ids";
import { staff } from "./staff";

/** Registers the endpoint. */
export default function register(r: Router): void {
  r.get("/api/v1/admin/hearth/action_logs", { scopes: ["admin:read"] }, (q) => {
    staff(q, "view_audit_log");
    const page = readPage(q.input, 40, 200);
    const rows = listAdminActionLogsPage(q.ctx.db, {
      limit: page.limit,
      maxId: page.maxId,
      accountId: q.input.account_id === undefined ? undefined : (parseId(q.input.account_id) ?? -1),
      action: str(q.input, "action_type", { max: 100 }),
    });
    const link = linkHeader(q.url, q.ctx.uris.base, rows[0]?.id, rows[rows.length - 1]?.id, rows.length === page.limit);
    if (link) q.set.headers.Link = link;
    return rows.map((l) => ({
      id: String(l.id),
      account: l.account_id === null ? null : { id: String(l.account_id), username: l.username },
      action: l.action,
      target_type: l.target_type,
      target_id: l.target_id,
      human_identifier: l.human_identifier,
      created_at: new Date(l.created_at).toISOString(),
    }));
  });
}
