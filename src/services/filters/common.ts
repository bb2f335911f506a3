/**
 * Pieces shared by the filter services: finding a user's own filters, keywords and status
 * filters (404 for anyone else's), Mastodon's validation rules, and the commit that tells
 * streams and the compiled-filter cache that the account's filters changed.
 */
import type { AppContext } from "../../context";
import { getFilterKeyword, insertFilterKeyword } from "../../db/queries/custom-filter-keywords";
import { getFilterStatus } from "../../db/queries/custom-filter-statuses";
import { getOwnedFilter } from "../../db/queries/custom-filters";
import { transaction } from "../../db/transaction";
import { forgetViewerFilters } from "../../db/views/filters";
import { notFound, validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import type { FilterKeywordRow, FilterRow, FilterStatusRow } from "../../serializers/mastodon/filter";
import type { FilterAction } from "../../text/filter-match";

/** Where a filter may apply. */
export const FILTER_CONTEXTS = ["home", "notifications", "public", "thread", "account"] as const;
/** Longest filter title. */
export const MAX_TITLE = 256;
/** Longest keyword (Mastodon's CustomFilterKeyword::KEYWORD_LENGTH_LIMIT). */
export const MAX_KEYWORD = 512;
/** Longest expires_in (100 years), so expiry times stay representable. */
export const MAX_EXPIRES_IN = 100 * 365 * 24 * 3600;
const ACTIONS: Record<string, FilterAction> = { warn: "warn", hide: "hide", blur: "blur", blur_media: "blur" };

/** The account's filter with this client-supplied id; 404 otherwise. */
export function ownedFilter(ctx: AppContext, accountId: number, rawId: unknown): FilterRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : getOwnedFilter(ctx.db, id, accountId);
  if (!row) throw notFound();
  return row;
}

/** A keyword of one of the account's filters, with its filter; 404 otherwise. */
export function ownedKeyword(ctx: AppContext, accountId: number, rawId: unknown): { keyword: FilterKeywordRow; filter: FilterRow } {
  const id = parseId(rawId);
  const keyword = id === undefined ? null : getFilterKeyword(ctx.db, id);
  if (!keyword) throw notFound();
  return { keyword, filter: ownedFilter(ctx, accountId, keyword.custom_filter_id) };
}

/** A status filter of one of the account's filters; 404 otherwise. */
export function ownedFilterStatus(ctx: AppContext, accountId: number, rawId: unknown): FilterStatusRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : getFilterStatus(ctx.db, id);
  if (!row) throw notFound();
  ownedFilter(ctx, accountId, row.custom_filter_id);
  return row;
}

/** Rails-style error collector: messages joined into one 422. */
export class Errors {
  private list: string[] = [];
  /** Records a message. */
  add(msg: string): void {
    if (!this.list.includes(msg)) this.list.push(msg);
  }
  /** Throws the 422 when anything was recorded. */
  check(): void {
    if (this.list.length) throw validation(this.list.join(", "));
  }
}

/** Checks a title (`what` names it in messages: "Title", or "Phrase" for v1). */
export function checkTitle(e: Errors, title: string | undefined, what = "Title"): void {
  if (title === undefined || title.trim() === "") e.add(`${what} can't be blank`);
  else if (title.length > MAX_TITLE) e.add(`${what} is too long (maximum is ${MAX_TITLE} characters)`);
}

/** Contexts without blanks and repeats; records Mastodon's messages when empty or unknown. */
export function checkContext(e: Errors, context: string[] | undefined): string[] {
  const list = [...new Set((context ?? []).map((c) => c.trim()).filter((c) => c !== ""))];
  if (list.length === 0) e.add("Context can't be blank");
  if (list.length === 0 || list.some((c) => !(FILTER_CONTEXTS as readonly string[]).includes(c)))
    e.add("Context None or invalid context supplied");
  return list;
}

/** The stored action for a filter_action value (blur_media is accepted for blur). */
export function checkAction(e: Errors, action: string | undefined): FilterAction {
  if (action === undefined || action === "") return "warn";
  const a = ACTIONS[action];
  if (!a) e.add("Filter action is not included in the list");
  return a ?? "warn";
}

/** Checks a keyword (`what` names it: "Keyword", "Keywords keyword" in nested attributes, "Phrase"). */
export function checkKeyword(e: Errors, keyword: string | undefined, what = "Keyword"): void {
  if (keyword === undefined || keyword.trim() === "") e.add(`${what} can't be blank`);
  else if (keyword.length > MAX_KEYWORD) e.add(`${what} is too long (maximum is ${MAX_KEYWORD} characters)`);
}

/** expires_at for an expires_in in seconds (null: never). */
export function expiresAt(ctx: AppContext, expiresIn: number | null): number | null {
  return expiresIn === null ? null : ctx.now() + expiresIn * 1000;
}

/**
 * Runs `fn` in one transaction, enqueues `filters_changed` for the account's streams in it, and
 * then drops the account's compiled filters so the next status view sees the change.
 */
export function commitFilters<T>(ctx: AppContext, accountId: number, fn: () => T): T {
  const out = transaction(ctx.db, () => {
    const r = fn();
    ctx.jobs.enqueue("stream.filters_changed", { accountId });
    return r;
  });
  forgetViewerFilters(ctx, accountId);
  return out;
}

/** Inserts a keyword row; returns its id. */
export function insertKeyword(ctx: AppContext, filterId: number, keyword: string, wholeWord: boolean): number {
  const id = ctx.ids.next();
  const now = ctx.now();
  insertFilterKeyword(ctx.db, { id, custom_filter_id: filterId, keyword, whole_word: wholeWord ? 1 : 0, created_at: now });
  return id;
}
