/**
 * The account search of /api/v1/accounts/search and /api/v2/search: prefix matches on handle
 * and display name words through accounts_fts (migration 0028: case and accents folded).
 */
import type { AppContext } from "../../context";
import { hiddenAccountsSql } from "./relationships";

/** What a local account search matches: a username prefix, and a domain prefix when one was given. */
export interface AccountSearchQuery {
  username: string;
  domain: string | null;
  /** The query named a domain (`name@domain`): match handles only, not display names. */
  hasDomain: boolean;
  /** Only accounts the viewer follows. */
  following?: boolean;
  viewerId: number | null;
  limit: number;
  offset: number;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => "\\" + c);

/**
 * The bounds of `lower(username) LIKE 'prefix%'` as a range the accounts_handle index
 * (lower(username), …) can walk: [prefix, prefix + U+10FFFF), the prefix lower-cased as before.
 */
function prefixRange(username: string): [string, string] {
  const p = username.toLowerCase();
  return [p, p + "\u{10FFFF}"];
}

/**
 * Ids of matching accounts, best first: exact handle, then accounts the viewer follows, then
 * by follower count. Leaves out suspended accounts, the instance actor and those the viewer
 * blocks, is blocked by or mutes.
 */
export function searchAccountIds(ctx: AppContext, q: AccountSearchQuery): number[] {
  const { username, domain } = q;
  // id > 0 leaves out the instance actor (id -99).
  const where: string[] = ["a.suspended_at IS NULL", "a.id > 0"];
  const args: (string | number)[] = [];
  if (q.hasDomain) {
    where.push("lower(a.username) >= ? AND lower(a.username) < ?");
    args.push(...prefixRange(username));
    if (domain === null) where.push("a.domain IS NULL");
    else {
      where.push("lower(a.domain) LIKE ? ESCAPE '\\'");
      args.push(likeEscape(domain.toLowerCase()) + "%");
    }
  } else {
    // Every word of the query starts a word of the display name, or the query starts the username.
    const words = username.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!words.length) return [];
    const quote = (w: string) => `"${w.replace(/"/g, '""')}" *`;
    const names = words.map((w) => `display_name : ${quote(w)}`).join(" AND ");
    // One list of ids from two index walks (the FTS prefix index and the accounts_handle
    // expression index) instead of an OR that makes SQLite scan every account.
    where.push(`a.id IN (SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH ?
      UNION SELECT id FROM accounts WHERE lower(username) >= ? AND lower(username) < ?)`);
    args.push(names, ...prefixRange(username));
  }
  const viewer = q.viewerId;
  // discoverable = false keeps an account out of search, except for its exact handle and for
  // accounts the viewer follows or is followed by.
  const exact = domain === null ? "(lower(a.username) = ? AND a.domain IS NULL)" : "(lower(a.username) = ? AND lower(a.domain) = ?)";
  const exactArgs: (string | number)[] = domain === null ? [username.toLowerCase()] : [username.toLowerCase(), domain.toLowerCase()];
  if (viewer === null) {
    where.push(`(a.discoverable = 1 OR ${exact})`);
    args.push(...exactArgs);
  } else {
    where.push(`(a.discoverable = 1 OR ${exact} OR a.id = ?
      OR EXISTS (SELECT 1 FROM follows df WHERE df.account_id = ? AND df.target_account_id = a.id)
      OR EXISTS (SELECT 1 FROM follows db WHERE db.account_id = a.id AND db.target_account_id = ?))`);
    args.push(...exactArgs, viewer, viewer, viewer);
  }
  if (viewer !== null && q.following) {
    where.push("a.id IN (SELECT target_account_id FROM follows WHERE account_id = ?)");
    args.push(viewer);
  }
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
    .all(...args, ...hidden.args, ...orderArgs, q.limit, q.offset)
    .map((r) => r.id);
}
