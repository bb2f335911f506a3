/** Local account search (AccountSearchService without remote resolution): prefix matches on handle and display name. */
import type { AppContext } from "../../context";
import { searchAccountIds } from "../../db/queries/account-search";
import { parseAcct } from "./find";

export interface AccountSearch {
  q: string;
  limit: number;
  offset?: number;
  /** Only accounts the viewer follows. */
  following?: boolean;
  viewerId: number | null;
}

/**
 * Ids of matching accounts, best first: exact handle, then accounts the viewer follows, then
 * by follower count. `q` may be `name`, `@name`, `name@domain` or `@name@domain`.
 */
export function searchAccounts(ctx: AppContext, s: AccountSearch): number[] {
  const raw = s.q.trim();
  if (raw === "" || raw === "@") return [];
  const hasDomain = raw.replace(/^@/, "").includes("@");
  const { username, domain } = parseAcct(ctx, raw);
  return searchAccountIds(ctx, {
    username,
    domain,
    hasDomain,
    following: s.following,
    viewerId: s.viewerId,
    limit: s.limit,
    offset: s.offset ?? 0,
  });
}
