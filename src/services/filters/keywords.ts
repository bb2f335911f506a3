/** CustomFilterKeyword create / update / destroy (the /api/v2/filters keyword sub-resource). */
import type { AppContext } from "../../context";
import { deleteFilterKeyword, getFilterKeyword, updateFilterKeyword } from "../../db/queries/custom-filter-keywords";
import type { FilterKeywordRow } from "../../serializers/mastodon/filter";
import { checkKeyword, commitFilters, Errors, insertKeyword, ownedFilter, ownedKeyword } from "./common";

/** A keyword's fields; undefined leaves a field as it is (on update). */
export interface KeywordInput {
  keyword?: string;
  wholeWord?: boolean;
}

function keywordRow(ctx: AppContext, id: number): FilterKeywordRow {
  return getFilterKeyword(ctx.db, id)!;
}

/** Adds a keyword (whole_word defaults to true) to the account's filter. 404/422. Enqueues filters_changed. */
export function addKeyword(ctx: AppContext, accountId: number, rawFilterId: unknown, input: KeywordInput): FilterKeywordRow {
  const f = ownedFilter(ctx, accountId, rawFilterId);
  const e = new Errors();
  checkKeyword(e, input.keyword);
  e.check();
  return commitFilters(ctx, accountId, () => keywordRow(ctx, insertKeyword(ctx, f.id, input.keyword!, input.wholeWord ?? true)));
}

/** Changes a keyword of one of the account's filters. 404/422. Enqueues filters_changed. */
export function updateKeyword(ctx: AppContext, accountId: number, rawId: unknown, input: KeywordInput): FilterKeywordRow {
  const { keyword } = ownedKeyword(ctx, accountId, rawId);
  const e = new Errors();
  if (input.keyword !== undefined) checkKeyword(e, input.keyword);
  e.check();
  return commitFilters(ctx, accountId, () => {
    updateFilterKeyword(
      ctx.db,
      keyword.id,
      input.keyword ?? keyword.keyword,
      input.wholeWord === undefined ? keyword.whole_word : input.wholeWord ? 1 : 0,
      ctx.now(),
    );
    return keywordRow(ctx, keyword.id);
  });
}

/** Removes a keyword of one of the account's filters (the filter stays). 404. Enqueues filters_changed. */
export function removeKeyword(ctx: AppContext, accountId: number, rawId: unknown): void {
  const { keyword } = ownedKeyword(ctx, accountId, rawId);
  commitFilters(ctx, accountId, () => {
    deleteFilterKeyword(ctx.db, keyword.id);
  });
}
