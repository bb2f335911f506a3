/**
 * Id-page queries for lists: the list timeline (one range scan of list_feeds' primary key,
 * filtered per row like the home timeline) and the members of a list.
 */
import type { AppContext } from "../../context";
import { pageSql, type Page } from "../paging";
import { ALL_RELATIONS, notSuspendedSql, viewerFilterSql, viewerRelations, type IdPage, type ViewerRelations } from "./timelines";

type Arg = number | string | null;

/** SQL of a list timeline page for its owner `viewerId` (exported so tests can EXPLAIN it). */
export function listTimelineSql(
  listId: number,
  viewerId: number,
  page: Page,
  now: number,
  rel: ViewerRelations = ALL_RELATIONS,
): { sql: string; args: Arg[]; finish: <T>(rows: T[]) => T[] } {
  const p = pageSql(page, "lf.status_id");
  const f = viewerFilterSql(viewerId, ["s.account_id", "o.account_id"], now, rel);
  // Suspended authors (of the post or of the boosted post) drop out at read time.
  const suspended = notSuspendedSql(["s.account_id", "o.account_id"]);
  const limit = Math.max(1, Math.floor(Number(page.limit)) || 1);
  const sql = `SELECT lf.status_id AS id, lf.status_id AS cursor
    FROM list_feeds lf
    JOIN statuses s ON s.id = lf.status_id
    LEFT JOIN statuses o ON o.id = s.reblog_of_id
    WHERE lf.list_id = ?${p.where}${f.sql}${suspended}
    ORDER BY ${p.order} LIMIT ${limit}`;
  return { sql, args: [listId, ...p.args, ...f.args], finish: p.finish };
}

/** A page of the list timeline of `listId` as seen by its owner `viewerId`. */
export function listTimelineIds(ctx: AppContext, listId: number, viewerId: number, page: Page): IdPage {
  const q = listTimelineSql(listId, viewerId, page, ctx.now(), viewerRelations(ctx, viewerId));
  const rows = q.finish(ctx.db.query<{ id: number; cursor: number }, Arg[]>(q.sql).all(...q.args));
  return { ids: rows.map((r) => r.id), cursors: rows.map((r) => r.cursor) };
}

/**
 * Member account ids of a list, highest account id first (Mastodon pages list members by
 * account id); `page` null means all of them. Suspended accounts are left out.
 */
export function listMemberIds(ctx: AppContext, listId: number, page: Page | null): number[] {
  const p = page
    ? pageSql(page, "la.account_id")
    : { where: "", order: "la.account_id DESC", args: [] as number[], finish: <T>(r: T[]) => r };
  const limit = page ? ` LIMIT ${Math.max(1, Math.floor(page.limit))}` : "";
  const sql = `SELECT la.account_id AS id FROM list_accounts la
    WHERE la.list_id = ?${p.where} AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = la.account_id AND a.suspended_at IS NOT NULL)
    ORDER BY ${p.order}${limit}`;
  return p.finish(ctx.db.query<{ id: number }, Arg[]>(sql).all(listId, ...p.args)).map((r) => r.id);
}
