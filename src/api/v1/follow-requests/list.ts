/** GET /api/v1/follow_requests: accounts asking to follow you, paginated by request id. */
import type { Router } from "../../../http/route";
import { listFollowRequestersPage } from "../../../db/queries/follow-requests";
import { accountPage, readAccountPage } from "../accounts/account-page";

export default function register(r: Router): void {
  r.get("/api/v1/follow_requests", { scopes: ["read:follows"] }, (q) =>
    accountPage(q, listFollowRequestersPage(q.ctx.db, q.auth.accountId, readAccountPage(q.input))),
  );
}
