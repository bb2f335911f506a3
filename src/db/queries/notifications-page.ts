/**
 * Id-page queries for notifications: the filter of the v1 list and the unread count (types,
 * exclude_types, account_id, include_filtered, blocks), a page of ids or rows, and the ids
 * after the read marker. The grouped (v2) walk is in notification-groups.ts.
 */
import type { AppContext } from "../../context";
import { pageSql, type Page } from "../paging";
import type { NotificationRow } from "../../serializers/mastodon/notification";
import { limitSql, type IdPage } from "./timelines";

type Arg = number | string | null;

/** What the notifications list and unread count read: types[], exclude_types[], account_id, include_filtered. */
export interface NotificationFilter {
  types?: string[];
  excludeTypes?: string[];
  fromAccountId?: number;
  /** Also notifications held back by the notification policy (include_filtered). */
  includeFiltered?: boolean;
}

/**
 * WHERE fragment shared by the notifications list and the unread count. `blocking` false (the
 * viewer blocks nobody: see blocksAnyone) leaves out the per-row block probe.
 */
export function notificationFilterSql(viewerId: number, f: NotificationFilter, blocking = true): { sql: string; args: Arg[] } {
  let sql = "n.account_id = ?";
  const args: Arg[] = [viewerId];
  if (f.types?.length) {
    sql += ` AND n.type IN (${f.types.map(() => "?").join(", ")})`;
    args.push(...f.types);
  }
  if (f.excludeTypes?.length) {
    sql += ` AND n.type NOT IN (${f.excludeTypes.map(() => "?").join(", ")})`;
    args.push(...f.excludeTypes);
  }
  if (f.fromAccountId !== undefined) {
    sql += " AND n.from_account_id = ?";
    args.push(f.fromAccountId);
  }
  // Filtered notifications only when asked for, or when reading one sender's (as Mastodon's browserable).
  else if (!f.includeFiltered) sql += " AND n.filtered = 0";
  // Accounts blocked after the fact stay out of the list.
  if (blocking)
    sql += " AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = n.account_id AND b.target_account_id = n.from_account_id)";
  return { sql, args };
}

/** Whether the viewer blocks any account (one index probe). */
export function blocksAnyone(ctx: AppContext, viewerId: number): boolean {
  return ctx.db.query<{ b: number }, [number]>("SELECT EXISTS (SELECT 1 FROM blocks WHERE account_id = ?) AS b").get(viewerId)!.b === 1;
}

/** Notification ids of a page, walking notifications(account_id, id). */
export function notificationIds(ctx: AppContext, viewerId: number, f: NotificationFilter, page: Page): IdPage {
  const p = pageSql(page, "n.id");
  const w = notificationFilterSql(viewerId, f);
  const sql = `SELECT n.id AS id, n.id AS cursor FROM notifications n WHERE ${w.sql}${p.where} ORDER BY ${p.order} LIMIT ?`;
  const rows = p.finish(ctx.db.query<{ id: number; cursor: number }, Arg[]>(sql).all(...w.args, ...p.args, page.limit));
  return { ids: rows.map((r) => r.id), cursors: rows.map((r) => r.cursor) };
}

/** The rows of the page notificationIds gives (one query instead of ids, then rows). */
export function notificationRowsPage(ctx: AppContext, viewerId: number, f: NotificationFilter, page: Page): NotificationRow[] {
  const p = pageSql(page, "n.id");
  const w = notificationFilterSql(viewerId, f, blocksAnyone(ctx, viewerId));
  const sql = `SELECT n.* FROM notifications n WHERE ${w.sql}${p.where} ORDER BY ${p.order} ${limitSql(page.limit)}`;
  return p.finish(ctx.db.query<NotificationRow, Arg[]>(sql).all(...w.args, ...p.args));
}

/** Ids of the newest `cap` notifications newer than `afterId` (for the unread count). */
export function countNotificationIdsAfter(
  ctx: AppContext,
  viewerId: number,
  f: NotificationFilter,
  afterId: number,
  cap: number,
): number[] {
  const w = notificationFilterSql(viewerId, f);
  const sql = `SELECT n.id FROM notifications n WHERE ${w.sql} AND n.id > ? ORDER BY n.id DESC LIMIT ?`;
  return ctx.db
    .query<{ id: number }, Arg[]>(sql)
    .all(...w.args, afterId, cap)
    .map((r) => r.id);
}
