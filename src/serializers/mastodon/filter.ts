/** Filter rows → Mastodon Filter, FilterKeyword, FilterStatus and V1::Filter entities. Pure. */
import { iso } from "./time";

/** A custom_filters row. */
export interface FilterRow {
  id: number;
  account_id: number;
  title: string;
  /** JSON array of contexts. */
  context: string;
  action: "warn" | "hide" | "blur";
  expires_at: number | null;
  created_at: number;
  updated_at: number;
}

/** A custom_filter_keywords row. */
export interface FilterKeywordRow {
  id: number;
  custom_filter_id: number;
  keyword: string;
  whole_word: number;
  created_at: number;
  updated_at: number;
}

/** A custom_filter_statuses row. */
export interface FilterStatusRow {
  id: number;
  custom_filter_id: number;
  status_id: number;
  created_at: number;
  updated_at: number;
}

/** The contexts of a filter row. */
export function filterContexts(f: FilterRow): string[] {
  try {
    const v = JSON.parse(f.context);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** The Filter entity without keywords and statuses (as inside a FilterResult). */
export function toMastodonFilterCore(f: FilterRow): Record<string, unknown> {
  return {
    id: String(f.id),
    title: f.title,
    context: filterContexts(f),
    expires_at: f.expires_at === null ? null : iso(f.expires_at),
    filter_action: f.action,
  };
}

/** The FilterKeyword entity. */
export function toMastodonFilterKeyword(k: FilterKeywordRow): Record<string, unknown> {
  return { id: String(k.id), keyword: k.keyword, whole_word: !!k.whole_word };
}

/** The FilterStatus entity. */
export function toMastodonFilterStatus(s: FilterStatusRow): Record<string, unknown> {
  return { id: String(s.id), status_id: String(s.status_id) };
}

/** The Filter entity with its keywords and statuses. */
export function toMastodonFilter(f: FilterRow, keywords: FilterKeywordRow[], statuses: FilterStatusRow[]): Record<string, unknown> {
  return { ...toMastodonFilterCore(f), keywords: keywords.map(toMastodonFilterKeyword), statuses: statuses.map(toMastodonFilterStatus) };
}

/** The V1::Filter entity: one keyword of a filter, with the filter's context, expiry and action. */
export function toMastodonV1Filter(f: FilterRow, k: FilterKeywordRow): Record<string, unknown> {
  return {
    id: String(k.id),
    phrase: k.keyword,
    context: filterContexts(f),
    whole_word: !!k.whole_word,
    expires_at: f.expires_at === null ? null : iso(f.expires_at),
    irreversible: f.action === "hide",
  };
}
