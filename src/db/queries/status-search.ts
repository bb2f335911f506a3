/**
 * The status search of /api/v2/search over the FTS5 tables of migration 0028: what Mastodon
 * 4.5 lets a viewer find (their library: own posts and posts they favourited, bookmarked,
 * boosted, voted in or were mentioned in; the public index: public posts of `indexable`
 * accounts), always under the one visibility rule, ranked by relevance, exactness and age.
 */
import type { AppContext } from "../../context";
import { SEQ } from "../../model/ids";
import { PUBLIC } from "../../model/visibility";
import { hasUnspacedScript, type SearchQuery, type TextClause } from "../../text/search-query";
import { hiddenAccountsSql } from "./relationships";
import { visibleStatusSql } from "./visibility";

/** What to search for and as whom. */
export interface StatusSearchQuery {
  query: SearchQuery;
  /** The viewer's account, null when logged out (then the public index only). */
  viewerId: number | null;
  /** from: operators resolved to account ids (-1: no such account). */
  from: { id: number; negated: boolean }[];
  /** Only statuses of this account (the account_id parameter). */
  accountId?: number;
  minId?: number;
  maxId?: number;
  limit: number;
  offset: number;
}

/** How many of the newest matches are ranked; deeper pages widen it to offset + limit. */
const WINDOW = 200;
const DAY = 24 * 3600 * 1000;

/** A word, prefix or phrase as an FTS5 string (quoted, so nothing in it is syntax). */
function ftsString(c: TextClause): string {
  return `"${c.text.replace(/"/g, '""')}"${c.prefix ? " *" : ""}`;
}

/** The FTS5 expression for the positive and negative parts, or null when nothing is positive. */
function matchExpression(q: SearchQuery): { positive: string | null; negative: string[] } {
  const pos: string[] = [];
  const neg: string[] = [];
  for (const c of q.text) if (!hasUnspacedScript(c.text)) (c.negated ? neg : pos).push(`body : ${ftsString(c)}`);
  for (const p of q.properties) (p.negated ? neg : pos).push(`props : "${p.value.replace(/"/g, '""')}"`);
  for (const l of q.languages) (l.negated ? neg : pos).push(`lang : "${l.value.toLowerCase().replace(/"/g, '""')}"`);
  return { positive: pos.length ? pos.join(" AND ") : null, negative: neg };
}

/** A condition on s.id for one word of an unspaced script (trigram index; LIKE under 3 characters). */
function cjkCondition(c: TextClause, args: (string | number)[]): string {
  const short = [...c.text].length < 3;
  args.push(short ? `%${c.text.replace(/[\\%_]/g, (x) => "\\" + x)}%` : `"${c.text.replace(/"/g, '""')}"`);
  const sub = short
    ? "SELECT rowid FROM statuses_fts_cjk WHERE body LIKE ? ESCAPE '\\'"
    : "SELECT rowid FROM statuses_fts_cjk WHERE statuses_fts_cjk MATCH ?";
  return `s.id ${c.negated ? "NOT IN" : "IN"} (${sub})`;
}

/** The searchable set as SQL over `s` (the status) for a viewer and an in: scope. */
function searchableSql(v: string, scope: SearchQuery["scope"]): string {
  const pub = `(s.visibility = ${PUBLIC} AND EXISTS (SELECT 1 FROM accounts ia WHERE ia.id = s.account_id AND ia.indexable = 1))`;
  if (v === "NULL") return scope === "library" ? "0" : pub;
  const library = `(s.account_id = ${v}
    OR EXISTS (SELECT 1 FROM mentions lm WHERE lm.status_id = s.id AND lm.account_id = ${v})
    OR EXISTS (SELECT 1 FROM favourites lf WHERE lf.account_id = ${v} AND lf.status_id = s.id)
    OR EXISTS (SELECT 1 FROM bookmarks lb WHERE lb.account_id = ${v} AND lb.status_id = s.id)
    OR EXISTS (SELECT 1 FROM statuses lr WHERE lr.reblog_of_id = s.id AND lr.account_id = ${v})
    OR EXISTS (SELECT 1 FROM polls lp JOIN poll_votes lv ON lv.poll_id = lp.id WHERE lp.status_id = s.id AND lv.account_id = ${v}))`;
  if (scope === "library") return library;
  if (scope === "public") return pub;
  return `(${pub} OR ${library})`;
}

/** A ranked candidate. */
interface Candidate {
  id: number;
  /** bm25 as FTS5 gives it: lower (more negative) is better; 0 without a text match. */
  bm25: number;
}

/**
 * Ids of matching statuses, best first: an exact phrase (or exact word for a prefix search)
 * first, then relevance (bm25 over the newest matches) plus recency, newest among equals.
 * Leaves out boosts, suspended authors, blocked or muted accounts and what the viewer may not see.
 */
export function searchStatusIds(ctx: AppContext, o: StatusSearchQuery, now: number): number[] {
  const q = o.query;
  const viewer = o.viewerId;
  const { positive, negative } = matchExpression(q);
  const cjk = q.text.filter((c) => hasUnspacedScript(c.text));
  if (!positive && !negative.length && !cjk.length && !o.from.length && q.after === undefined && q.before === undefined && !q.scope)
    return [];
  // The viewer is written into the SQL as a number (it comes from the token, never from input).
  const v = viewer === null ? "NULL" : String(Math.trunc(viewer));
  const args: (string | number)[] = [];
  const where: string[] = ["s.reblog_of_id IS NULL"];
  const cjkArgs: (string | number)[] = [];
  for (const c of cjk) where.push(cjkCondition(c, cjkArgs));
  args.push(...cjkArgs);
  if (negative.length && !positive) {
    where.push(`s.id NOT IN (SELECT rowid FROM statuses_fts WHERE statuses_fts MATCH ?)`);
    args.push(negative.map((n) => `(${n})`).join(" OR "));
  }
  for (const f of o.from) {
    where.push(`s.account_id ${f.negated ? "<>" : "="} ?`);
    args.push(f.id);
  }
  if (o.accountId !== undefined) {
    where.push("s.account_id = ?");
    args.push(o.accountId);
  }
  // Dates and min_id/max_id are ranges of snowflake ids.
  const idCol = positive ? "statuses_fts.rowid" : "s.id";
  const lo = Math.max(q.after !== undefined ? q.after * SEQ : -Infinity, o.minId !== undefined ? o.minId + 1 : -Infinity);
  const hi = Math.min(q.before !== undefined ? q.before * SEQ : Infinity, o.maxId !== undefined ? o.maxId : Infinity);
  if (lo !== -Infinity) {
    where.push(`${idCol} >= ?`);
    args.push(lo);
  }
  if (hi !== Infinity) {
    where.push(`${idCol} < ?`);
    args.push(hi);
  }
  where.push(searchableSql(v, q.scope));
  where.push(visibleStatusSql({ status: "s.id", author: "s.account_id", visibility: "s.visibility", viewer: v }));
  const hidden = hiddenAccountsSql(ctx, "s.account_id", viewer);
  const window = Math.max(WINDOW, o.offset + o.limit);
  let rows: Candidate[];
  if (positive) {
    rows = ctx.db
      .query<Candidate, any[]>(
        `SELECT s.id AS id, bm25(statuses_fts, 1.0, 0.0, 0.0) AS bm25 FROM statuses_fts JOIN statuses s ON s.id = statuses_fts.rowid
         WHERE statuses_fts MATCH ? AND ${where.join(" AND ")}${hidden.sql}
         ORDER BY statuses_fts.rowid DESC LIMIT ?`,
      )
      .all(negative.length ? `(${positive}) NOT (${negative.join(" OR ")})` : positive, ...args, ...hidden.args, window);
  } else {
    rows = ctx.db
      .query<Candidate, any[]>(
        `SELECT s.id AS id, 0 AS bm25 FROM statuses s WHERE ${where.join(" AND ")}${hidden.sql} ORDER BY s.id DESC LIMIT ?`,
      )
      .all(...args, ...hidden.args, window);
  }
  if (!rows.length) return [];
  const exact = exactIds(ctx, q, rows);
  const best = Math.min(...rows.map((r) => r.bm25), 0);
  const score = (r: Candidate) => {
    const relevance = best < 0 ? r.bm25 / best : 0; // 0..1
    const ageDays = Math.max(0, now - r.id / SEQ) / DAY;
    return (exact.has(r.id) ? 2 : 0) + relevance + 1 / (1 + ageDays / 30);
  };
  const scored = rows.map((r) => ({ id: r.id, s: score(r) }));
  scored.sort((a, b) => b.s - a.s || b.id - a.id);
  return scored.slice(o.offset, o.offset + o.limit).map((r) => r.id);
}

/**
 * Candidates that match exactly: the positive words as one phrase when there are several, or
 * the words without their `*` for a prefix search. Empty when every match is exact anyway.
 */
function exactIds(ctx: AppContext, q: SearchQuery, rows: Candidate[]): Set<number> {
  const words = q.text.filter((c) => !c.negated && !hasUnspacedScript(c.text));
  if (!words.length || (words.length === 1 && !words[0]!.prefix)) return new Set();
  const phrase = `body : "${words.map((w) => w.text.replace(/"/g, '""')).join(" ")}"`;
  return new Set(
    ctx.db
      .query<{ id: number }, [string, string]>(
        "SELECT rowid AS id FROM statuses_fts WHERE statuses_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
      )
      .all(phrase, JSON.stringify(rows.map((r) => r.id)))
      .map((r) => r.id),
  );
}
