/**
 * Mastodon's status search syntax (SearchQueryParser + SearchQueryTransformer) as a pure parser:
 * words, "quoted phrases", word* prefixes, `-` to negate, and the operators from:, has:, is:,
 * language:, before:, after:, during: and in:. Unknown operators stay words.
 */

/** A word, prefix or phrase to look for in the text. */
export interface TextClause {
  /** What the user typed (for a phrase: the words inside the quotes). */
  text: string;
  phrase: boolean;
  /** `word*`: any word that starts with `text`. */
  prefix: boolean;
  negated: boolean;
}

/** A has:/is:/language:/from: filter, possibly negated. */
export interface TermFilter {
  value: string;
  negated: boolean;
}

/** A parsed search query. */
export interface SearchQuery {
  text: TextClause[];
  /** has: and is: values (media, poll, link, embed, image, video, audio, reply, sensitive …), lower-cased. */
  properties: TermFilter[];
  languages: TermFilter[];
  /** from: values as typed without a leading @ (`me`, `user`, `user@domain`). */
  from: TermFilter[];
  /** Time range in milliseconds since the epoch (UTC days): created_at >= after, < before. */
  after?: number;
  before?: number;
  /** in:library or in:public; undefined searches both. */
  scope?: "library" | "public";
}

/** A malformed operator value (a date that is not YYYY-MM-DD); the API answers 422. */
export class SearchSyntaxError extends Error {}

const PREFIXES = new Set(["has", "is", "language", "from", "before", "after", "during", "in"]);
const DAY = 24 * 3600 * 1000;

/** The start of a UTC day given as YYYY-MM-DD, or a SearchSyntaxError. */
function parseDay(op: string, v: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  const d = new Date(t);
  if (!m || Number.isNaN(t) || d.getUTCMonth() + 1 !== Number(m[2]) || d.getUTCDate() !== Number(m[3]))
    throw new SearchSyntaxError(`Invalid date for ${op}: ${JSON.stringify(v)} (expected YYYY-MM-DD)`);
  return t;
}

/** Splits a query into clauses: [-|+]word, [-|+]"phrase", [-|+]op:value, [-|+]op:"value". */
function lex(q: string): { sign: string; op?: string; value: string; quoted: boolean }[] {
  const out: { sign: string; op?: string; value: string; quoted: boolean }[] = [];
  const re = /([+-]?)(?:([A-Za-z_]+):)?(?:"([^"]*)"?|(\S+))/gy;
  let i = 0;
  while (i < q.length) {
    while (i < q.length && /\s/.test(q[i]!)) i++;
    if (i >= q.length) break;
    re.lastIndex = i;
    const m = re.exec(q);
    if (!m || m[0] === "") {
      i++;
      continue;
    }
    i = re.lastIndex;
    const quoted = m[3] !== undefined;
    out.push({ sign: m[1]!, op: m[2], value: quoted ? m[3]! : m[4]!, quoted });
  }
  return out;
}

/** Parses a search query; throws SearchSyntaxError for a malformed date. */
export function parseSearchQuery(q: string): SearchQuery {
  const out: SearchQuery = { text: [], properties: [], languages: [], from: [] };
  const narrow = (field: "after" | "before", v: number, keepMax: boolean) => {
    const cur = out[field];
    out[field] = cur === undefined ? v : keepMax ? Math.max(cur, v) : Math.min(cur, v);
  };
  for (const c of lex(q)) {
    const negated = c.sign === "-";
    const op = c.op?.toLowerCase();
    if (op !== undefined && PREFIXES.has(op) && c.value !== "") {
      const v = c.value.trim();
      switch (op) {
        case "has":
        case "is":
          out.properties.push({ value: v.toLowerCase(), negated });
          break;
        case "language":
          out.languages.push({ value: v, negated });
          break;
        case "from":
          out.from.push({ value: v.replace(/^@/, ""), negated });
          break;
        case "before":
          narrow("before", parseDay(op, v), false);
          break;
        case "after":
          narrow("after", parseDay(op, v) + DAY, true);
          break;
        case "during": {
          const d = parseDay(op, v);
          narrow("after", d, true);
          narrow("before", d + DAY, false);
          break;
        }
        case "in":
          if (v === "library" || v === "public") out.scope = v;
          break;
      }
      continue;
    }
    // An unknown operator is part of the words, as Mastodon does.
    const text = (c.op !== undefined ? `${c.op}:` : "") + c.value;
    if (c.quoted && c.op === undefined) {
      if (text.trim() !== "") out.text.push({ text, phrase: true, prefix: false, negated });
      continue;
    }
    const prefix = text.endsWith("*");
    const word = prefix ? text.replace(/\*+$/, "") : text;
    if (/[\p{L}\p{N}]/u.test(word)) out.text.push({ text: word, phrase: false, prefix, negated });
  }
  return out;
}

/** True when the text holds characters of scripts written without spaces (CJK, Thai …). */
export function hasUnspacedScript(s: string): boolean {
  return /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\u0e00-\u0e7f]/u.test(s);
}
