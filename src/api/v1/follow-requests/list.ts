/** GET /api/v1/follow_requests: accounts asking to follow you, paginated by request id. */
import type { Router } from "../../../http/route";
import { accountPage } from "../accounts/helpers";

export default function register(r: Router): void {
  r.get("/api/v1/follow_requests", { scopes: ["read:follows"] }, (q) =>
    accountPage(
      q,
      `SELECT fr.id AS pid, fr.account_id AS aid FROM follow_requests fr JOIN accounts a ON a.id = fr.account_id
       WHERE fr.target_account_id = ? AND a.suspended_at IS NULL$PAGE ORDER BY $ORDER`,
      "fr.id",
      [q.auth.accountId],
    ),
  );
}
