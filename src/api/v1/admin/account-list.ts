/** The account list both admin account endpoints answer (v1 and v2 filters), Link-paged by account id. */
import type { UserReq } from "../../../http/route";
import { str, type Params } from "../../../http/params";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { adminAccountIds, type AdminAccountFilter } from "../../../db/queries/admin";
import { loadAdminAccounts } from "../../../db/views/admin";

/** The account states a filter can ask for (v2 `status`, v1 boolean flags). */
export const ACCOUNT_STATUSES = ["active", "pending", "disabled", "silenced", "suspended", "sensitized"] as const;

/** The text filters v1 and v2 share: username, display_name, by_domain, email, ip. */
export function readTextFilters(i: Params): AdminAccountFilter {
  return {
    username: str(i, "username", { max: 100 }),
    displayName: str(i, "display_name", { max: 100 }),
    byDomain: str(i, "by_domain", { max: 255 }),
    email: str(i, "email", { max: 320 }),
    ip: str(i, "ip", { max: 64 }),
  };
}

/** Admin::Account entities matching `f`, one page (100 by default, at most 200), with the Link header. */
export function adminAccountList(q: UserReq, f: AdminAccountFilter): unknown[] {
  const ids = adminAccountIds(q.ctx, f, readPage(q.input, 100, 200));
  setLinkHeader(q, ids[0], ids[ids.length - 1]);
  const views = loadAdminAccounts(q.ctx, ids);
  return ids.map((id) => views.get(id)).filter((x) => !!x);
}
