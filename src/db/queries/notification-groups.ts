/**
 * Pages of notification groups (Mastodon's Notification::Groups#paginate_groups): walk the
 * recipient's notifications in id order and keep the first one met of each group, until
 * `limit` groups. Reads notifications(account_id, id) in batches sized by what it met so far,
 * and keeps what it read for the page's group counts (groupDataFromWalk).
 */
import type { AppContext } from "../../context";
import type { NotificationRow } from "../../serializers/mastodon/notification";
import { parseId } from "../../model/ids";
import { blocksAnyone, notificationFilterSql, type NotificationFilter } from "./notifications-page";

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
export function effectiveGroupKey(
  row: Pick<NotificationRow, "id" | "type" | "group_key">,
  groupedTypes: ReadonlySet<string> | null,
): string {
  if (row.group_key && (groupedTypes === null || groupedTypes.has(row.type))) return row.group_key;
  return `ungrouped-${row.id}`;
}

/**
 * SQL condition leaving out notifications from suspended accounts (Mastodon's without_suspended).
 * It probes the small partial index accounts_suspended (migration 0022) rather than the accounts
 * table: a third of the cost per row, and the group walks probe hundreds of rows.
 */
export const NOT_SUSPENDED_SQL =
  "NOT EXISTS (SELECT 1 FROM accounts fa INDEXED BY accounts_suspended WHERE fa.id = n.from_account_id AND fa.suspended_at IS NOT NULL)";

/** Up to this many suspended accounts are left out in JavaScript rather than probed per row. */
const FEW_SUSPENDED = 64;

/**
 * The ids of the suspended accounts when there are at most FEW_SUSPENDED (one probe of the
 * small partial index accounts_suspended), else null. A walk then drops their notifications
 * from the rows it read instead of probing the index for each row in SQL: the probe was about
 * 40% of the walk's SQL time, and the walk reads hundreds of rows per page (issue 17).
 */
function fewSuspended(ctx: AppContext, few: number): Set<number> | null {
  const rows = ctx.db
    .query<{ id: number }, []>(`SELECT id FROM accounts INDEXED BY accounts_suspended WHERE suspended_at IS NOT NULL LIMIT ${few + 1}`)
    .all();
  return rows.length > few ? null : new Set(rows.map((r) => r.id));
}

/** What a walk found: the representatives, and what it read on the way (see groupDataFromWalk). */
export interface WalkResult {
  reps: GroupRep[];
  /**
   * Set for a walk down without account_id: every row it read, newest first, policy-filtered
   * ones included, so that it holds every member of the page's groups from `bottom` up.
   */
  seen: NotificationRow[] | null;
  /** The oldest id read (null: none). */
  bottom: number | null;
  /** True when nothing older than `bottom` is left within the walk's bounds. */
  exhausted: boolean;
  /** The walk's since_id, below which it read nothing. */
  sinceId?: number;
  /** Whether the viewer blocks anyone (else block probes are left out). */
  blocking: boolean;
}

/**
 * Representatives of up to `w.limit` groups, newest first, among the notifications the filter
 * lets through within the walk's bounds. Each is the newest (walking down) or the oldest
 * (walking up from min_id) of its group within those bounds.
 */
export function groupRepresentatives(
  ctx: AppContext,
  viewerId: number,
  f: NotificationFilter,
  w: GroupWalk,
  groupedTypes: ReadonlySet<string> | null,
): GroupRep[] {
  return walkGroups(ctx, viewerId, f, w, groupedTypes).reps;
}

/**
 * groupRepresentatives, also keeping what the walk read (WalkResult). `few`: up to how many
 * suspended accounts are left out in JavaScript (tests pass 0 to compare with the SQL probe).
 */
export function walkGroups(
  ctx: AppContext,
  viewerId: number,
  f: NotificationFilter,
  w: GroupWalk,
  groupedTypes: ReadonlySet<string> | null,
  few = FEW_SUSPENDED,
): WalkResult {
  // Walking down without account_id, policy-filtered rows are read too (and skipped here): then
  // the rows read are all that the group data needs above `bottom` (it counts those rows too).
  const keep = !w.asc && f.fromAccountId === undefined;
  const skipFiltered = keep && !f.includeFiltered;
  const blocking = blocksAnyone(ctx, viewerId);
  const filter = notificationFilterSql(viewerId, skipFiltered ? { ...f, includeFiltered: true } : f, blocking);
  const suspended = fewSuspended(ctx, few);
  let where = suspended ? filter.sql : `${filter.sql} AND ${NOT_SUSPENDED_SQL}`;
  const args: Arg[] = [...filter.args];
  if (w.maxId !== undefined) {
    where += " AND n.id < ?";
    args.push(w.maxId);
  }
  if (w.sinceId !== undefined) {
    where += " AND n.id > ?";
    args.push(w.sinceId);
  }
  if (w.minId !== undefined) {
    where += " AND n.id > ?";
    args.push(w.minId);
  }
  // The batch size is written into the SQL (a bound LIMIT costs SQLite ~15 µs a query here) and
  // rounded, so that few statements are prepared.
  const sql = (limit: number) =>
    `SELECT n.* FROM notifications n WHERE ${where} AND n.id ${w.asc ? ">" : "<"} ? ORDER BY n.id ${w.asc ? "ASC" : "DESC"} LIMIT ${limit}`;
  const seenKeys = new Set<string>();
  const reps: GroupRep[] = [];
  const seen: NotificationRow[] | null = keep ? [] : null;
  let cursor = w.asc ? 0 : Number.MAX_SAFE_INTEGER;
  let exhausted = false;
  let read = 0;
  // The first batch reads twice the page; the next ones a little less than the groups met so
  // far suggest is left (reading too far costs more than one more small batch), doubling when
  // none were met.
  let batch = Math.ceil(Math.max(w.limit * 2, 20) / 10) * 10;
  for (;;) {
    const got = ctx.db.query<NotificationRow & { filtered?: number }, Arg[]>(sql(batch)).all(...args, cursor);
    // The batch's end and its size are those of what SQL read; suspended senders' rows are then left out.
    if (got.length < batch) exhausted = true;
    if (got.length) cursor = got[got.length - 1]!.id;
    const rows = suspended?.size ? got.filter((r) => !suspended.has(r.from_account_id)) : got;
    if (seen) for (const row of rows) seen.push(row);
    read += rows.length;
    for (const row of rows) {
      if (skipFiltered && row.filtered) continue;
      const key = effectiveGroupKey(row, groupedTypes);
      if (seenKeys.has(key)) continue;
      seenKeys.add(key);
      reps.push({ row, key });
      if (reps.length === w.limit) break;
    }
    if (reps.length === w.limit || exhausted) break;
    const guess = reps.length ? Math.ceil(((w.limit - reps.length) * read * 0.8) / reps.length) + 10 : batch * 2;
    batch = Math.min(Math.ceil(guess / 10) * 10, batch * 4, 2000);
  }
  return { reps: w.asc ? reps.reverse() : reps, seen, bottom: read ? cursor : null, exhausted, sinceId: w.sinceId, blocking };
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

type GroupRow = { group_key: string; id: number; from_account_id: number; created_at: number };

/**
 * The viewer's notifications of groups `keys` with ids `op` `bound`, newest first, without
 * suspended or blocked senders, as in the list: one query, a notifications_group range per key.
 */
function groupRows(ctx: AppContext, viewerId: number, keys: readonly string[], op: "<=" | "<", bound: number, blocking = true): GroupRow[] {
  const blocks = blocking
    ? "AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = n.account_id AND b.target_account_id = n.from_account_id)"
    : "";
  return ctx.db
    .query<GroupRow, Arg[]>(
      `SELECT n.group_key, n.id, n.from_account_id, n.created_at FROM json_each(?) j
     CROSS JOIN notifications n ON n.account_id = ? AND n.group_key = j.value AND n.id ${op} ?
     WHERE ${NOT_SUSPENDED_SQL} ${blocks}
     ORDER BY n.id DESC`,
    )
    .all(JSON.stringify([...new Set(keys)]), viewerId, bound);
}

/** GroupData of group rows given newest first (tallied here: twice as fast as SQL window functions). */
function tally(rows: Iterable<GroupRow>, lo: number, samples: number): Map<string, GroupData> {
  const out = new Map<string, GroupData>();
  for (const r of rows) {
    let g = out.get(r.group_key);
    if (!g) out.set(r.group_key, (g = { mostRecentId: r.id, latestAt: r.created_at, count: 0, sampleAccountIds: [], pageMinId: null }));
    g.count++;
    if (g.sampleAccountIds.length < samples) g.sampleAccountIds.push(r.from_account_id);
    if (r.id >= lo) g.pageMinId = r.id;
  }
  return out;
}

/**
 * Counts, newest notification and sample senders of the viewer's groups `keys`, among their
 * notifications with ids in [lo, hi] for page_min_id and ≤ hi otherwise; one query. Senders
 * that are suspended or blocked are left out, as in the list.
 */
export function loadGroupData(
  ctx: AppContext,
  viewerId: number,
  keys: readonly string[],
  lo: number,
  hi: number,
  samples: number,
): Map<string, GroupData> {
  if (keys.length === 0) return new Map();
  return tally(groupRows(ctx, viewerId, keys, "<=", hi), lo, samples);
}

/**
 * loadGroupData for the groups of a page that `walk` found, reading only what the walk did not:
 * their notifications older than its bottom (nothing when it ran out). Walks that kept nothing
 * (walking up, or with account_id) fall back to loadGroupData.
 */
export function groupDataFromWalk(
  ctx: AppContext,
  viewerId: number,
  walk: WalkResult,
  keys: readonly string[],
  lo: number,
  hi: number,
  samples: number,
): Map<string, GroupData> {
  if (keys.length === 0) return new Map();
  if (!walk.seen || walk.bottom === null) return loadGroupData(ctx, viewerId, keys, lo, hi, samples);
  const want = new Set(keys);
  const rows: GroupRow[] = [];
  for (const r of walk.seen) if (r.id <= hi && r.group_key && want.has(r.group_key)) rows.push(r as GroupRow);
  if (!walk.exhausted || walk.sinceId !== undefined)
    rows.push(...groupRows(ctx, viewerId, keys, "<", Math.min(walk.bottom, hi + 1), walk.blocking));
  return tally(rows, lo, samples);
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
export function groupMembers(
  ctx: AppContext,
  viewerId: number,
  key: string,
  page: { maxId?: number; sinceId?: number; limit: number },
): { id: number; from_account_id: number }[] {
  let where = `n.account_id = ? AND ${NOT_SUSPENDED_SQL}
    AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = n.account_id AND b.target_account_id = n.from_account_id)`;
  const args: Arg[] = [viewerId];
  const id = ungroupedId(key);
  if (id !== undefined) {
    where += " AND n.id = ?";
    args.push(id);
  } else {
    where += " AND n.group_key = ?";
    args.push(key);
  }
  if (page.maxId !== undefined) {
    where += " AND n.id < ?";
    args.push(page.maxId);
  }
  if (page.sinceId !== undefined) {
    where += " AND n.id > ?";
    args.push(page.sinceId);
  }
  return ctx.db
    .query<{ id: number; from_account_id: number }, Arg[]>(
      `SELECT n.id, n.from_account_id FROM notifications n WHERE ${where} ORDER BY n.id DESC LIMIT ?`,
    )
    .all(...args, page.limit);
}

/** The notification id in "ungrouped-<id>", or undefined for any other key. */
export function ungroupedId(key: string): number | undefined {
  return key.startsWith("ungrouped-") ? parseId(key.slice("ungrouped-".length)) : undefined;
}
