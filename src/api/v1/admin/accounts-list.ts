/** GET /api/v2/admin/accounts and GET /api/v1/admin/accounts: accounts matching filters, Link-paged. */
import type { Router, UserReq } from "../../../http/route";
import { ApiError } from "../../../model/errors";
import { bool, str, strArr, type Params } from "../../../http/params";
import { linkHeader, readPage } from "../../../http/pagination";
import { adminAccountIds, type AdminAccountFilter } from "../../../db/queries/admin";
import { loadAdminAccounts } from "../../../db/views/admin";
import { SCOPES, staff } from "./helpers";

const STATUSES = ["active", "pending", "disabled", "silenced", "suspended", "sensitized"] as const;

function common(i: Params): AdminAccountFilter {
  return { username: str(i, "username", { max: 100 }), displayName: str(i, "display_name", { max: 100 }), byDomain: str(i, "by_domain", { max: 255 }), email: str(i, "email", { max: 320 }), ip: str(i, "ip", { max: 64 }) };
}

/** The v2 filter parameters; unknown values are 400 as in Mastodon's AccountFilter. */
function v2Filter(i: Params): AdminAccountFilter {
  const f = common(i);
  const origin = str(i, "origin");
  if (origin) {
    if (origin !== "local" && origin !== "remote") throw new ApiError(400, `Unknown origin: ${origin}`);
    f.origin = origin;
  }
  const status = str(i, "status");
  if (status) {
    if (!(STATUSES as readonly string[]).includes(status)) throw new ApiError(400, `Unknown status: ${status}`);
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

/** The v1 boolean parameters translated to the v2 filter (as Mastodon's v1 controller does). */
function v1Filter(i: Params): AdminAccountFilter {
  const f = common(i);
  if (bool(i, "local")) f.origin = "local";
  else if (bool(i, "remote")) f.origin = "remote";
  for (const s of STATUSES) if (bool(i, s)) f.status = s;
  if (bool(i, "staff")) f.staff = true;
  return f;
}

function list(q: UserReq, f: AdminAccountFilter): unknown[] {
  const ids = adminAccountIds(q.ctx, f, readPage(q.input, 100, 200));
  const link = linkHeader(q.url, q.ctx.uris.base, ids[0], ids[ids.length - 1]);
  if (link) q.set.headers.Link = link;
  const views = loadAdminAccounts(q.ctx, ids);
  return ids.map((id) => views.get(id)).filter((x) => !!x);
}

/** Registers both account lists (Manage Users). */
export default function register(r: Router): void {
  r.get("/api/v2/admin/accounts", { scopes: SCOPES.readAccounts }, (q) => {
    staff(q, "manage_users");
    return list(q, v2Filter(q.input));
  });
  r.get("/api/v1/admin/accounts", { scopes: SCOPES.readAccounts }, (q) => {
    staff(q, "manage_users");
    return list(q, v1Filter(q.input));
  });
}
