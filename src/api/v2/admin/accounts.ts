/** GET /api/v2/admin/accounts: accounts matching Mastodon's AccountFilter, Link-paged (Manage Users). */
import type { Router } from "../../../http/route";
import { ApiError } from "../../../model/errors";
import { str, strArr, type Params } from "../../../http/params";
import type { AdminAccountFilter } from "../../../db/queries/admin";
import { ACCOUNT_STATUSES, adminAccountList, readTextFilters } from "../../v1/admin/account-list";
import { SCOPES, staff } from "../../v1/admin/staff";

/** The v2 filter parameters; unknown values are 400 as in Mastodon's AccountFilter. */
function v2Filter(i: Params): AdminAccountFilter {
  const f = readTextFilters(i);
  const origin = str(i, "origin");
  if (origin) {
    if (origin !== "local" && origin !== "remote") throw new ApiError(400, `Unknown origin: ${origin}`);
    f.origin = origin;
  }
  const status = str(i, "status");
  if (status) {
    if (!(ACCOUNT_STATUSES as readonly string[]).includes(status)) throw new ApiError(400, `Unknown status: ${status}`);
    f.status = status as AdminAccountFilter["status"];
  }
  const permissions = str(i, "permissions");
  if (permissions) {
    if (permissions !== "staff") throw new ApiError(400, `Unknown permissions: ${permissions}`);
    f.staff = true;
  }
  const roles = strArr(i, "role_ids")?.filter((x) => x !== "");
  if (roles?.length) f.roleIds = roles;
  return f;
}

/** Registers the v2 account list. */
export default function register(r: Router): void {
  r.get("/api/v2/admin/accounts", { scopes: SCOPES.readAccounts }, (q) => {
    staff(q, "manage_users");
    return adminAccountList(q, v2Filter(q.input));
  });
}
