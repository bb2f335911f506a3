/** Remote HTML sanitizing and visibility derivation (pure). */
import { describe, expect, test } from "bun:test";
import { sanitizeHtml, stripTags } from "../../../src/text/sanitize";
import { visibilityFromAudience } from "../../../src/serializers/activitypub/addressing";

describe("sanitizeHtml", () => {
  const cases: [string, string][] = [
    ["<p>plain</p>", "<p>plain</p>"],
    ['<p onclick="x()" style="color:red">a</p>', "<p>a</p>"],
    ["<script>alert(1)</script>ok", "ok"],
    ['<a href="javascript:alert(1)">x</a>', "<span>x</span>"],
    ['<a href="jav&#x61;script:alert(1)">x</a>', "<span>x</span>"],
    ['<a href=" data:text/html,x">x</a>', "<span>x</span>"],
    [
      '<a href="https://a.example/?q=1&amp;r=2" target="_self" class="u-url mention nope">@a</a>',
      '<a href="https://a.example/?q=1&amp;r=2" rel="nofollow noopener noreferrer" target="_blank" class="u-url mention">@a</a>',
    ],
    [
      '<span class="h-card evil"><a href="http://b.example">b</a></span>',
      '<span class="h-card"><a href="http://b.example" rel="nofollow noopener noreferrer" target="_blank">b</a></span>',
    ],
    ["<div><img src=x onerror=alert(1)>text</div>", "text"],
    ["<h1>Title</h1>", "<p><strong>Title</strong></p>"],
    ["<iframe src='https://x'>inside</iframe><svg><script>x</script></svg>after", "after"],
    [
      "<blockquote><pre><code>c</code></pre></blockquote><ul><li>i</li></ul><del>d</del><em>e</em>",
      "<blockquote><pre><code>c</code></pre></blockquote><ul><li>i</li></ul><del>d</del><em>e</em>",
    ],
    ["<!-- comment --><p>x</p>", "<p>x</p>"],
    ["<form><input value=x><button>b</button></form>", "b"],
  ];
  for (const [input, out] of cases) test(input, () => expect(sanitizeHtml(input)).toBe(out));
  test("non-strings", () => {
    expect(sanitizeHtml(undefined)).toBe("");
    expect(sanitizeHtml({})).toBe("");
  });
  test("stripTags keeps text only", () => expect(stripTags("<b>A</b> &amp; <script>x</script>B")).toBe("A & B"));
});

describe("visibilityFromAudience", () => {
  const P = "https://www.w3.org/ns/activitystreams#Public";
  const F = "https://r.example/users/a/followers";
  const table: [unknown, unknown, number][] = [
    [[P], [], 0],
    [P, undefined, 0],
    ["as:Public", [], 0],
    [[{ id: P }], [], 0],
    [[F], [P], 1],
    [[], ["Public"], 1],
    [[F], [], 2],
    [[], [F], 2],
    [["https://r.example/users/b"], [], 3],
    [[], [], 3],
    [undefined, undefined, 3],
  ];
  for (const [to, cc, v] of table)
    test(`${JSON.stringify(to)} / ${JSON.stringify(cc)} → ${v}`, () => expect(visibilityFromAudience(to, cc, F)).toBe(v));
});
