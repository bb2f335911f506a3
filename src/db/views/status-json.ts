/**
 * Statuses serialized straight to JSON text for list endpoints, from the status cache
 * (status-cache.ts) where possible: byte for byte what JSON.stringify(statusList(…)) gives,
 * without rebuilding the entities of statuses that have not changed.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { viewerFields, toMastodonStatus, type StatusViewerFlags } from "../../serializers/mastodon/status";
import { accountCache, type AccountCache } from "./account-cache";
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
import { listQuotesOfStatuses, type QuoteRow } from "../queries/quotes";

// Stand-ins for the values filled per request; NULs make them impossible to miss in the text.
const REBLOG_MARK = "\u0000hearth:reblog\u0000";
const POLL_MARK = "\u0000hearth:poll\u0000";
const REBLOG_HOLE = JSON.stringify(REBLOG_MARK);
const POLL_HOLE = JSON.stringify(POLL_MARK);

/**
 * Builds the entry of `s` (whose author row is loaded; `quote`: its quotes row; `checked`: the
 * account cache's sequence when `d`'s account rows were read), or null if its text cannot be split.
 */
function makeEntry(ctx: AppContext, d: StatusData, s: StatusRow, quote: QuoteRow | null, checked: number): StatusEntry | null {
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
    checked,
    head: head!,
    mid: mid!,
    tail: tail.slice(0, -1),
    media: mediaDescriptions(d.media, s.id),
    quote: s.reblog_of_id === null ? quote : null,
  };
}

/**
 * Cached entries of `ids` whose account rows are unchanged; the others are dropped. The account
 * cache says which accounts changed after an entry was last checked (its sequence), so a page of
 * unchanged entries costs no look-up per account.
 */
function cachedEntries(
  ctx: AppContext,
  cache: StatusCache,
  accounts: AccountCache | null,
  ids: readonly number[],
): Map<number, StatusEntry> {
  const found = new Map<number, StatusEntry>();
  const add = (id: number) => {
    const e = cache.get(id, ctx);
    if (e) found.set(id, e);
  };
  for (const id of ids) add(id);
  for (const e of [...found.values()]) if (e.row.reblog_of_id !== null && !found.has(e.row.reblog_of_id)) add(e.row.reblog_of_id);
  if (found.size === 0) return found;
  const seq = accounts?.sequence;
  for (const [id, e] of found) {
    if (e.checked === seq) continue;
    if (!accounts || e.depIds.some((a) => accounts.changedSince(a, e.checked))) {
      found.delete(id);
      cache.drop(id);
    } else e.checked = accounts.sequence;
  }
  return found;
}

/** Entries for `ids` and the originals they reblog (absent: deleted, or author gone). */
function entriesFor(ctx: AppContext, cache: StatusCache, ids: readonly number[]): Map<number, StatusEntry> {
  const accounts = accountCache(ctx.db);
  const entries = cachedEntries(ctx, cache, accounts, ids);
  const missing = ids.filter((id) => {
    const e = entries.get(id);
    return !e || (e.row.reblog_of_id !== null && !entries.has(e.row.reblog_of_id));
  });
  if (missing.length === 0) return entries;
  const d = loadStatusData(ctx, missing);
  const originals = [...d.all.values()].filter((s) => s.reblog_of_id === null).map((s) => s.id);
  const quotes = new Map(listQuotesOfStatuses(ctx.db, originals).map((q) => [q.status_id, q]));
  // loadStatusData read the account rows at the account cache's current sequence.
  const checked = accounts?.sequence ?? -1;
  for (const s of d.all.values()) {
    const author = d.accountRows.get(s.account_id);
    if (!author) continue;
    const e = makeEntry(ctx, d, s, quotes.get(s.id) ?? null, checked);
    if (!e) continue;
    // A moved author's view embeds another account this entry does not track: never cached.
    if (author.moved_to_account_id === null && accounts) cache.put(e);
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
 * `,"favourited":…,"filtered":[]` for each combination of flags (pinned: absent, false or true)
 * when no filter matched: JSON.stringify of the viewer's fields per status showed in profiles.
 */
const flagTexts: string[] = [];
function flagsJson(f: StatusViewerFlags): string {
  if (f.filtered?.length) return "," + JSON.stringify(viewerFields(f)).slice(1, -1);
  const code =
    (f.favourited ? 1 : 0) |
    (f.reblogged ? 2 : 0) |
    (f.bookmarked ? 4 : 0) |
    (f.muted ? 8 : 0) |
    (f.pinned === undefined ? 0 : f.pinned ? 32 : 16);
  return (flagTexts[code] ??= "," + JSON.stringify(viewerFields({ ...f, filtered: undefined })).slice(1, -1));
}

/** Renders one entry of `l` (its reblog's original in `l.entries`) as `viewerId` sees it. */
function statusRenderer(
  ctx: AppContext,
  l: LoadedEntries,
  shown: readonly StatusEntry[],
  viewerId: number | null,
): (e: StatusEntry) => string {
  const { cache, entries } = l;
  const rows = new Map<number, StatusRow>();
  const quoteRows: QuoteRow[] = [];
  const add = (e: StatusEntry) => {
    rows.set(e.row.id, e.row);
    if (e.quote) quoteRows.push(e.quote);
  };
  for (const e of shown) {
    add(e);
    if (e.row.reblog_of_id !== null) add(entries.get(e.row.reblog_of_id)!);
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
  const quotes = loadQuoteFields(ctx, all, viewerId, (qids) => loadStatusViews(ctx, qids, viewerId, true), quoteRows);
  const one = (e: StatusEntry, reblog: string): string => {
    const poll = polls.get(e.row.id);
    const q = quotes.get(e.row.id)!;
    const quote = `,"quote":${q.quote === null ? "null" : JSON.stringify(q.quote)},"quote_approval":${q.approvalJson}`;
    const flags = sets ? flagsJson({ ...viewerFlags(e.row, viewerId!, sets), filtered: filtered?.get(e.row.id) }) : "";
    return e.head + reblog + e.mid + (poll ? JSON.stringify(poll) : "null") + e.tail + quote + flags + "}";
  };
  return (e) => one(e, e.row.reblog_of_id === null ? "null" : one(entries.get(e.row.reblog_of_id)!, "null"));
}

/**
 * The JSON texts of `shown` (entries whose reblogged originals are in `l.entries`), in order, as
 * `viewerId` sees them: each is JSON.stringify of what loadStatusViews gives for its id.
 */
export function statusJsonTexts(ctx: AppContext, l: LoadedEntries, shown: readonly StatusEntry[], viewerId: number | null): string[] {
  if (shown.length === 0) return [];
  return shown.map(statusRenderer(ctx, l, shown, viewerId));
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
  if (shown.length === 0) return "[]";
  // Appended one by one: Array#join of 40 concatenated strings cost three times as much (issue 17).
  const one = statusRenderer(ctx, l, shown, viewerId);
  let out = "[";
  for (let i = 0; i < shown.length; i++) out += (i === 0 ? "" : ",") + one(shown[i]!);
  return out + "]";
}
