/**
 * The admin dashboard's counts (Mastodon's Admin::Metrics): per-UTC-day series and totals over a
 * day range, top-N dimensions, and sign-up cohorts. Days are whole days since the epoch (UTC).
 */
import type { Database } from "bun:sqlite";

const DAY = 86_400_000;
/** `col` (ms) as a day number. */
const dayOf = (col: string) => `CAST(${col} / ${DAY} AS INTEGER)`;

/** Records that `userId` was active on `day` (idempotent). */
export function recordUserActivityDay(db: Database, userId: number, day: number): void {
  db.query("INSERT OR IGNORE INTO user_activity_days (day, user_id) VALUES (?, ?)").run(day, userId);
}

/** A per-day series: rows of (day, n) and the total over the range (which may not be the sum: distinct counts). */
export interface Series {
  byDay: Map<number, number>;
  total: number;
}

type Param = string | number;

/**
 * Runs a measure's SQL over [first, last] days: `rowsSql` selects (day, n) grouped by day, `totalSql`
 * the range's total; both see ?1 = first day, ?2 = last day, ?3 = the measure's argument.
 */
function series(db: Database, rowsSql: string, totalSql: string, first: number, last: number, arg: Param = ""): Series {
  // bun:sqlite refuses more values than the statement has parameters: pass the argument only when it is used.
  const params: Param[] = rowsSql.includes("?3") ? [first, last, arg] : [first, last];
  const rows = db.query<{ day: number; n: number }, Param[]>(rowsSql).all(...params);
  const total = db.query<{ n: number | null }, Param[]>(totalSql).get(...params)?.n ?? 0;
  return { byDay: new Map(rows.map((r) => [r.day, r.n])), total };
}

/** Both SQL texts of a count of `expr` over `from` filtered by `where`, bucketed by day of `timeCol`. */
function counting(db: Database, expr: string, from: string, timeCol: string, where: string, first: number, last: number, arg?: Param) {
  const range = `${timeCol} >= ?1 * ${DAY} AND ${timeCol} < (?2 + 1) * ${DAY}`;
  const w = where ? `${range} AND (${where})` : range;
  return series(
    db,
    `SELECT ${dayOf(timeCol)} AS day, ${expr} AS n FROM ${from} WHERE ${w} GROUP BY 1`,
    `SELECT ${expr} AS n FROM ${from} WHERE ${w}`,
    first,
    last,
    arg,
  );
}

/** The series of a measure key (argument: tag id or domain); undefined for an unknown key. */
export function measureSeries(db: Database, key: string, first: number, last: number, arg: Param): Series | undefined {
  switch (key) {
    case "active_users":
      return series(
        db,
        "SELECT day, count(*) AS n FROM user_activity_days WHERE day BETWEEN ?1 AND ?2 GROUP BY day",
        "SELECT count(DISTINCT user_id) AS n FROM user_activity_days WHERE day BETWEEN ?1 AND ?2",
        first,
        last,
      );
    case "new_users":
      return counting(db, "count(*)", "users", "created_at", "", first, last);
    case "interactions": {
      // Favourites, boosts and replies received by local statuses (Mastodon's activity:interactions).
      const from = `(SELECT f.created_at AS at FROM favourites f JOIN statuses s ON s.id = f.status_id WHERE s.local = 1
        UNION ALL SELECT r.created_at FROM statuses r JOIN statuses s ON s.id = r.reblog_of_id WHERE s.local = 1
        UNION ALL SELECT r.created_at FROM statuses r JOIN statuses s ON s.id = r.in_reply_to_id WHERE s.local = 1 AND r.account_id <> s.account_id)`;
      return counting(db, "count(*)", from, "at", "", first, last);
    }
    case "opened_reports":
      return counting(db, "count(*)", "reports", "created_at", "", first, last);
    case "resolved_reports":
      return counting(db, "count(*)", "reports", "action_taken_at", "", first, last);
    case "tag_accounts":
      return counting(
        db,
        "count(DISTINCT s.account_id)",
        "statuses_tags st JOIN statuses s ON s.id = st.status_id",
        "s.created_at",
        "st.tag_id = ?3",
        first,
        last,
        arg,
      );
    case "tag_uses":
      return counting(
        db,
        "count(*)",
        "statuses_tags st JOIN statuses s ON s.id = st.status_id",
        "s.created_at",
        "st.tag_id = ?3",
        first,
        last,
        arg,
      );
    case "tag_servers":
      return counting(
        db,
        "count(DISTINCT a.domain)",
        "statuses_tags st JOIN statuses s ON s.id = st.status_id JOIN accounts a ON a.id = s.account_id",
        "s.created_at",
        "st.tag_id = ?3 AND a.domain IS NOT NULL",
        first,
        last,
        arg,
      );
    case "instance_accounts":
      return counting(db, "count(*)", "accounts", "created_at", "domain = ?3", first, last, arg);
    case "instance_media_attachments":
      return counting(
        db,
        "coalesce(sum(m.file_size), 0)",
        "media_attachments m JOIN accounts a ON a.id = m.account_id",
        "m.created_at",
        "a.domain = ?3",
        first,
        last,
        arg,
      );
    case "instance_reports":
      return counting(
        db,
        "count(*)",
        "reports r JOIN accounts a ON a.id = r.target_account_id",
        "r.created_at",
        "a.domain = ?3",
        first,
        last,
        arg,
      );
    case "instance_statuses":
      return counting(
        db,
        "count(*)",
        "statuses s JOIN accounts a ON a.id = s.account_id",
        "s.created_at",
        "a.domain = ?3",
        first,
        last,
        arg,
      );
    case "instance_follows":
      return counting(
        db,
        "count(*)",
        "follows f JOIN accounts t ON t.id = f.target_account_id JOIN accounts a ON a.id = f.account_id",
        "f.created_at",
        "t.domain = ?3 AND a.domain IS NULL",
        first,
        last,
        arg,
      );
    case "instance_followers":
      return counting(
        db,
        "count(*)",
        "follows f JOIN accounts t ON t.id = f.target_account_id JOIN accounts a ON a.id = f.account_id",
        "f.created_at",
        "a.domain = ?3 AND t.domain IS NULL",
        first,
        last,
        arg,
      );
    default:
      return undefined;
  }
}

/** One dimension row: its key and value. */
export interface DimensionRow {
  key: string;
  value: number;
}

/** The top `limit` rows of a dimension key over [first, last] days; undefined for a key computed elsewhere or unknown. */
export function dimensionRows(
  db: Database,
  key: string,
  first: number,
  last: number,
  limit: number,
  arg: Param,
): DimensionRow[] | undefined {
  const range = (col: string) => `${col} >= ?1 * ${DAY} AND ${col} < (?2 + 1) * ${DAY}`;
  const top = (sql: string) =>
    db.query<DimensionRow, [number, number, Param, number]>(`${sql} ORDER BY value DESC, key LIMIT ?4`).all(first, last, arg, limit);
  switch (key) {
    case "languages":
      // Languages of local users' posts in the period (Mastodon: of the users active in it).
      return top(
        `SELECT s.language AS key, count(*) AS value FROM statuses s WHERE s.local = 1 AND s.language IS NOT NULL AND s.reblog_of_id IS NULL AND ${range("s.created_at")} AND ?3 = ?3 GROUP BY 1`,
      );
    case "sources":
      // Sign-ups by the app they came through ("web" when none).
      return top(
        `SELECT coalesce(o.name, 'web') AS key, count(*) AS value FROM users u LEFT JOIN oauth_applications o ON o.id = u.created_by_application_id WHERE ${range("u.created_at")} AND ?3 = ?3 GROUP BY 1`,
      );
    case "servers":
      return top(
        `SELECT a.domain AS key, count(*) AS value FROM statuses s JOIN accounts a ON a.id = s.account_id WHERE a.domain IS NOT NULL AND ${range("s.created_at")} AND ?3 = ?3 GROUP BY 1`,
      );
    case "tag_servers":
      return top(
        `SELECT a.domain AS key, count(*) AS value FROM statuses_tags st JOIN statuses s ON s.id = st.status_id JOIN accounts a ON a.id = s.account_id WHERE st.tag_id = ?3 AND a.domain IS NOT NULL AND ${range("s.created_at")} GROUP BY 1`,
      );
    case "tag_languages":
      return top(
        `SELECT coalesce(s.language, 'und') AS key, count(*) AS value FROM statuses_tags st JOIN statuses s ON s.id = st.status_id WHERE st.tag_id = ?3 AND ${range("s.created_at")} GROUP BY 1`,
      );
    case "instance_accounts":
      // Most-followed accounts of a domain (by local followers, as Mastodon).
      return top(
        `SELECT a.username AS key, count(*) AS value FROM follows f JOIN accounts a ON a.id = f.target_account_id JOIN accounts l ON l.id = f.account_id WHERE a.domain = ?3 AND l.domain IS NULL AND ?1 = ?1 AND ?2 = ?2 GROUP BY a.id`,
      );
    case "instance_languages":
      return top(
        `SELECT s.language AS key, count(*) AS value FROM statuses s JOIN accounts a ON a.id = s.account_id WHERE a.domain = ?3 AND s.language IS NOT NULL AND ${range("s.created_at")} GROUP BY 1`,
      );
    default:
      return undefined;
  }
}

/** Users who signed up on days [first, last], by sign-up day: [day, userIds]. */
export function signUpCohorts(db: Database, first: number, last: number): Map<number, number> {
  const rows = db
    .query<{ day: number; n: number }, [number, number]>(
      `SELECT ${dayOf("created_at")} AS day, count(*) AS n FROM users WHERE created_at >= ?1 * ${DAY} AND created_at < (?2 + 1) * ${DAY} GROUP BY 1`,
    )
    .all(first, last);
  return new Map(rows.map((r) => [r.day, r.n]));
}

/** How many users who signed up on days [cFirst, cLast] were active on days [aFirst, aLast]. */
export function cohortActive(db: Database, cFirst: number, cLast: number, aFirst: number, aLast: number): number {
  return (
    db
      .query<{ n: number }, [number, number, number, number]>(
        `SELECT count(DISTINCT u.id) AS n FROM users u JOIN user_activity_days d ON d.user_id = u.id
         WHERE u.created_at >= ?1 * ${DAY} AND u.created_at < (?2 + 1) * ${DAY} AND d.day BETWEEN ?3 AND ?4`,
      )
      .get(cFirst, cLast, aFirst, aLast)?.n ?? 0
  );
}

/** Bytes used by the database file (page_count × page_size). */
export function databaseBytes(db: Database): number {
  const pc = db.query<{ page_count: number }, []>("PRAGMA page_count").get()!.page_count;
  const ps = db.query<{ page_size: number }, []>("PRAGMA page_size").get()!.page_size;
  return pc * ps;
}

/** SQLite's version. */
export function sqliteVersion(db: Database): string {
  return db.query<{ v: string }, []>("SELECT sqlite_version() AS v").get()!.v;
}
