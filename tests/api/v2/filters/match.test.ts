/** The pure matching rules behind Status.filtered (src/services/filters/match.ts). */
import { expect, test } from "bun:test";
import { compileKeywords, htmlToPlain, matchFilters, searchableText, type CompiledFilter } from "../../../../src/text/filter-match";
import type { StatusRow } from "../../../../src/db/rows";

const hits = (keywords: { keyword: string; whole_word: boolean }[], text: string) => compileKeywords(keywords)?.exec(text)?.[0] ?? null;

test("regex characters in keywords are literal; whole-word bounds only apply at word characters", () => {
  expect(hits([{ keyword: "c++", whole_word: true }], "I write C++ daily")).toBe("C++");
  expect(hits([{ keyword: "c++", whole_word: true }], "abc++")).toBeNull();
  expect(hits([{ keyword: "https://t.co/", whole_word: false }], "see https://t.co/abc")).toBe("https://t.co/");
  expect(hits([{ keyword: "a.b", whole_word: false }], "axb")).toBeNull();
  expect(hits([{ keyword: "#tag", whole_word: true }], "a#tag here")).toBe("#tag");
  expect(hits([{ keyword: "#tag", whole_word: true }], "#tagged")).toBeNull();
  expect(hits([{ keyword: "(x|y)", whole_word: false }], "y")).toBeNull();
  expect(hits([{ keyword: "naïve", whole_word: true }], "So NAÏVE.")).toBe("NAÏVE");
  expect(hits([{ keyword: "日本", whole_word: false }], "日本語")).toBe("日本");
  expect(compileKeywords([])).toBeNull();
});

test("the first match of any keyword is reported; HTML becomes text", () => {
  expect(
    hits(
      [
        { keyword: "b", whole_word: true },
        { keyword: "a", whole_word: true },
      ],
      "x a b",
    ),
  ).toBe("a");
  expect(htmlToPlain("<p>One<br>two &lt;3 &#39;q&#x27;</p><p>Three&nbsp;&amp;</p>")).toBe("One\ntwo <3 'q'\n\nThree\u00a0&");
  const row = { local: 0, text: "", content: "<p>Hello <span>world</span></p>", spoiler_text: "CW" } as StatusRow;
  expect(searchableText(row, ["Yes", "No"], ["alt text"])).toBe("CW\n\nHello world\n\nYes\n\nNo\n\nalt text");
});

test("matchFilters skips expired filters, reports status matches and builds the text only when needed", () => {
  const f = (id: number, expiresAt: number | null, keywords: string[], statusIds: number[] = []): CompiledFilter => ({
    id,
    expiresAt,
    entity: { id: String(id) },
    keywords: compileKeywords(keywords.map((keyword) => ({ keyword, whole_word: false }))),
    statusIds: new Set(statusIds),
  });
  let built = 0;
  const text = () => {
    built++;
    return "a spoiler here";
  };
  expect(matchFilters([f(1, null, [], [5])], 100, [7, 5], text)).toEqual([
    { filter: { id: "1" }, keyword_matches: null, status_matches: ["5"] },
  ]);
  expect(built).toBe(0);
  expect(matchFilters([f(2, 100, ["spoiler"]), f(3, 101, ["SPOILER"])], 100, [1], text)).toEqual([
    { filter: { id: "3" }, keyword_matches: ["spoiler"], status_matches: null },
  ]);
  expect(built).toBe(1);
});
