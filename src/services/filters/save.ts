/** CustomFilter create / update / destroy (v2), with nested keyword attributes. */
import type { AppContext } from "../../context";
import { deleteFilterKeyword, listFilterKeywords, updateFilterKeyword } from "../../db/queries/custom-filter-keywords";
import { deleteFilter as deleteFilterRow, getFilter, insertFilter, updateFilter as updateFilterRow } from "../../db/queries/custom-filters";
import { notFound } from "../../model/errors";
import { parseId } from "../../model/ids";
import type { FilterKeywordRow, FilterRow } from "../../serializers/mastodon/filter";
import {
  checkAction,
  checkContext,
  checkKeyword,
  checkTitle,
  commitFilters,
  Errors,
  expiresAt,
  insertKeyword,
  ownedFilter,
} from "./common";

/** One keywords_attributes[] entry as the route read it. */
export interface KeywordAttributes {
  id?: string;
  keyword?: string;
  wholeWord?: boolean;
  destroy?: boolean;
}

/** Filter fields; undefined leaves a field as it is (on update). expiresIn null: never expires. */
export interface FilterInput {
  title?: string;
  context?: string[];
  action?: string;
  expiresIn?: number | null;
  keywords?: KeywordAttributes[];
}

const NESTED = "Keywords keyword";

/** Rails' reject_if: :all_blank for a new keyword entry (no id, nothing set). */
function allBlank(k: KeywordAttributes): boolean {
  return k.id === undefined && (k.keyword === undefined || k.keyword === "") && !k.wholeWord;
}

/**
 * Creates a filter for the account with its keywords (whole_word defaults to true, as in
 * Mastodon). 422 on invalid fields, 404 when a keyword id is given. Enqueues filters_changed.
 */
export function createFilter(ctx: AppContext, accountId: number, input: FilterInput): FilterRow {
  const e = new Errors();
  checkTitle(e, input.title);
  const context = checkContext(e, input.context);
  const action = checkAction(e, input.action);
  const keywords = (input.keywords ?? []).filter((k) => !k.destroy || k.id !== undefined).filter((k) => !allBlank(k));
  if (keywords.some((k) => k.id !== undefined)) throw notFound();
  for (const k of keywords) checkKeyword(e, k.keyword, NESTED);
  e.check();
  return commitFilters(ctx, accountId, () => {
    const id = ctx.ids.next();
    const now = ctx.now();
    insertFilter(ctx.db, {
      id,
      account_id: accountId,
      title: input.title!.trim(),
      context: JSON.stringify(context),
      action,
      expires_at: expiresAt(ctx, input.expiresIn ?? null),
      created_at: now,
    });
    for (const k of keywords) insertKeyword(ctx, id, k.keyword!, k.wholeWord ?? true);
    return getFilter(ctx.db, id)!;
  });
}

/**
 * Updates the account's filter: given fields change; keyword entries with an id update or
 * (with _destroy) remove that keyword of this filter (404 if it is not one), others add one.
 * All or nothing. Enqueues filters_changed.
 */
export function updateFilter(ctx: AppContext, accountId: number, rawId: unknown, input: FilterInput): FilterRow {
  const f = ownedFilter(ctx, accountId, rawId);
  const e = new Errors();
  if (input.title !== undefined) checkTitle(e, input.title);
  const context = input.context !== undefined ? checkContext(e, input.context) : undefined;
  const action = input.action !== undefined ? checkAction(e, input.action) : undefined;
  const existing = new Map(listFilterKeywords(ctx.db, f.id).map((k) => [k.id, k]));
  const entries = (input.keywords ?? []).filter((k) => !k.destroy || k.id !== undefined).filter((k) => !allBlank(k));
  const changes: { row?: FilterKeywordRow; k: KeywordAttributes }[] = [];
  for (const k of entries) {
    if (k.id === undefined) {
      checkKeyword(e, k.keyword, NESTED);
      changes.push({ k });
      continue;
    }
    const id = parseId(k.id);
    const row = id === undefined ? undefined : existing.get(id);
    if (!row) throw notFound();
    if (!k.destroy && k.keyword !== undefined) checkKeyword(e, k.keyword, NESTED);
    changes.push({ row, k });
  }
  e.check();
  return commitFilters(ctx, accountId, () => {
    const now = ctx.now();
    const next = {
      title: input.title !== undefined ? input.title.trim() : f.title,
      context: context !== undefined ? JSON.stringify(context) : f.context,
      action: action ?? f.action,
      expires_at: input.expiresIn !== undefined ? expiresAt(ctx, input.expiresIn) : f.expires_at,
    };
    updateFilterRow(ctx.db, f.id, next, now);
    for (const { row, k } of changes) {
      if (!row) insertKeyword(ctx, f.id, k.keyword!, k.wholeWord ?? true);
      else if (k.destroy) deleteFilterKeyword(ctx.db, row.id);
      else {
        updateFilterKeyword(
          ctx.db,
          row.id,
          k.keyword ?? row.keyword,
          k.wholeWord === undefined ? row.whole_word : k.wholeWord ? 1 : 0,
          now,
        );
      }
    }
    return getFilter(ctx.db, f.id)!;
  });
}

/** Deletes the account's filter with its keywords and status filters. Enqueues filters_changed. */
export function deleteFilter(ctx: AppContext, accountId: number, rawId: unknown): void {
  const f = ownedFilter(ctx, accountId, rawId);
  commitFilters(ctx, accountId, () => {
    deleteFilterRow(ctx.db, f.id);
  });
}
