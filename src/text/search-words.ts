/** The words search ranking counts: accents and case folded away, letters and digits only. */

const NON_ASCII = /[^\x00-\x7f]/;

/** `t` decomposed (NFKD), without combining marks, lower-cased. */
export function foldSearchText(t: string): string {
  return t
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * The folded words of `t` (runs of letters and digits). ASCII text, most posts, takes a
 * shortcut with the same result: NFKD and mark stripping change nothing there, and \p{L} and
 * \p{N} are [a-z0-9] once lower-cased. Ranking calls this on ~200 candidates per search.
 */
export function searchWords(t: string): string[] {
  if (NON_ASCII.test(t)) return foldSearchText(t).match(/[\p{L}\p{N}]+/gu) ?? [];
  return t.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}
