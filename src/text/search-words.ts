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

/** A folded word to count (from searchWords), matched whole or, with prefix, as a word's start. */
export interface SearchTerm {
  w: string;
  prefix: boolean;
}

const isWordCode = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * How many words `t` has, counting as searchWords splits; adds how often each term occurs in it
 * to `tf` (one slot per term). ASCII text is scanned in place (no lower-cased copy, no array of
 * words): ranking counts the terms of ~200 candidates per search.
 */
export function countSearchTerms(t: string, terms: readonly SearchTerm[], tf: number[]): number {
  if (NON_ASCII.test(t)) {
    const all = searchWords(t);
    for (const w of all)
      for (let k = 0; k < terms.length; k++) if (terms[k]!.prefix ? w.startsWith(terms[k]!.w) : w === terms[k]!.w) tf[k]!++;
    return all.length;
  }
  let words = 0;
  for (let i = 0; i < t.length; ) {
    while (i < t.length && !isWordCode(t.charCodeAt(i))) i++;
    if (i >= t.length) break;
    const start = i;
    while (i < t.length && isWordCode(t.charCodeAt(i))) i++;
    words++;
    for (let k = 0; k < terms.length; k++) {
      const { w, prefix } = terms[k]!;
      if (prefix ? i - start < w.length : i - start !== w.length) continue;
      let j = 0;
      for (; j < w.length; j++) {
        const c = t.charCodeAt(start + j);
        if ((c >= 65 && c <= 90 ? c + 32 : c) !== w.charCodeAt(j)) break;
      }
      if (j === w.length) tf[k]!++;
    }
  }
  return words;
}
