/**
 * The deprecated v1 filters API mapped onto filters and keywords the way Mastodon 4 does: a
 * V1::Filter is one keyword; creating one makes a filter titled by the phrase holding just that
 * keyword; irreversible means the hide action.
 */
import type { AppContext } from "../../context";
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
export interface V1Filter { filter: FilterRow; keyword: FilterKeywordRow }

function load(ctx: AppContext, keywordId: number): V1Filter {
  const keyword = ctx.db.query<FilterKeywordRow, [number]>("SELECT * FROM custom_filter_keywords WHERE id = ?").get(keywordId)!;
  const filter = ctx.db.query<FilterRow, [number]>("SELECT * FROM custom_filters WHERE id = ?").get(keyword.custom_filter_id)!;
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
    ctx.db.query("INSERT INTO custom_filters (id, account_id, title, context, action, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(id, accountId, input.phrase!, JSON.stringify(context), input.irreversible ? "hide" : "warn", expiresAt(ctx, input.expiresIn ?? null), now, now);
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
  const action = input.irreversible === undefined ? filter.action : input.irreversible ? "hide" : filter.action === "hide" ? "warn" : filter.action;
  const expires = input.expiresIn !== undefined ? expiresAt(ctx, input.expiresIn) : filter.expires_at;
  const siblings = (ctx.db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM custom_filter_keywords WHERE custom_filter_id = ?").get(filter.id)?.n ?? 0);
  const changed = context !== filter.context || action !== filter.action || expires !== filter.expires_at;
  if (changed && siblings > 1) {
    throw validation("These parameters cannot be changed from this application because they apply to more than one filter keyword. Use a more recent application or the web interface.");
  }
  return commitFilters(ctx, accountId, () => {
    const now = ctx.now();
    const phrase = input.phrase ?? keyword.keyword;
    const whole = input.wholeWord === undefined ? keyword.whole_word : input.wholeWord ? 1 : 0;
    ctx.db.query("UPDATE custom_filter_keywords SET keyword = ?, whole_word = ?, updated_at = ? WHERE id = ?").run(phrase, whole, now, keyword.id);
    const title = siblings === 1 && input.phrase !== undefined ? phrase : filter.title;
    ctx.db.query("UPDATE custom_filters SET title = ?, context = ?, action = ?, expires_at = ?, updated_at = ? WHERE id = ?")
      .run(title, context, action, expires, now, filter.id);
    return load(ctx, keyword.id);
  });
}

/** Deletes the keyword only (its filter stays, as in Mastodon). 404. Enqueues filters_changed. */
export function deleteV1Filter(ctx: AppContext, accountId: number, rawId: unknown): void {
  const { keyword } = ownedKeyword(ctx, accountId, rawId);
  commitFilters(ctx, accountId, () => {
    ctx.db.query("DELETE FROM custom_filter_keywords WHERE id = ?").run(keyword.id);
  });
}
