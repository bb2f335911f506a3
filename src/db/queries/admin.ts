/**
 * Id-page queries of the admin API: accounts matching Mastodon's AccountFilter (origin,
 * status, staff, roles, username, display name, domain, e-mail, IP) and reports by state.
 */
import type { AppContext } from "../../context";
import { pageSql, type Page } from "../paging";
import { rolesWith, ROLE_NAMES } from "../../model/permissions";
import { toMastodonRole } from "../../serializers/mastodon/account";

type Arg = number | string;

/** Filters of GET /api/v2/admin/accounts (v1 parameters are translated to these). */
export interface AdminAccountFilter {
  origin?: "local" | "remote";
  status?: "active" | "pending" | "disabled" | "silenced" | "suspended" | "sensitized";
  staff?: boolean;
  roleIds?: string[];
  username?: string;
  displayName?: string;
  byDomain?: string;
  email?: string;
  ip?: string;
}

const like = (s: string) => "%" + s.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c) + "%";
const prefix = (s: string) => s.toLowerCase().replace(/[\\%_]/g, (c) => "\\" + c) + "%";

/**
 * Up to this many accounts whose username starts with the searched prefix are found through
 * accounts_handle (lower(username), …) and sorted; a prefix shared by more accounts is cheaper
 * to meet walking accounts by id, which stops after a page.
 */
const PREFIX_RANGE_MAX = 2000;

/** Whether few enough usernames start with `username` to read them through accounts_handle. */
function sparsePrefix(ctx: AppContext, username: string): boolean {
  const r = ctx.db
    .query<{ n: number }, [string, number]>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM accounts WHERE lower(username) >= lower(?1) AND lower(username) < lower(?1) || char(1114111) LIMIT ?2)`,
    )
    .get(username, PREFIX_RANGE_MAX);
  return (r?.n ?? 0) < PREFIX_RANGE_MAX;
}

/**
 * WHERE conditions (joined with AND) for `f`; `a` is accounts, `u` the user (LEFT JOIN).
 * `usernameRange` adds the username prefix as an index range (see sparsePrefix).
 */
function filterSql(f: AdminAccountFilter, usernameRange = false): { sql: string; args: Arg[] } {
  const where = ["a.id > 0"];
  const args: Arg[] = [];
  if (f.origin === "local") where.push("a.domain IS NULL");
  if (f.origin === "remote") where.push("a.domain IS NOT NULL");
  switch (f.status) {
    case "active":
      where.push("a.suspended_at IS NULL AND (u.id IS NULL OR (u.approved = 1 AND u.disabled = 0))");
      break;
    case "pending":
      where.push("u.approved = 0 AND a.suspended_at IS NULL");
      break;
    case "disabled":
      where.push("u.disabled = 1");
      break;
    case "silenced":
      where.push("a.silenced_at IS NOT NULL");
      break;
    case "suspended":
      where.push("a.suspended_at IS NOT NULL");
      break;
    case "sensitized":
      where.push("a.sensitized_at IS NOT NULL");
      break;
  }
  const roles: string[] = [];
  if (f.staff) roles.push(...rolesWith("manage_reports"));
  if (f.roleIds?.length) {
    const wanted = ROLE_NAMES.filter((r) => f.roleIds!.includes(String(toMastodonRole(r).id)));
    if (f.staff) roles.splice(0, roles.length, ...roles.filter((r) => wanted.includes(r as never)));
    else roles.push(...wanted);
    if (!roles.length) where.push("0");
  }
  if (roles.length) {
    where.push(`u.role IN (${roles.map(() => "?").join(", ")})`);
    args.push(...roles);
  }
  if (f.username && usernameRange) {
    where.push("lower(a.username) >= lower(?) AND lower(a.username) < lower(?) || char(1114111)");
    args.push(f.username, f.username);
  }
  if (f.username) {
    where.push("lower(a.username) LIKE ? ESCAPE '\\'");
    args.push(prefix(f.username));
  }
  if (f.displayName) {
    where.push("lower(a.display_name) LIKE ? ESCAPE '\\'");
    args.push(like(f.displayName));
  }
  if (f.byDomain) {
    where.push("lower(a.domain) LIKE ? ESCAPE '\\'");
    args.push(like(f.byDomain));
  }
  if (f.email) {
    where.push("lower(u.email) LIKE ? ESCAPE '\\'");
    args.push(like(f.email));
  }
  if (f.ip) {
    where.push("u.sign_up_ip = ?");
    args.push(f.ip.trim());
  }
  return { sql: where.join(" AND "), args };
}

/** Account ids of one page (newest first), walking accounts by id (or the range of a rare username prefix). */
export function adminAccountIds(ctx: AppContext, f: AdminAccountFilter, page: Page): number[] {
  const w = filterSql(f, !!f.username && sparsePrefix(ctx, f.username));
  const p = pageSql(page, "a.id");
  const rows = ctx.db
    .query<{ id: number }, Arg[]>(
      `SELECT a.id FROM accounts a LEFT JOIN users u ON u.account_id = a.id WHERE ${w.sql}${p.where} ORDER BY ${p.order} LIMIT ?`,
    )
    .all(...w.args, ...p.args, page.limit);
  return p.finish(rows).map((r) => r.id);
}

/** Filters of GET /api/v1/admin/reports. */
export interface AdminReportFilter {
  resolved?: boolean;
  accountId?: number;
  targetAccountId?: number;
}

/** Report ids of one page (newest first). */
export function adminReportIds(ctx: AppContext, f: AdminReportFilter, page: Page): number[] {
  const where: string[] = [f.resolved ? "r.action_taken_at IS NOT NULL" : "r.action_taken_at IS NULL"];
  const args: Arg[] = [];
  if (f.accountId !== undefined) {
    where.push("r.account_id = ?");
    args.push(f.accountId);
  }
  if (f.targetAccountId !== undefined) {
    where.push("r.target_account_id = ?");
    args.push(f.targetAccountId);
  }
  const p = pageSql(page, "r.id");
  const rows = ctx.db
    .query<{ id: number }, Arg[]>(`SELECT r.id FROM reports r WHERE ${where.join(" AND ")}${p.where} ORDER BY ${p.order} LIMIT ?`)
    .all(...args, ...p.args, page.limit);
  return p.finish(rows).map((r) => r.id);
}
