/**
 * Filters as entities (a fixed number of queries per list), and the viewer side: each account's
 * active filters compiled once and kept per connection until a filter service forgets them,
 * then applied to pages of statuses without further queries.
 */
import type { Database } from "bun:sqlite";
import type { AppContext } from "../../context";
import type { StatusRow } from "../rows";
import { selectIn } from "../sql";
import {
  toMastodonFilter,
  toMastodonFilterCore,
  toMastodonV1Filter,
  type FilterKeywordRow,
  type FilterRow,
  type FilterStatusRow,
} from "../../serializers/mastodon/filter";
import { compileKeywords, matchFilters, searchableText, type CompiledFilter, type FilterResult } from "../../text/filter-match";

/** Filter entities (with keywords and statuses) of `filters`, in the given order. */
export function filterViews(ctx: AppContext, filters: FilterRow[]): Record<string, unknown>[] {
  const ids = filters.map((f) => f.id);
  const keywords = selectIn<FilterKeywordRow>(
    ctx.db,
    (ph) => `SELECT * FROM custom_filter_keywords WHERE custom_filter_id IN (${ph}) ORDER BY id`,
    ids,
  );
  const statuses = selectIn<FilterStatusRow>(
    ctx.db,
    (ph) => `SELECT * FROM custom_filter_statuses WHERE custom_filter_id IN (${ph}) ORDER BY id`,
    ids,
  );
  return filters.map((f) =>
    toMastodonFilter(
      f,
      keywords.filter((k) => k.custom_filter_id === f.id),
      statuses.filter((s) => s.custom_filter_id === f.id),
    ),
  );
}

/** All of the account's filters (expired ones too), oldest first. */
export function accountFilterRows(ctx: AppContext, accountId: number): FilterRow[] {
  return ctx.db.query<FilterRow, [number]>("SELECT * FROM custom_filters WHERE account_id = ? ORDER BY id").all(accountId);
}

/** The Filter entity of one filter row. */
export function filterView(ctx: AppContext, f: FilterRow): Record<string, unknown> {
  return filterViews(ctx, [f])[0]!;
}

/** V1::Filter entities: one per keyword of the account's filters, oldest first. */
export function v1FilterViews(ctx: AppContext, accountId: number): Record<string, unknown>[] {
  const filters = new Map(accountFilterRows(ctx, accountId).map((f) => [f.id, f]));
  const keywords = selectIn<FilterKeywordRow>(
    ctx.db,
    (ph) => `SELECT * FROM custom_filter_keywords WHERE custom_filter_id IN (${ph}) ORDER BY id`,
    [...filters.keys()],
  );
  return keywords.map((k) => toMastodonV1Filter(filters.get(k.custom_filter_id)!, k));
}

// ---- the viewer side --------------------------------------------------------------------

const MAX_ACCOUNTS = 2000;
const caches = new WeakMap<Database, Map<number, CompiledFilter[]>>();

/** Loads and compiles the account's filters that have not expired (three queries). */
function compileFor(ctx: AppContext, accountId: number): CompiledFilter[] {
  const now = ctx.now();
  const rows = ctx.db
    .query<FilterRow, [number, number]>(
      "SELECT * FROM custom_filters WHERE account_id = ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY id",
    )
    .all(accountId, now);
  if (rows.length === 0) return [];
  const ids = rows.map((f) => f.id);
  const keywords = selectIn<FilterKeywordRow>(
    ctx.db,
    (ph) => `SELECT * FROM custom_filter_keywords WHERE custom_filter_id IN (${ph}) ORDER BY id`,
    ids,
  );
  const statuses = selectIn<{ custom_filter_id: number; status_id: number }>(
    ctx.db,
    (ph) => `SELECT custom_filter_id, status_id FROM custom_filter_statuses WHERE custom_filter_id IN (${ph})`,
    ids,
  );
  return rows
    .map((f) => ({
      id: f.id,
      expiresAt: f.expires_at,
      entity: toMastodonFilterCore(f),
      keywords: compileKeywords(keywords.filter((k) => k.custom_filter_id === f.id)),
      statusIds: new Set(statuses.filter((s) => s.custom_filter_id === f.id).map((s) => s.status_id)),
    }))
    .filter((f) => f.keywords !== null || f.statusIds.size > 0);
}

/**
 * The account's compiled active filters, from the per-connection cache (filled on first use;
 * not used inside a transaction, whose rows may roll back).
 */
export function viewerFilters(ctx: AppContext, accountId: number): CompiledFilter[] {
  if (ctx.db.inTransaction) return compileFor(ctx, accountId);
  let cache = caches.get(ctx.db);
  if (!cache) caches.set(ctx.db, (cache = new Map()));
  let c = cache.get(accountId);
  if (!c) {
    c = compileFor(ctx, accountId);
    if (cache.size >= MAX_ACCOUNTS) cache.delete(cache.keys().next().value!);
    cache.set(accountId, c);
  }
  return c;
}

/** Drops the account's compiled filters (called by the filter services after they commit). */
export function forgetViewerFilters(ctx: AppContext, accountId: number): void {
  caches.get(ctx.db)?.delete(accountId);
}

/** The poll option titles of a serialized Poll (none without a poll). */
function pollOptions(poll: Record<string, unknown> | undefined): string[] {
  const options = poll?.options;
  return Array.isArray(options) ? options.map((o) => String((o as { title?: unknown }).title ?? "")) : [];
}

/**
 * FilterResults by status id for `rows` as `viewerId` sees them: a boost is matched on the
 * status it boosts, and both ids get the same results (as in Mastodon). `all` holds the rows
 * and the boosted originals; `media` gives a status's media descriptions; `polls` serialized
 * polls by status id. No queries once the viewer's filters are cached.
 */
export function loadFilterResults(
  ctx: AppContext,
  viewerId: number,
  rows: Iterable<StatusRow>,
  all: Map<number, StatusRow>,
  media: (statusId: number) => string[],
  polls: Map<number, Record<string, unknown>>,
): Map<number, FilterResult[]> {
  const out = new Map<number, FilterResult[]>();
  const filters = viewerFilters(ctx, viewerId);
  if (filters.length === 0) return out;
  const now = ctx.now();
  for (const s of rows) {
    const proper = s.reblog_of_id === null ? s : all.get(s.reblog_of_id);
    if (!proper) continue;
    const ids = s.reblog_of_id === null ? [s.id] : [s.id, s.reblog_of_id];
    const results = matchFilters(filters, now, ids, () => searchableText(proper, pollOptions(polls.get(proper.id)), media(proper.id)));
    if (results.length === 0) continue;
    out.set(s.id, results);
    if (s.reblog_of_id !== null) out.set(s.reblog_of_id, results);
  }
  return out;
}

/** Those of `accountIds` that have an active filter (one query): their views of a status differ. */
export function filteringAccounts(ctx: AppContext, accountIds: readonly number[]): Set<number> {
  const rows = selectIn<{ account_id: number }>(
    ctx.db,
    (ph) => `SELECT DISTINCT account_id FROM custom_filters WHERE (expires_at IS NULL OR expires_at > ?) AND account_id IN (${ph})`,
    accountIds,
    [ctx.now()],
  );
  return new Set(rows.map((r) => r.account_id));
}
