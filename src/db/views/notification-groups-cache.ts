/**
 * Whole answers of GET /api/v2/notifications kept per viewer and query (issue 17: apps poll it,
 * and building a 40-group page costs ~0.6-0.9 ms of CPU, mostly serializing ~130 KB of JSON).
 * An answer depends on far more than the viewer's notifications (statuses and their counts,
 * polls and votes, filters, quotes, follows, blocks, mutes, accounts of senders and authors,
 * reports, warnings…), so staleness is ruled out as coarsely as it is surely:
 * - a kept answer is used only while the connection's write stamp is unchanged: `total_changes()`
 *   (every row inserted, updated or deleted on this connection, triggers included, rolled back
 *   or not) and `PRAGMA data_version` (commits by any other connection). Any write anywhere
 *   drops every answer; between writes, polls are answered from here;
 * - the clock: an answer is kept only until the earliest future `expires_at` it shows (a poll
 *   turns `expired`, a matching filter lapses) or of the viewer's filters;
 * - inside a transaction nothing is kept or used.
 * Bounded: at most MAX_PER_VIEWER answers per viewer and MAX_CHARS of text in all, least
 * recently used first out.
 */
import { writeStamp } from "../queries/write-stamp";
import type { Database } from "bun:sqlite";
import type { AppContext } from "../../context";
import { accountCache } from "./account-cache";
import { statusCache } from "./status-cache";

/** A built answer: its JSON text, and the Link header's ids (newer, older) when it has one. */
export interface GroupedAnswer {
  json: string;
  link: [number, number] | null;
  /** Set on kept answers: bodies derived from `json` (compressed, by coding), kept with it. */
  encoded?: Map<string, Uint8Array<ArrayBuffer>>;
}

interface Kept {
  answer: GroupedAnswer;
  changes: number;
  dataVersion: number;
  /** Clock time from which the answer must be built again (Infinity: never for time alone). */
  until: number;
}

/** Answers kept per viewer (pages, filters): apps mostly ask for the first page with one query. */
const MAX_PER_VIEWER = 4;
/** Text kept in all (UTF-16 code units): ~30 full 40-group pages, a few MB. */
export const MAX_CHARS = 4_000_000;

/** The answers of one connection: by viewer (least recently used first), then by query. */
class AnswerCache {
  viewers = new Map<number, Map<string, Kept>>();
  chars = 0;

  get(viewerId: number, key: string): Kept | undefined {
    const m = this.viewers.get(viewerId);
    const k = m?.get(key);
    if (!m || !k) return undefined;
    // Most recently used last, in both maps.
    this.viewers.delete(viewerId);
    this.viewers.set(viewerId, m);
    m.delete(key);
    m.set(key, k);
    return k;
  }

  put(viewerId: number, key: string, k: Kept): void {
    const size = k.answer.json.length;
    if (size > MAX_CHARS / 4) return;
    this.drop(viewerId, key);
    let m = this.viewers.get(viewerId);
    if (!m) this.viewers.set(viewerId, (m = new Map()));
    while (m.size >= MAX_PER_VIEWER) this.drop(viewerId, m.keys().next().value!);
    while (this.chars + size > MAX_CHARS && this.viewers.size) {
      const [v, oldest] = this.viewers.entries().next().value!;
      if (oldest.size === 0) this.viewers.delete(v);
      else this.drop(v, oldest.keys().next().value!);
    }
    if (!this.viewers.has(viewerId)) this.viewers.set(viewerId, m);
    m.set(key, k);
    this.chars += size;
  }

  drop(viewerId: number, key: string): void {
    const m = this.viewers.get(viewerId);
    const k = m?.get(key);
    if (!m || !k) return;
    m.delete(key);
    this.chars -= k.answer.json.length;
    if (m.size === 0) this.viewers.delete(viewerId);
  }

  clear(): void {
    this.viewers.clear();
    this.chars = 0;
  }
}

const caches = new WeakMap<Database, AnswerCache>();

const EXPIRES = /"expires_at":"([^"]+)"/g;

/**
 * The earliest clock time after `now` at which the answer (or the viewer's filters, which may
 * hide nothing yet and still lapse) could read differently: the `expires_at` values it shows
 * (polls, filters: inside JSON strings a quote is escaped, so only keys match) and those of the
 * viewer's filters.
 */
function validUntil(ctx: AppContext, viewerId: number, json: string, now: number): number {
  let until = Number.POSITIVE_INFINITY;
  for (const m of json.matchAll(EXPIRES)) {
    const t = Date.parse(m[1]!);
    if (Number.isNaN(t)) return now; // not understood: not kept
    if (t > now && t < until) until = t;
  }
  const f = ctx.db
    .query<{ t: number | null }, [number, number]>(
      "SELECT min(expires_at) AS t FROM custom_filters WHERE account_id = ? AND expires_at > ?",
    )
    .get(viewerId, now);
  if (f?.t != null && f.t < until) until = f.t;
  return until;
}

/**
 * The answer for `viewerId` and the query `key` (everything the answer depends on besides the
 * database, the clock and the viewer): the kept one while nothing changed (see the module
 * comment), else `build()`'s, kept when the data did not move while it was built.
 */
export function cachedGroupedAnswer(ctx: AppContext, viewerId: number, key: string, build: () => GroupedAnswer): GroupedAnswer {
  const db = ctx.db;
  if (db.inTransaction) return build();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new AnswerCache()));
  let before = writeStamp(db);
  const now = ctx.now();
  const kept = cache.get(viewerId, key);
  if (kept) {
    if (kept.changes === before.changes && kept.dataVersion === before.dataVersion && now < kept.until) return kept.answer;
    cache.drop(viewerId, key);
  }
  // The status and account caches tidy their change tables (a write) when next used: done
  // first, so that building writes nothing and the answer is kept.
  statusCache(db);
  accountCache(db);
  before = writeStamp(db);
  const answer = build();
  const after = writeStamp(db);
  if (after.changes === before.changes && after.dataVersion === before.dataVersion) {
    const until = validUntil(ctx, viewerId, answer.json, now);
    if (until > now) {
      answer.encoded = new Map();
      cache.put(viewerId, key, { answer, ...after, until });
    }
  }
  return answer;
}

/** Forgets every kept answer of `db` (the idle reclaim may call it). */
export function clearGroupedAnswers(db: Database): void {
  caches.get(db)?.clear();
}

/** How many answers and characters `db` keeps (for tests). */
export function groupedAnswerStats(db: Database): { answers: number; viewers: number; chars: number } {
  const c = caches.get(db);
  let answers = 0;
  for (const m of c?.viewers.values() ?? []) answers += m.size;
  return { answers, viewers: c?.viewers.size ?? 0, chars: c?.chars ?? 0 };
}
