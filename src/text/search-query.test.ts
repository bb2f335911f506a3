import { expect, test } from "bun:test";
import { parseSearchQuery, SearchSyntaxError } from "./search-query";

test("words, phrases, prefixes and negation", () => {
  const q = parseSearchQuery('cat "morning coffee" -dog tea* -"bad day"');
  expect(q.text).toEqual([
    { text: "cat", phrase: false, prefix: false, negated: false },
    { text: "morning coffee", phrase: true, prefix: false, negated: false },
    { text: "dog", phrase: false, prefix: false, negated: true },
    { text: "tea", phrase: false, prefix: true, negated: false },
    { text: "bad day", phrase: true, prefix: false, negated: true },
  ]);
});

test("operators, negated operators and unknown operators as words", () => {
  const q = parseSearchQuery("from:@kate@x.example -from:me has:Media -is:reply language:fr in:library foo:bar");
  expect(q.from).toEqual([
    { value: "kate@x.example", negated: false },
    { value: "me", negated: true },
  ]);
  expect(q.properties).toEqual([
    { value: "media", negated: false },
    { value: "reply", negated: true },
  ]);
  expect(q.languages).toEqual([{ value: "fr", negated: false }]);
  expect(q.scope).toBe("library");
  expect(q.text.map((t) => t.text)).toEqual(["foo:bar"]);
});

test("dates are UTC days; after: is after the whole day; malformed dates throw", () => {
  const d = Date.UTC(2024, 2, 10);
  expect(parseSearchQuery("before:2024-03-10").before).toBe(d);
  expect(parseSearchQuery("after:2024-03-10").after).toBe(d + 86_400_000);
  expect(parseSearchQuery("during:2024-03-10")).toMatchObject({ after: d, before: d + 86_400_000 });
  for (const bad of ["before:2024-13-01", "after:2024-02-30", "during:yesterday", "before:24-1-1"])
    expect(() => parseSearchQuery(bad)).toThrow(SearchSyntaxError);
});

test("punctuation alone is no word", () => {
  expect(parseSearchQuery("- * !!! ()").text).toEqual([]);
});
