import { expect, test } from "bun:test";
import { countSearchTerms, foldSearchText, type SearchTerm, searchWords } from "./search-words";

const slow = (t: string) => foldSearchText(t).match(/[\p{L}\p{N}]+/gu) ?? [];

test("the ASCII shortcut gives the words the Unicode path gives", () => {
  // Every ASCII character, then random ASCII strings weighted towards letters, digits and separators.
  const all = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join("");
  expect(searchWords(all)).toEqual(slow(all));
  let seed = 42;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pool = "abcXYZ019 _-'.,!?<>&;\n\t\u0000~";
  for (let i = 0; i < 2000; i++) {
    const s = Array.from({ length: Math.floor(rnd() * 40) }, () =>
      rnd() < 0.8 ? pool[Math.floor(rnd() * pool.length)] : String.fromCharCode(Math.floor(rnd() * 128)),
    ).join("");
    expect(searchWords(s)).toEqual(slow(s));
  }
});

test("non-ASCII text is folded: accents dropped, case folded, other scripts kept", () => {
  expect(searchWords("Crème BRÛLÉE, café!")).toEqual(["creme", "brulee", "cafe"]);
  expect(searchWords("Ｆｕｌｌ ｗｉｄｔｈ ① Straße")).toEqual(["full", "width", "1", "straße"]);
  expect(searchWords("Привет мир 123")).toEqual(["привет", "мир", "123"]);
  expect(searchWords("")).toEqual([]);
});

test("countSearchTerms counts what searchWords splits, whole words and prefixes", () => {
  const slowCount = (t: string, terms: SearchTerm[]) => {
    const all = searchWords(t);
    return { words: all.length, tf: terms.map((x) => all.filter((w) => (x.prefix ? w.startsWith(x.w) : w === x.w)).length) };
  };
  const terms: SearchTerm[] = [
    { w: "ab", prefix: false },
    { w: "ab", prefix: true },
    { w: "a1", prefix: false },
    { w: "café", prefix: false },
    { w: "cafe", prefix: true },
  ];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pool = ["ab", "AB", "Ab", "abc", "a1", "A1", " ", " ", "-", "<p>", "café", "CAFÉ", "cafe", "x", "1", "é"];
  for (let i = 0; i < 3000; i++) {
    const s = Array.from({ length: Math.floor(rnd() * 12) }, () => pool[Math.floor(rnd() * pool.length)]).join(rnd() < 0.5 ? "" : " ");
    const tf = terms.map(() => 0);
    const words = countSearchTerms(s, terms, tf);
    expect({ words, tf }).toEqual(slowCount(s, terms));
  }
  const tf = [1];
  expect(countSearchTerms("Coffee, coffee and COFFEE-cake", [{ w: "coffee", prefix: false }], tf)).toBe(5);
  expect(tf).toEqual([4]); // added to what was there
});
