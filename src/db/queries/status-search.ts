/**
 * The status search of /api/v2/search over the FTS5 tables of migration 0028: what Mastodon
 * 4.5 lets a viewer find (their library: own posts and posts they favourited, bookmarked,
 * boosted, voted in or were mentioned in; the public index: public posts of `indexable`
 * accounts), always under the one visibility rule, ranked by relevance, exactness and age.
 */
import type { Database } from "bun:sqlite";
import type { AppContext } from "../../context";
import { SEQ } from "../../model/ids";
import { PUBLIC } from "../../model/visibility";
import { htmlToPlain } from "../../text/filter-match";
import { hasUnspacedScript, type SearchQuery, type TextClause } from "../../text/search-query";
import { countSearchTerms, searchWords as words } from "../../text/search-words";
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

/** Above this many statuses, a from:/account_id search with words starts from the text index. */
const AUTHOR_WALK_MAX = 3000;

/** How many statuses `accountId` has, counted up to `max` (an index walk bounded by max). */
function countStatusesUpTo(db: Database, accountId: number, max: number): number {
  return db
    .query<{ n: number }, [number, number]>("SELECT count(*) AS n FROM (SELECT 1 FROM statuses WHERE account_id = ? LIMIT ?)")
    .get(accountId, max)!.n;
}

/** A negation-only search reads the searchable set in batches of this many, at most NEGATION_SCAN_MAX. */
const NEGATION_BATCH = 200;
const NEGATION_SCAN_MAX = 20_000;

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
  for (const p of q.properties) if (p.value !== "embed") (p.negated ? neg : pos).push(`props : "${p.value.replace(/"/g, '""')}"`);
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

/**
 * The viewer is always the query's first parameter, ?1: each query below starts with
 * VIEWER_CTE so that ?1 is numbered before any plain `?` (which then count on from 2).
 */
const V = "?1";
const VIEWER_CTE = `WITH search_viewer(id) AS (SELECT ${V}) `;

/** Mastodon's has:embed: the status's preview card is a video (Status#searchable_properties). */
const EMBED_SQL = `SELECT pcs.status_id FROM preview_cards_statuses pcs JOIN preview_cards pc ON pc.id = pcs.preview_card_id
  WHERE pc.type = 'video'`;

/** The searchable set as SQL over `s` (the status) for a viewer (bound as ?1) and an in: scope. */
function searchableSql(loggedIn: boolean, scope: SearchQuery["scope"]): string {
  const v = V;
  const pub = `(s.visibility = ${PUBLIC} AND EXISTS (SELECT 1 FROM accounts ia WHERE ia.id = s.account_id AND ia.indexable = 1))`;
  if (!loggedIn) return scope === "library" ? "0" : pub;
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

/** A candidate to rank: its id and the text relevance is computed over. */
interface Candidate {
  id: number;
  /** A local status's source text (plain = 1) or the HTML content. */
  body: string;
  plain: number;
  cw: string;
}

/**
 * Ids of matching statuses, best first: an exact phrase (or exact word for a prefix search)
 * first, then relevance (bm25 over the newest matches) plus recency, newest among equals.
 * Leaves out boosts, suspended authors, blocked or muted accounts, hidden domains and what the viewer may not see.
 */
export function searchStatusIds(ctx: AppContext, o: StatusSearchQuery, now: number): number[] {
  const q = o.query;
  const viewer = o.viewerId;
  const { positive, negative } = matchExpression(q);
  const cjk = q.text.filter((c) => hasUnspacedScript(c.text));
  const embed = q.properties.filter((p) => p.value === "embed");
  if (
    !positive &&
    !negative.length &&
    !cjk.length &&
    !embed.length &&
    !o.from.length &&
    q.after === undefined &&
    q.before === undefined &&
    !q.scope
  )
    return [];
  const v = V;
  // ?1: the viewer (null when logged out), bound like every other value.
  const args: (string | number)[] = [];
  const where: string[] = ["s.reblog_of_id IS NULL"];
  const cjkArgs: (string | number)[] = [];
  for (const c of cjk) where.push(cjkCondition(c, cjkArgs));
  args.push(...cjkArgs);
  for (const f of o.from) {
    where.push(`s.account_id ${f.negated ? "<>" : "="} ?`);
    args.push(f.id);
  }
  if (o.accountId !== undefined) {
    where.push("s.account_id = ?");
    args.push(o.accountId);
  }
  // Dates and min_id/max_id are ranges of snowflake ids.
  const lo = Math.max(q.after !== undefined ? q.after * SEQ : -Infinity, o.minId !== undefined ? o.minId + 1 : -Infinity);
  const hi = Math.min(q.before !== undefined ? q.before * SEQ : Infinity, o.maxId !== undefined ? o.maxId : Infinity);
  if (lo !== -Infinity) {
    where.push("s.id >= ?");
    args.push(lo);
  }
  if (hi !== Infinity) {
    where.push("s.id < ?");
    args.push(hi);
  }
  for (const p of embed) where.push(`s.id ${p.negated ? "NOT IN" : "IN"} (${EMBED_SQL})`);
  where.push(searchableSql(viewer !== null, q.scope));
  where.push(visibleStatusSql({ status: "s.id", author: "s.account_id", visibility: "s.visibility", viewer: v }));
  const hidden = hiddenAccountsSql(ctx, "s.account_id", viewer, { domains: true });
  // Without a positive word the ranking is by age alone, i.e. newest first: fetch just the page.
  const ranked = q.text.some((c) => !c.negated && !hasUnspacedScript(c.text));
  const window = ranked ? Math.max(WINDOW, o.offset + o.limit) : o.offset + o.limit;
  const match = positive && negative.length ? `(${positive}) NOT (${negative.join(" OR ")})` : positive;
  const select = `SELECT s.id AS id, CASE WHEN s.local = 1 AND s.text <> '' THEN s.text ELSE s.content END AS body,
    s.local = 1 AND s.text <> '' AS plain, s.spoiler_text AS cw`;
  const rowMatch = "EXISTS (SELECT 1 FROM statuses_fts WHERE statuses_fts MATCH ? AND statuses_fts.rowid = s.id)";
  let rows: Candidate[];
  const libraryFirst = viewer !== null && q.scope === "library";
  // One author's statuses are walked by index (statuses_account) with the text as a per-row
  // filter, unless the author has so many that the index's newest matches are cheaper.
  const authors = [o.accountId, ...o.from.filter((f) => !f.negated).map((f) => f.id)].filter((id) => id !== undefined);
  const authorFirst =
    authors.length > 0 && (!match || authors.some((id) => countStatusesUpTo(ctx.db, id, AUTHOR_WALK_MAX) < AUTHOR_WALK_MAX));
  if (match && !libraryFirst && !authorFirst) {
    // Newest matches first, straight from the index.
    rows = ctx.db
      .query<Candidate, any[]>(
        `${VIEWER_CTE}${select} FROM statuses_fts JOIN statuses s ON s.id = statuses_fts.rowid
         WHERE statuses_fts MATCH ? AND ${where.map((w) => w.replace(/^s\.id ([<>]=?) \?$/, "statuses_fts.rowid $1 ?")).join(" AND ")}${hidden.sql}
         ORDER BY statuses_fts.rowid DESC LIMIT ?`,
      )
      .all(viewer, match, ...args, ...hidden.args, window);
  } else {
    // A few statuses (one author's, or the viewer's library), each checked against the index.
    const from = libraryFirst
      ? `(SELECT id FROM statuses WHERE account_id = ${v} AND reblog_of_id IS NULL
          UNION SELECT status_id FROM favourites WHERE account_id = ${v}
          UNION SELECT status_id FROM bookmarks WHERE account_id = ${v}
          UNION SELECT status_id FROM mentions WHERE account_id = ${v}
          UNION SELECT reblog_of_id FROM statuses WHERE account_id = ${v} AND reblog_of_id IS NOT NULL
          UNION SELECT p.status_id FROM poll_votes pv JOIN polls p ON p.id = pv.poll_id WHERE pv.account_id = ${v}) lib
         CROSS JOIN statuses s ON s.id = lib.id`
      : "statuses s";
    if (match || !negative.length)
      rows = ctx.db
        .query<Candidate, any[]>(
          `${VIEWER_CTE}${select} FROM ${from} WHERE ${[...where, ...(match ? [rowMatch] : [])].join(" AND ")}${hidden.sql}
           ORDER BY s.id DESC LIMIT ?`,
        )
        .all(viewer, ...args, ...(match ? [match] : []), ...hidden.args, window);
    else {
      // Only negations (Mastodon: everything searchable without them, newest first): walk the
      // searchable set newest-first a batch at a time and drop each batch's matches with one
      // rowid-range query on the index, instead of one index lookup per status.
      const page = ctx.db.query<Candidate, any[]>(
        `${VIEWER_CTE}${select} FROM ${from} WHERE ${where.join(" AND ")} AND s.id < ?${hidden.sql} ORDER BY s.id DESC LIMIT ?`,
      );
      const excluded = ctx.db.query<{ id: number }, [string, number, number]>(
        "SELECT rowid AS id FROM statuses_fts WHERE statuses_fts MATCH ? AND rowid >= ? AND rowid <= ?",
      );
      const not = negative.map((n) => `(${n})`).join(" OR ");
      rows = [];
      let before = Number.MAX_SAFE_INTEGER;
      for (let scanned = 0; rows.length < window && scanned < NEGATION_SCAN_MAX; ) {
        const batch = page.all(viewer, ...args, before, ...hidden.args, NEGATION_BATCH);
        if (!batch.length) break;
        scanned += batch.length;
        before = batch[batch.length - 1]!.id;
        const drop = new Set(excluded.all(not, before, batch[0]!.id).map((r) => r.id));
        for (const r of batch) if (!drop.has(r.id) && rows.length < window) rows.push(r);
        if (batch.length < NEGATION_BATCH) break;
      }
    }
  }
  if (!rows.length) return [];
  const exact = exactIds(ctx, q, rows);
  const relevance = termRelevance(q, rows);
  const score = (r: Candidate) => {
    const ageDays = Math.max(0, now - r.id / SEQ) / DAY;
    return (exact.has(r.id) ? 2 : 0) + (relevance.get(r.id) ?? 0) + 1 / (1 + ageDays / 30);
  };
  const scored = rows.map((r) => ({ id: r.id, s: score(r) }));
  scored.sort((a, b) => b.s - a.s || b.id - a.id);
  return scored.slice(o.offset, o.offset + o.limit).map((r) => r.id);
}

/**
 * BM25's term-frequency and length parts over the candidates' plain text, scaled to 0..1. The
 * inverse document frequency is left out: every candidate holds every positive term, so it
 * only reweighs terms, and FTS5's bm25() pays for it by reading each term's whole posting list
 * (45 ms for a word in half of a million statuses).
 */
function termRelevance(q: SearchQuery, rows: Candidate[]): Map<number, number> {
  const terms = q.text
    .filter((c) => !c.negated && !hasUnspacedScript(c.text))
    .flatMap((c) => words(c.text).map((w, i, all) => ({ w, prefix: c.prefix && i === all.length - 1 })));
  const out = new Map<number, number>();
  if (!terms.length) return out;
  // words(`${cw} ${plain}`) splits at the space, so the two parts' counts add up.
  const docs: { id: number; words: number; tf: number[] }[] = [];
  for (const r of rows) {
    const tf = new Array<number>(terms.length).fill(0);
    const n = countSearchTerms(r.cw, terms, tf) + countSearchTerms(r.plain ? r.body : htmlToPlain(r.body), terms, tf);
    docs.push({ id: r.id, words: n, tf });
  }
  const avg = docs.reduce((n, d) => n + d.words, 0) / docs.length || 1;
  let best = 0;
  for (const d of docs) {
    let sc = 0;
    for (const tf of d.tf) sc += (tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * d.words) / avg));
    out.set(d.id, sc);
    best = Math.max(best, sc);
  }
  if (best > 0) for (const [id, sc] of out) out.set(id, sc / best);
  return out;
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
