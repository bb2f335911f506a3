/**
 * Statuses serialized straight to JSON text for list endpoints, from the status cache
 * (status-cache.ts) where possible: byte for byte what JSON.stringify(statusList(…)) gives,
 * without rebuilding the entities of statuses that have not changed.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { viewerFields, toMastodonStatus } from "../../serializers/mastodon/status";
import { loadAccountRows } from "./accounts";
import { statusCache, type StatusCache, type StatusEntry } from "./status-cache";
import {
  baseViewData,
  loadStatusData,
  loadStatusPolls,
  loadStatusViews,
  loadViewerSets,
  statusEmojis,
  mediaDescriptions,
  statusList,
  viewerFlags,
  type StatusData,
  type ViewerSets,
} from "./statuses";
import { loadFilterResults } from "./filters";
import { loadQuoteFields } from "./quotes";

// Stand-ins for the values filled per request; NULs make them impossible to miss in the text.
const REBLOG_MARK = "\u0000hearth:reblog\u0000";
const POLL_MARK = "\u0000hearth:poll\u0000";
const REBLOG_HOLE = JSON.stringify(REBLOG_MARK);
const POLL_HOLE = JSON.stringify(POLL_MARK);

/** Builds the entry of `s` (whose author row is loaded), or null if its text cannot be split. */
function makeEntry(ctx: AppContext, d: StatusData, s: StatusRow): StatusEntry | null {
  const data = baseViewData(ctx, d, s);
  const text = JSON.stringify({ ...toMastodonStatus(data), reblog: REBLOG_MARK, poll: POLL_MARK, emojis: statusEmojis(ctx, d, s) });
  const [head, rest, ...more] = text.split(REBLOG_HOLE);
  if (more.length || rest === undefined) return null;
  const [mid, tail, ...more2] = rest.split(POLL_HOLE);
  if (more2.length || tail === undefined || !tail.endsWith("}")) return null;
  const depIds = [s.account_id, ...d.mentions.filter((m) => m.status_id === s.id).map((m) => m.account_id)];
  // The card's `fediverse:creator` account is embedded too: its changes must drop the entry.
  const cardAuthor = d.cards?.get(s.id)?.author_account_id;
  if (cardAuthor !== undefined && cardAuthor !== null) depIds.push(cardAuthor);
  return {
    ctx,
    row: s,
    depIds,
    deps: depIds.map((id) => d.accountRows.get(id)),
    head: head!,
    mid: mid!,
    tail: tail.slice(0, -1),
    media: mediaDescriptions(d.media, s.id),
  };
}

/** Cached entries of `ids` whose account rows are unchanged; the others are dropped. */
function cachedEntries(ctx: AppContext, cache: StatusCache, ids: readonly number[]): Map<number, StatusEntry> {
  const found = new Map<number, StatusEntry>();
  const add = (id: number) => {
    const e = cache.get(id, ctx);
    if (e) found.set(id, e);
  };
  for (const id of ids) add(id);
  for (const e of [...found.values()]) if (e.row.reblog_of_id !== null && !found.has(e.row.reblog_of_id)) add(e.row.reblog_of_id);
  if (found.size === 0) return found;
  const accountIds = new Set<number>();
  for (const e of found.values()) for (const id of e.depIds) accountIds.add(id);
  const current = loadAccountRows(ctx, [...accountIds]);
  for (const [id, e] of found) {
    if (e.depIds.some((a, i) => current.get(a) !== e.deps[i])) {
      found.delete(id);
      cache.drop(id);
    }
  }
  return found;
}

/** Entries for `ids` and the originals they reblog (absent: deleted, or author gone). */
function entriesFor(ctx: AppContext, cache: StatusCache, ids: readonly number[]): Map<number, StatusEntry> {
  const entries = cachedEntries(ctx, cache, ids);
  const missing = ids.filter((id) => {
    const e = entries.get(id);
    return !e || (e.row.reblog_of_id !== null && !entries.has(e.row.reblog_of_id));
  });
  if (missing.length === 0) return entries;
  const d = loadStatusData(ctx, missing);
  for (const s of d.all.values()) {
    const author = d.accountRows.get(s.account_id);
    if (!author) continue;
    const e = makeEntry(ctx, d, s);
    if (!e) continue;
    // A moved author's view embeds another account this entry does not track: never cached.
    if (author.moved_to_account_id === null) cache.put(e);
    entries.set(s.id, e);
  }
  return entries;
}

/** ViewerSets for `rows`, querying only statuses and conversations not yet known for this viewer. */
function cachedViewerSets(ctx: AppContext, cache: StatusCache, rows: StatusRow[], viewerId: number): ViewerSets {
  const known = cache.viewer(viewerId);
  const unknown = rows.filter(
    (r) => !known.statuses.has(r.id) || (r.conversation_id !== null && !known.conversations.has(r.conversation_id)),
  );
  if (unknown.length) {
    const got = loadViewerSets(ctx, unknown, viewerId);
    for (const r of unknown) {
      known.statuses.set(
        r.id,
        (got.fav.has(r.id) ? 1 : 0) | (got.rebl.has(r.id) ? 2 : 0) | (got.bm.has(r.id) ? 4 : 0) | (got.pin.has(r.id) ? 8 : 0),
      );
      if (r.conversation_id !== null) known.conversations.set(r.conversation_id, got.muted.has(r.conversation_id));
    }
  }
  const v: ViewerSets = { fav: new Set(), rebl: new Set(), bm: new Set(), pin: new Set(), muted: new Set() };
  for (const r of rows) {
    const bits = known.statuses.get(r.id) ?? 0;
    if (bits & 1) v.fav.add(r.id);
    if (bits & 2) v.rebl.add(r.id);
    if (bits & 4) v.bm.add(r.id);
    if (bits & 8) v.pin.add(r.id);
    if (r.conversation_id !== null && known.conversations.get(r.conversation_id)) v.muted.add(r.conversation_id);
  }
  return v;
}

/** Status entries of a page: `ids` and the originals they reblog, and the cache they came from. */
export interface LoadedEntries {
  cache: StatusCache;
  /** By status id (absent: deleted, or author gone). */
  entries: Map<number, StatusEntry>;
}

/** The entries of `ids` (and of the originals they reblog), or null where the cache cannot be used (inside a transaction). */
export function loadStatusEntries(ctx: AppContext, ids: readonly number[]): LoadedEntries | null {
  const cache = statusCache(ctx.db);
  return cache ? { cache, entries: entriesFor(ctx, cache, ids) } : null;
}

/**
 * The JSON texts of `shown` (entries whose reblogged originals are in `l.entries`), in order, as
 * `viewerId` sees them: each is JSON.stringify of what loadStatusViews gives for its id.
 */
export function statusJsonTexts(ctx: AppContext, l: LoadedEntries, shown: readonly StatusEntry[], viewerId: number | null): string[] {
  if (shown.length === 0) return [];
  const { cache, entries } = l;
  const rows = new Map<number, StatusRow>();
  for (const e of shown) {
    rows.set(e.row.id, e.row);
    if (e.row.reblog_of_id !== null) rows.set(e.row.reblog_of_id, entries.get(e.row.reblog_of_id)!.row);
  }
  const all = [...rows.values()];
  const polls = loadStatusPolls(ctx, all, viewerId);
  const sets = viewerId !== null ? cachedViewerSets(ctx, cache, all, viewerId) : null;
  const filtered =
    viewerId !== null
      ? loadFilterResults(
          ctx,
          viewerId,
          shown.map((e) => e.row),
          rows,
          (id) => entries.get(id)?.media ?? [],
          polls,
        )
      : null;
  const quotes = loadQuoteFields(ctx, all, viewerId, (qids) => loadStatusViews(ctx, qids, viewerId, true));
  const one = (e: StatusEntry, reblog: string): string => {
    const poll = polls.get(e.row.id);
    const q = quotes.get(e.row.id)!;
    const quote = `,"quote":${JSON.stringify(q.quote)},"quote_approval":${JSON.stringify(q.quote_approval)}`;
    const flags = sets
      ? "," + JSON.stringify(viewerFields({ ...viewerFlags(e.row, viewerId!, sets), filtered: filtered?.get(e.row.id) })).slice(1, -1)
      : "";
    return e.head + reblog + e.mid + (poll ? JSON.stringify(poll) : "null") + e.tail + quote + flags + "}";
  };
  return shown.map((e) => one(e, e.row.reblog_of_id === null ? "null" : one(entries.get(e.row.reblog_of_id)!, "null")));
}

/** The JSON array of the statuses `ids` as seen by `viewerId`: JSON.stringify(statusList(…)). */
export function statusListJson(ctx: AppContext, ids: readonly number[], viewerId: number | null): string {
  const l = loadStatusEntries(ctx, ids);
  if (!l) return JSON.stringify(statusList(ctx, ids, viewerId));
  const shown: StatusEntry[] = [];
  for (const id of ids) {
    const e = l.entries.get(id);
    if (e && (e.row.reblog_of_id === null || l.entries.has(e.row.reblog_of_id))) shown.push(e);
  }
  return "[" + statusJsonTexts(ctx, l, shown, viewerId).join(",") + "]";
}
