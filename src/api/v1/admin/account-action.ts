/** POST /api/v1/admin/accounts/:id/action: moderate an account (type none|sensitive|disable|silence|suspend). */
import type { Router } from "../../../http/route";
import { bool, str } from "../../../http/params";
import { findAdminTarget } from "../../../services/admin/accounts";
import { takeAccountAction } from "../../../services/admin/account-action";
import { SCOPES, staff } from "./staff";

/** Registers the endpoint; answers `{}` as Mastodon does. */
export default function register(r: Router): void {
  r.post("/api/v1/admin/accounts/:id/action", { scopes: SCOPES.writeAccounts }, (q) => {
    staff(q, "manage_users", "manage_reports");
    const t = findAdminTarget(q.ctx, q.params.id);
    const i = q.input;
    takeAccountAction(q.ctx, q.auth, t, {
      type: str(i, "type"),
      reportId: str(i, "report_id"),
      text: str(i, "text"),
      sendEmailNotification: bool(i, "send_email_notification"),
    });
    return {};
  });
}
