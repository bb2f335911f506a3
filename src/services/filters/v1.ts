/**
 * The deprecated v1 filters API mapped onto filters and keywords the way Mastodon 4 does: a
 * V1::Filter is one keyword; creating one makes a filter titled by the phrase holding just that
 * keyword; irreversible means the hide action.
 */
import type { AppContext } from "../../context";
import { countFilterKeywords, deleteFilterKeyword, getFilterKeyword, updateFilterKeyword } from "../../db/queries/custom-filter-keywords";
import { getFilter, insertFilter, updateFilter } from "../../db/queries/custom-filters";
import { validation } from "../../model/errors";
import type { FilterKeywordRow, FilterRow } from "../../serializers/mastodon/filter";
import { checkContext, checkKeyword, checkTitle, commitFilters, Errors, expiresAt, insertKeyword, ownedKeyword } from "./common";

/** V1 fields; undefined leaves a field as it is (on update). expiresIn null: never expires. */
export interface V1FilterInput {
  phrase?: string;
  context?: string[];
  irreversible?: boolean;
  wholeWord?: boolean;
  expiresIn?: number | null;
}

/** A keyword and its filter: what a V1::Filter shows. */
export interface V1Filter {
  filter: FilterRow;
  keyword: FilterKeywordRow;
}

function load(ctx: AppContext, keywordId: number): V1Filter {
  const keyword = getFilterKeyword(ctx.db, keywordId)!;
  const filter = getFilter(ctx.db, keyword.custom_filter_id)!;
  return { filter, keyword };
}

/** Creates a filter titled `phrase` with one keyword (whole_word defaults to false). 422. Enqueues filters_changed. */
export function createV1Filter(ctx: AppContext, accountId: number, input: V1FilterInput): V1Filter {
  const e = new Errors();
  checkTitle(e, input.phrase, "Phrase");
  const context = checkContext(e, input.context);
  e.check();
  return commitFilters(ctx, accountId, () => {
    const id = ctx.ids.next();
    const now = ctx.now();
    insertFilter(ctx.db, {
      id,
      account_id: accountId,
      title: input.phrase!,
      context: JSON.stringify(context),
      action: input.irreversible ? "hide" : "warn",
      expires_at: expiresAt(ctx, input.expiresIn ?? null),
      created_at: now,
    });
    return load(ctx, insertKeyword(ctx, id, input.phrase!, input.wholeWord ?? false));
  });
}

/**
 * Updates the keyword (phrase, whole_word) and its filter (context, irreversible, expiry; the
 * title follows the phrase when the filter has only this keyword). Changing the filter of a
 * filter with several keywords is refused with 422, as in Mastodon. Enqueues filters_changed.
 */
export function updateV1Filter(ctx: AppContext, accountId: number, rawId: unknown, input: V1FilterInput): V1Filter {
  const { keyword, filter } = ownedKeyword(ctx, accountId, rawId);
  const e = new Errors();
  if (input.phrase !== undefined) checkKeyword(e, input.phrase, "Phrase");
  const context = input.context !== undefined ? JSON.stringify(checkContext(e, input.context)) : filter.context;
  e.check();
  const action =
    input.irreversible === undefined ? filter.action : input.irreversible ? "hide" : filter.action === "hide" ? "warn" : filter.action;
  const expires = input.expiresIn !== undefined ? expiresAt(ctx, input.expiresIn) : filter.expires_at;
  const siblings = countFilterKeywords(ctx.db, filter.id);
  const changed = context !== filter.context || action !== filter.action || expires !== filter.expires_at;
  if (changed && siblings > 1) {
    throw validation(
      "These parameters cannot be changed from this application because they apply to more than one filter keyword. Use a more recent application or the web interface.",
    );
  }
  return commitFilters(ctx, accountId, () => {
    const now = ctx.now();
    const phrase = input.phrase ?? keyword.keyword;
    const whole = input.wholeWord === undefined ? keyword.whole_word : input.wholeWord ? 1 : 0;
    updateFilterKeyword(ctx.db, keyword.id, phrase, whole, now);
    const title = siblings === 1 && input.phrase !== undefined ? phrase : filter.title;
    updateFilter(ctx.db, filter.id, { title, context, action, expires_at: expires }, now);
    return load(ctx, keyword.id);
  });
}

/** Deletes the keyword only (its filter stays, as in Mastodon). 404. Enqueues filters_changed. */
export function deleteV1Filter(ctx: AppContext, accountId: number, rawId: unknown): void {
  const { keyword } = ownedKeyword(ctx, accountId, rawId);
  commitFilters(ctx, accountId, () => {
    deleteFilterKeyword(ctx.db, keyword.id);
  });
}
