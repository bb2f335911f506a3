/** Custom emoji shortcodes in text, with Mastodon's rules (CustomEmoji::SHORTCODE_RE_FRAGMENT and SCAN_RE). */

/** A valid shortcode: two or more ASCII letters, digits or underscores. */
export const SHORTCODE_RE = /^[a-zA-Z0-9_]{2,}$/;

// `:code:` not glued to a letter, digit or colon on either side.
const SCAN_RE = /(?<=^|[^\p{L}\p{N}:]):([a-zA-Z0-9_]{2,}):(?=[^\p{L}\p{N}:]|$)/gu;

/** Distinct shortcodes used in `texts`, in order of first use. */
export function shortcodesIn(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t || !t.includes(":")) continue;
    for (const m of t.matchAll(SCAN_RE)) out.add(m[1]!);
  }
  return [...out];
}
