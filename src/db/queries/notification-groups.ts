/**
 * Pages of notification groups (Mastodon's Notification::Groups#paginate_groups): walk the
 * recipient's notifications in id order and keep the first one met of each group, until
 * `limit` groups. Reads notifications(account_id, id) in growing batches.
 */
import type { AppContext } from "../../context";
import type { NotificationRow } from "../../serializers/mastodon/notification";
import { parseId } from "../../model/ids";
import { notificationFilterSql, type NotificationFilter } from "./timelines";

type Arg = number | string | null;

/** One notification standing for its group in a page, with the key it is grouped under. */
export interface GroupRep {
  row: NotificationRow;
  key: string;
}

/** Bounds and direction of a walk; `asc` walks up from `minId` (Mastodon's min_id). */
export interface GroupWalk {
  maxId?: number;
  sinceId?: number;
  minId?: number;
  asc: boolean;
  limit: number;
}

/**
 * The key a notification is grouped under: its stored group_key when its type is among
 * `groupedTypes` (all groupable types when null), else "ungrouped-<id>".
 */
export function effectiveGroupKey(row: Pick<NotificationRow, "id" | "type" | "group_key">, groupedTypes: ReadonlySet<string> | null): string {
  if (row.group_key && (groupedTypes === null || groupedTypes.has(row.type))) return row.group_key;
  return `ungrouped-${row.id}`;
}

/**
 * SQL condition leaving out notifications from suspended accounts (Mastodon's without_suspended).
 * It probes the small partial index accounts_suspended (migration 0022) rather than the accounts
 * table: a third of the cost per row, and the group walks probe hundreds of rows.
 */
export const NOT_SUSPENDED_SQL = "NOT EXISTS (SELECT 1 FROM accounts fa INDEXED BY accounts_suspended WHERE fa.id = n.from_account_id AND fa.suspended_at IS NOT NULL)";

/**
 * Representatives of up to `w.limit` groups, newest first, among the notifications the filter
 * lets through within the walk's bounds. Each is the newest (walking down) or the oldest
 * (walking up from min_id) of its group within those bounds.
 */
export function groupRepresentatives(ctx: AppContext, viewerId: number, f: NotificationFilter, w: GroupWalk, groupedTypes: ReadonlySet<string> | null): GroupRep[] {
  const filter = notificationFilterSql(viewerId, f);
  let where = `${filter.sql} AND ${NOT_SUSPENDED_SQL}`;
  const args: Arg[] = [...filter.args];
  if (w.maxId !== undefined) { where += " AND n.id < ?"; args.push(w.maxId); }
  if (w.sinceId !== undefined) { where += " AND n.id > ?"; args.push(w.sinceId); }
  if (w.minId !== undefined) { where += " AND n.id > ?"; args.push(w.minId); }
  const sql = `SELECT n.* FROM notifications n WHERE ${where} AND n.id ${w.asc ? ">" : "<"} ? ORDER BY n.id ${w.asc ? "ASC" : "DESC"} LIMIT ?`;
  const q = ctx.db.query<NotificationRow, Arg[]>(sql);
  const seen = new Set<string>();
  const reps: GroupRep[] = [];
  let cursor = w.asc ? 0 : Number.MAX_SAFE_INTEGER;
  // Big groups (hundreds of favourites) are skipped over with batches that double in size.
  let batch = Math.max(w.limit * 2, 20);
  for (;;) {
    const rows = q.all(...args, cursor, batch);
    for (const row of rows) {
      const key = effectiveGroupKey(row, groupedTypes);
      if (seen.has(key)) continue;
      seen.add(key);
      reps.push({ row, key });
      if (reps.length === w.limit) break;
    }
    if (reps.length === w.limit || rows.length < batch) break;
    cursor = rows[rows.length - 1]!.id;
    batch = Math.min(batch * 2, 2000);
  }
  return w.asc ? reps.reverse() : reps;
}

/** What a group looks like up to the page's newest notification (Mastodon's load_groups_data). */
export interface GroupData {
  mostRecentId: number;
  latestAt: number;
  count: number;
  /** Senders of the newest notifications, newest first (at most `samples`). */
  sampleAccountIds: number[];
  /** Oldest notification of the group at or above the page's lower bound. */
  pageMinId: number | null;
}

/**
 * Counts, newest notification and sample senders of the viewer's groups `keys`, among their
 * notifications with ids in [lo, hi] for page_min_id and ≤ hi otherwise; one query. Senders
 * that are suspended or blocked are left out, as in the list. The rows (one notifications_group
 * range per key, newest first) are tallied here: twice as fast as SQL window functions.
 */
export function loadGroupData(ctx: AppContext, viewerId: number, keys: readonly string[], lo: number, hi: number, samples: number): Map<string, GroupData> {
  const out = new Map<string, GroupData>();
  if (keys.length === 0) return out;
  const rows = ctx.db.query<{ group_key: string; id: number; from_account_id: number; created_at: number }, Arg[]>(
    `SELECT n.group_key, n.id, n.from_account_id, n.created_at FROM json_each(?) j
     CROSS JOIN notifications n ON n.account_id = ? AND n.group_key = j.value AND n.id <= ?
     WHERE ${NOT_SUSPENDED_SQL}
       AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = n.account_id AND b.target_account_id = n.from_account_id)
     ORDER BY n.id DESC`,
  ).all(JSON.stringify([...new Set(keys)]), viewerId, hi);
  for (const r of rows) {
    let g = out.get(r.group_key);
    if (!g) out.set(r.group_key, (g = { mostRecentId: r.id, latestAt: r.created_at, count: 0, sampleAccountIds: [], pageMinId: null }));
    g.count++;
    if (g.sampleAccountIds.length < samples) g.sampleAccountIds.push(r.from_account_id);
    if (r.id >= lo) g.pageMinId = r.id;
  }
  return out;
}

/** The newest notification of the viewer's group `key` ("ungrouped-<id>" included) that the list would show. */
export function newestOfGroup(ctx: AppContext, viewerId: number, key: string): NotificationRow | undefined {
  const base = `SELECT n.* FROM notifications n WHERE n.account_id = ? AND ${NOT_SUSPENDED_SQL}
    AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = n.account_id AND b.target_account_id = n.from_account_id)`;
  const id = ungroupedId(key);
  if (id !== undefined) return ctx.db.query<NotificationRow, Arg[]>(`${base} AND n.id = ?`).get(viewerId, id) ?? undefined;
  return ctx.db.query<NotificationRow, Arg[]>(`${base} AND n.group_key = ? ORDER BY n.id DESC LIMIT 1`).get(viewerId, key) ?? undefined;
}

/**
 * Notification ids and senders of the viewer's group `key`, newest first, paged by notification
 * id (max_id / since_id), for GET /api/v2/notifications/:group_key/accounts.
 */
export function groupMembers(ctx: AppContext, viewerId: number, key: string, page: { maxId?: number; sinceId?: number; limit: number }): { id: number; from_account_id: number }[] {
  let where = `n.account_id = ? AND ${NOT_SUSPENDED_SQL}
    AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = n.account_id AND b.target_account_id = n.from_account_id)`;
  const args: Arg[] = [viewerId];
  const id = ungroupedId(key);
  if (id !== undefined) { where += " AND n.id = ?"; args.push(id); }
  else { where += " AND n.group_key = ?"; args.push(key); }
  if (page.maxId !== undefined) { where += " AND n.id < ?"; args.push(page.maxId); }
  if (page.sinceId !== undefined) { where += " AND n.id > ?"; args.push(page.sinceId); }
  return ctx.db.query<{ id: number; from_account_id: number }, Arg[]>(
    `SELECT n.id, n.from_account_id FROM notifications n WHERE ${where} ORDER BY n.id DESC LIMIT ?`,
  ).all(...args, page.limit);
}

/** The notification id in "ungrouped-<id>", or undefined for any other key. */
export function ungroupedId(key: string): number | undefined {
  return key.startsWith("ungrouped-") ? parseId(key.slice("ungrouped-".length)) : undefined;
}
