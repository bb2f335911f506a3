import { expect, test } from "bun:test";
import { foldSearchText, searchWords } from "./search-words";

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
