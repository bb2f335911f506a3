/**
 * Filters on the client: what a status's server-side `filtered` results mean on a given screen
 * (Mastodon's rules: a result counts where its filter's context includes the screen's and it has
 * not expired; hide beats warn beats blur; your own posts are never filtered), and the editor's
 * draft ↔ API conversions for /settings/filters.
 */
import type { mastodon } from "masto";
import type { Status } from "./api";

/** Where a filter applies; each screen that shows posts has one. */
export type FilterContext = "home" | "notifications" | "public" | "thread" | "account";
/** What a filter does. */
export type FilterAction = "warn" | "hide" | "blur";
export type Filter = mastodon.v2.Filter;

/** The contexts in the order the editor lists them, with their labels. */
export const CONTEXTS: [FilterContext, string][] = [
  ["home", "Home and lists"],
  ["notifications", "Notifications"],
  ["public", "Public timelines"],
  ["thread", "Conversations"],
  ["account", "Profiles"],
];

/** The actions the editor offers, with their labels. */
export const ACTIONS: [FilterAction, string][] = [
  ["warn", "Hide behind a warning"],
  ["hide", "Hide completely"],
  ["blur", "Hide media behind a warning"],
];

/** Expiry choices (seconds; "" never), as Mastodon offers them. */
export const EXPIRY: [string, string][] = [
  ["", "Never"],
  ["1800", "30 minutes"],
  ["3600", "1 hour"],
  ["21600", "6 hours"],
  ["43200", "12 hours"],
  ["86400", "1 day"],
  ["604800", "1 week"],
];

/** What to do with a status on a screen: its strongest applicable action and the filters' titles. */
export interface FilterVerdict {
  action: FilterAction;
  titles: string[];
}

/**
 * The verdict for `status` in `context` (null: show normally). A boost carries the boosted
 * post's results. `warnInsteadOfHide` is for the focused post of a thread, which is never hidden.
 */
export function filterVerdict(
  status: Status,
  context: FilterContext | undefined,
  meId: string,
  opts: { warnInsteadOfHide?: boolean; now?: number } = {},
): FilterVerdict | null {
  if (!context) return null;
  const s = status.reblog ?? status;
  if (s.account.id === meId) return null;
  const now = opts.now ?? Date.now();
  const results = (status.filtered?.length ? status.filtered : s.filtered) ?? [];
  const applicable = results.filter(
    (r) => r.filter.context.includes(context) && (!r.filter.expiresAt || Date.parse(r.filter.expiresAt) > now),
  );
  if (applicable.length === 0) return null;
  const titles = [...new Set(applicable.map((r) => r.filter.title))];
  const actions = applicable.map((r) =>
    r.filter.filterAction === "hide" || r.filter.filterAction === "blur" ? r.filter.filterAction : "warn",
  );
  if (actions.includes("hide")) return { action: opts.warnInsteadOfHide ? "warn" : "hide", titles };
  if (actions.includes("warn")) return { action: "warn", titles };
  return { action: "blur", titles };
}

/** One keyword row in the editor (id: an existing keyword). */
export interface KeywordDraft {
  id?: string;
  keyword: string;
  wholeWord: boolean;
}

/** The editor's state of one filter. */
export interface FilterDraft {
  title: string;
  context: FilterContext[];
  action: FilterAction;
  /** Seconds as a string, "" for never, or "keep" to leave an existing expiry alone. */
  expiresIn: string;
  keywords: KeywordDraft[];
}

/** A fresh draft: one empty keyword, home and public, warn, never expires. */
export function emptyDraft(): FilterDraft {
  return { title: "", context: ["home", "public"], action: "warn", expiresIn: "", keywords: [{ keyword: "", wholeWord: true }] };
}

/** The draft for editing `f`; its expiry is kept unless the reader picks another. */
export function draftOf(f: Filter): FilterDraft {
  return {
    title: f.title,
    context: [...f.context] as FilterContext[],
    action: (["warn", "hide", "blur"].includes(f.filterAction) ? f.filterAction : "warn") as FilterAction,
    expiresIn: f.expiresAt ? "keep" : "",
    keywords: f.keywords.map((k) => ({ id: k.id, keyword: k.keyword, wholeWord: k.wholeWord })),
  };
}

/** What is wrong with a draft, in words (null when it can be saved); `posts`: chosen posts it also filters. */
export function draftProblem(d: FilterDraft, posts = 0): string | null {
  if (!d.title.trim()) return "Give the filter a title.";
  if (d.context.length === 0) return "Choose at least one place where the filter applies.";
  if (posts === 0 && !d.keywords.some((k) => k.keyword.trim())) return "Add at least one keyword or phrase.";
  return null;
}

/**
 * The create/update parameters for a draft. On update (`original` given) keywords that were
 * removed are sent with _destroy; blank new rows are left out.
 */
export function draftParams(d: FilterDraft, original?: Filter): Record<string, unknown> {
  const keep = d.keywords.filter((k) => k.keyword.trim());
  const kept = new Set(keep.map((k) => k.id).filter(Boolean));
  const attrs: Record<string, unknown>[] = keep.map((k) => ({
    ...(k.id ? { id: k.id } : {}),
    keyword: k.keyword.trim(),
    wholeWord: k.wholeWord,
  }));
  for (const k of original?.keywords ?? []) if (!kept.has(k.id)) attrs.push({ id: k.id, _destroy: true });
  const out: Record<string, unknown> = { title: d.title.trim(), context: d.context, filterAction: d.action, keywordsAttributes: attrs };
  if (d.expiresIn !== "keep") out.expiresIn = d.expiresIn === "" ? null : Number(d.expiresIn);
  return out;
}

/** "Never expires", "Expired" or "Expires in 3 hours" for a filter's expires_at. */
export function expiryText(expiresAt: string | null | undefined, now = Date.now()): string {
  if (!expiresAt) return "Never expires";
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) return "Expired";
  const units: [number, string][] = [
    [86400_000, "day"],
    [3600_000, "hour"],
    [60_000, "minute"],
  ];
  for (const [size, name] of units) {
    // A filter saved for "1 day" reads as such a moment later, not as "24 hours".
    if (ms >= size * 0.98) {
      const n = Math.max(1, Math.round(ms / size));
      return `Expires in ${n} ${name}${n === 1 ? "" : "s"}`;
    }
  }
  return "Expires in less than a minute";
}
