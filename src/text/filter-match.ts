/**
 * Matching statuses against a viewer's filters the way Mastodon does: each filter's keywords are
 * compiled once into one case-insensitive pattern (whole-word keywords get word boundaries where
 * they start or end with a word character) and tried on a status's searchable text (content
 * warning, plain text, poll options, media descriptions); status filters match by id.
 */
import type { StatusRow } from "../db/rows";

/** What a filter does to matching statuses. */
export type FilterAction = "warn" | "hide" | "blur";

/** A filter ready to apply: its FilterResult `filter` entity, keyword pattern and status ids. */
export interface CompiledFilter {
  id: number;
  expiresAt: number | null;
  /** The Filter entity without keywords and statuses (as FilterResult carries it). */
  entity: Record<string, unknown>;
  /** All keywords as one pattern, or null when the filter has none. */
  keywords: RegExp | null;
  statusIds: Set<number>;
}

// Ruby's [[:word:]]: letters, marks, decimal digits and connector punctuation.
const WORD = "[\\p{L}\\p{M}\\p{Nd}\\p{Pc}]";
const STARTS_WORD = new RegExp(`^${WORD}`, "u");
const ENDS_WORD = new RegExp(`${WORD}$`, "u");

/** The pattern source of one keyword (escaped; bounded by non-word characters when whole_word). */
export function keywordSource(keyword: string, wholeWord: boolean): string {
  const escaped = keyword.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
  if (!wholeWord) return escaped;
  return (STARTS_WORD.test(keyword) ? `(?<!${WORD})` : "") + escaped + (ENDS_WORD.test(keyword) ? `(?!${WORD})` : "");
}

/** One case-insensitive pattern matching any of `keywords` (null for none). */
export function compileKeywords(keywords: readonly { keyword: string; whole_word: number | boolean }[]): RegExp | null {
  if (keywords.length === 0) return null;
  return new RegExp(keywords.map((k) => `(?:${keywordSource(k.keyword, !!k.whole_word)})`).join("|"), "iu");
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes the HTML entities sanitized content can carry (named basics and numeric ones). */
function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Status HTML as plain text: line breaks for <br> and paragraphs, tags dropped, entities decoded. */
export function htmlToPlain(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p(?:\s[^>]*)?>/gi, "\n\n")
    .replace(/<[^>]*>/g, "");
  return decodeEntities(text).trim();
}

/**
 * The text keywords are matched against (Mastodon's Status#searchable_text): local statuses use
 * their source text, remote ones their content without HTML.
 */
export function searchableText(s: StatusRow, pollOptions: readonly string[], mediaDescriptions: readonly string[]): string {
  const plain = s.local && s.text !== "" ? s.text : htmlToPlain(s.content);
  const parts = [s.spoiler_text, plain];
  if (pollOptions.length) parts.push(pollOptions.join("\n\n"));
  parts.push(mediaDescriptions.join("\n\n"));
  return parts.join("\n\n");
}

/** A FilterResult entity. */
export interface FilterResult {
  filter: Record<string, unknown>;
  keyword_matches: string[] | null;
  status_matches: string[] | null;
}

/**
 * The FilterResults of a status: `ids` are the status and, for a boost, the boosted one; `text`
 * gives the searchable text of the boosted (or own) status, built only when a filter needs it.
 * Filters expired at `now` are skipped.
 */
export function matchFilters(filters: readonly CompiledFilter[], now: number, ids: readonly number[], text: () => string): FilterResult[] {
  const out: FilterResult[] = [];
  let t: string | undefined;
  for (const f of filters) {
    if (f.expiresAt !== null && f.expiresAt <= now) continue;
    let keywordMatches: string[] | null = null;
    let statusMatches: string[] | null = null;
    if (f.keywords) {
      const m = f.keywords.exec((t ??= text()));
      if (m) keywordMatches = [m[0]];
    }
    if (f.statusIds.size) {
      const hit = ids.filter((id) => f.statusIds.has(id));
      if (hit.length) statusMatches = hit.map(String);
    }
    if (keywordMatches || statusMatches) out.push({ filter: f.entity, keyword_matches: keywordMatches, status_matches: statusMatches });
  }
  return out;
}
