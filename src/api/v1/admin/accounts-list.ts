/** GET /api/v1/admin/accounts: accounts matching the v1 boolean filters, Link-paged (Manage Users). v2 is in src/api/v2/admin/. */
import type { Router } from "../../../http/route";
import { bool, type Params } from "../../../http/params";
import type { AdminAccountFilter } from "../../../db/queries/admin";
import { ACCOUNT_STATUSES, adminAccountList, readTextFilters } from "./account-list";
import { SCOPES, staff } from "./staff";

/** The v1 boolean parameters translated to the v2 filter (as Mastodon's v1 controller does). */
function v1Filter(i: Params): AdminAccountFilter {
  const f = readTextFilters(i);
  if (bool(i, "local")) f.origin = "local";
  else if (bool(i, "remote")) f.origin = "remote";
  for (const s of ACCOUNT_STATUSES) if (bool(i, s)) f.status = s;
  if (bool(i, "staff")) f.staff = true;
  return f;
}

/** Registers the v1 account list. */
export default function register(r: Router): void {
  r.get("/api/v1/admin/accounts", { scopes: SCOPES.readAccounts }, (q) => {
    staff(q, "manage_users");
    return adminAccountList(q, v1Filter(q.input));
  });
}
