/** Local account search (AccountSearchService without remote resolution): prefix matches on handle and display name. */
import type { AppContext } from "../../context";
import { hiddenAccountsSql } from "../../db/queries/relationships";
import { parseAcct } from "./find";

export interface AccountSearch {
  q: string;
  limit: number;
  offset?: number;
  /** Only accounts the viewer follows. */
  following?: boolean;
  viewerId: number | null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => "\\" + c);

/**
 * Ids of matching accounts, best first: exact handle, then accounts the viewer follows, then
 * by follower count. `q` may be `name`, `@name`, `name@domain` or `@name@domain`.
 */
export function searchAccounts(ctx: AppContext, s: AccountSearch): number[] {
  const raw = s.q.trim();
  if (raw === "" || raw === "@") return [];
  const hasDomain = raw.replace(/^@/, "").includes("@");
  const { username, domain } = parseAcct(ctx, raw);
  // id > 0 leaves out the instance actor (id -99).
  const where: string[] = ["a.suspended_at IS NULL", "a.id > 0"];
  const args: (string | number)[] = [];
  const prefix = likeEscape(username.toLowerCase()) + "%";
  if (hasDomain) {
    where.push("lower(a.username) LIKE ? ESCAPE '\\'");
    args.push(prefix);
    if (domain === null) where.push("a.domain IS NULL");
    else { where.push("lower(a.domain) LIKE ? ESCAPE '\\'"); args.push(likeEscape(domain.toLowerCase()) + "%"); }
  } else {
    where.push("(lower(a.username) LIKE ? ESCAPE '\\' OR lower(a.display_name) LIKE ? ESCAPE '\\' OR lower(a.display_name) LIKE ? ESCAPE '\\')");
    args.push(prefix, prefix, "% " + prefix);
  }
  const viewer = s.viewerId;
  if (viewer !== null && s.following) { where.push("a.id IN (SELECT target_account_id FROM follows WHERE account_id = ?)"); args.push(viewer); }
  const hidden = hiddenAccountsSql(ctx, "a.id", viewer);
  const followRank = viewer !== null ? "(SELECT count(*) FROM follows f WHERE f.account_id = ? AND f.target_account_id = a.id) DESC, " : "";
  const sql = `SELECT a.id FROM accounts a WHERE ${where.join(" AND ")}${hidden.sql}
    ORDER BY (lower(a.username) = ? AND ${domain === null ? "a.domain IS NULL" : "lower(a.domain) = ?"}) DESC, ${followRank}a.followers_count DESC, a.id
    LIMIT ? OFFSET ?`;
  const orderArgs: (string | number)[] = [username.toLowerCase()];
  if (domain !== null) orderArgs.push(domain.toLowerCase());
  if (viewer !== null) orderArgs.push(viewer);
  return ctx.db
    .query<{ id: number }, any[]>(sql)
    .all(...args, ...hidden.args, ...orderArgs, s.limit, s.offset ?? 0)
    .map((r) => r.id);
}
