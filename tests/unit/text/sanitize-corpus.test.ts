/**
 * The sanitizer against a corpus of broken and hostile markup: the exact output of each input,
 * and for every output that it is balanced (a browser-grade parser re-parses it into the same
 * markup) and that, placed in a page inside nested containers, it stays inside its container
 * and the page keeps one <body>.
 */
import { describe, expect, test } from "bun:test";
import { defaultTreeAdapter, type DefaultTreeAdapterTypes as T, parse, parseFragment, serialize } from "parse5";
import { sanitizeHtml, sanitizePageHtml, stripTags, textOf } from "../../../src/text/sanitize";

const REL = `rel="nofollow noopener noreferrer" target="_blank"`;
const UGC = `rel="nofollow noopener noreferrer ugc"`;

/** [what, input, federation output, page output (when it differs)]. */
const CORPUS: [string, string, string, string?][] = [
  [
    "stray end tags of the page around it",
    `<p>hi</p></div></article></main></body><a href="https://evil.example/login">Sign in</a>`,
    `<p>hi</p><a href="https://evil.example/login" ${REL}>Sign in</a>`,
    `<p>hi</p><a href="https://evil.example/login" ${UGC}>Sign in</a>`,
  ],
  ["stray end tags of allowed elements", `</li></ul></ol></blockquote></pre></span></a>x`, "x"],
  ["stray </p> becomes an empty paragraph, as in a browser", `<p>a</p></p>`, "<p>a</p><p></p>"],
  ["unclosed tags are closed", `<p>open <b>bold <i>both`, "<p>open <b>bold <i>both</i></b></p>"],
  ["implied paragraph ends", `<p>a<p>b`, "<p>a</p><p>b</p>"],
  ["implied list item ends", `<ul><li>a<li>b</ul>`, "<ul><li>a</li><li>b</li></ul>"],
  ["misnested formatting", `<b><i>misnested</b></i>`, "<b><i>misnested</i></b>"],
  ["a list item outside a list is unwrapped", `<li>stray</li>`, "stray"],
  ["a list item reaching a list through a table is unwrapped", `<li>a<table><td><li>b</li></td></table></li>`, "ab"],
  ["nested forms", `<form><form><p>x</p></form></form>y`, "<p>x</p>y"],
  ["a paragraph inside a button inside a paragraph", `<p><button><p>inner</p></button></p>`, "<p>inner</p>"],
  [
    "a list inside a table inside a paragraph",
    `<p><table><tr><td><ul><li>c</li></ul></td></tr></table></p>`,
    "<p></p><ul><li>c</li></ul><p></p>",
  ],
  ["comments", `<!-- c --><p>a<!-- </p> --></p>`, "<p>a</p>"],
  ["CDATA is a bogus comment in HTML", `<![CDATA[<script>x</script>]]>after`, "x]]&gt;after"],
  ["script in svg", `<svg><script>alert(1)</script><foreignObject><p>in</p></foreignObject></svg>z`, "z"],
  ["svg/style confusion", `<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">`, `<p></p>"&gt;`],
  ["math without annotation", `<math><mi>x</mi></math>y`, "y"],
  ["math mglyph/style confusion", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, ""],
  [
    "math with a TeX annotation (FEP-dc88)",
    `<math><semantics><mi>x</mi><annotation encoding="application/x-tex">x^2</annotation></semantics></math>`,
    "$x^2$",
  ],
  [
    "block math with a plain-text annotation",
    `<math display="block"><semantics><mi>x</mi><annotation encoding="text/plain">x squared</annotation></semantics></math>`,
    "x squared",
  ],
  ["noscript title confusion", `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`, `"&gt;`],
  ["textarea", `<textarea></textarea><script>alert(1)</script></textarea>`, ""],
  ["template", `<template><script>x</script><p>t</p></template>ok`, "ok"],
  ["title", `<title><p>t</p></title>x`, "x"],
  ["plaintext swallows the rest", `a<plaintext><b>all text`, "a"],
  ["select", `<select><option>o</option></select>z`, "z"],
  ["iframe srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe>x`, "x"],
  ["object", `<object data="x"><p>fallback</p></object>x`, "x"],
  ["media and images", `<img src=x onerror=alert(1)><video><source src=x></video><audio>fallback</audio>`, "fallback"],
  ["document-level tags", `<html><head><base href="https://evil.example/"></head><body onload=alert(1)>x</body></html>`, "x"],
  ["meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example/">x`, "x"],
  ["styles and handlers", `<div style="position:fixed" onclick="x()">x</div><x-custom onclick=alert(1)>c</x-custom>`, "xc"],
  ["obsolete elements", `<isindex><keygen><marquee>m</marquee><blink>b</blink>`, "mb"],
  ["NUL", `<p>\u0000nul</p>`, "<p>nul</p>"],
  ["text is escaped", `<p>1 < 2 > 0 & "q" 'a'</p>`, `<p>1 &lt; 2 &gt; 0 &amp; "q" 'a'</p>`],
  ["escaped markup stays text", `&lt;script&gt;alert(1)&lt;/script&gt;`, "&lt;script&gt;alert(1)&lt;/script&gt;"],
  ["javascript: with an entity tab", `<a href="jav&#x09;ascript:alert(1)">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["javascript: after a control character", `<a href="&#14;javascript:alert(1)">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["javascript: in mixed case after a space", `<a href=" JaVaScRiPt:alert(1)">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["javascript&colon;", `<a href="javascript&colon;alert(1)">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["newline inside javascript:", `<a href="java\nscript:alert(1)">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["data:", `<a href="data:text/html;base64,PHNjcmlwdD4=">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["vbscript:", `<a href="vbscript:x">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["fullwidth j", `<a href="ｊavascript:alert(1)">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["zero-width space in the scheme", `<a href="java\u200bscript:alert(1)">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["right-to-left override in a link", `<a href="https://ok.example/\u202egnp.exe">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["quotes in a link", `<a href="https://ok.example/&quot;onmouseover=&quot;alert(1)">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["backticks in a link", '<a href="https://ok.example/`x`">t</a>', "<span>t</span>", `<a ${UGC}>t</a>`],
  ["markup in a single-quoted link", `<a href='https://ok.example/"><script>'>t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  ["http without a host", `<a href="https:evil.example">t</a>`, "<span>t</span>", `<a ${UGC}>t</a>`],
  [
    "attributes of links are replaced",
    `<a href="https://ok.example/" title="x" onclick='y' style=z rel="me" target="_top">t</a>`,
    `<a href="https://ok.example/" ${REL}>t</a>`,
    `<a href="https://ok.example/" ${UGC}>t</a>`,
  ],
  [
    "ampersands in links",
    `<a href="https://ok.example/?a=1&b=2&amp;c=3">q</a>`,
    `<a href="https://ok.example/?a=1&amp;b=2&amp;c=3" ${REL}>q</a>`,
    `<a href="https://ok.example/?a=1&amp;b=2&amp;c=3" ${UGC}>q</a>`,
  ],
  [
    "Mastodon's other protocols",
    `<a href="gemini://g.example/">g</a><a href="magnet:?xt=urn:btih:abc">m</a><a href="xmpp:a@b.example">x</a>`,
    `<a href="gemini://g.example/" ${REL}>g</a><a href="magnet:?xt=urn:btih:abc" ${REL}>m</a><a href="xmpp:a@b.example" ${REL}>x</a>`,
    `<a href="gemini://g.example/" ${UGC}>g</a><a href="magnet:?xt=urn:btih:abc" ${UGC}>m</a><a href="xmpp:a@b.example" ${UGC}>x</a>`,
  ],
  [
    "relative links: not links in federation, local paths only on pages",
    `<a href="/local/path">l</a> <a href="//evil.example/">e</a> <a href="/\\evil.example">e2</a> <a href="/\t/evil.example">e3</a>`,
    "<span>l</span> <span>e</span> <span>e2</span> <span>e3</span>",
    `<a href="/local/path" ${UGC}>l</a> <a ${UGC}>e</a> <a ${UGC}>e2</a> <a ${UGC}>e3</a>`,
  ],
  [
    "a link in a link",
    `<a href="https://a.example/"><div><a href="https://b.example/">x</a></div></a>`,
    `<a href="https://a.example/" ${REL}></a><a href="https://a.example/" ${REL}></a><a href="https://b.example/" ${REL}>x</a>`,
    `<a href="https://a.example/" ${UGC}></a><a href="https://a.example/" ${UGC}></a><a href="https://b.example/" ${UGC}>x</a>`,
  ],
  [
    "a link in a link through a marquee (a marker the browser would not see once it is unwrapped)",
    `<a href="https://a.example/">1<marquee><a href="https://b.example/">2</a></marquee>3</a>`,
    `<a href="https://a.example/" ${REL}>123</a>`,
    `<a href="https://a.example/" ${UGC}>123</a>`,
  ],
  [
    "a mention",
    `<span class="h-card evil"><a href="https://r.example/@u" class="u-url mention x">@<span>u</span></a></span>`,
    `<span class="h-card"><a href="https://r.example/@u" ${REL} class="u-url mention">@<span>u</span></a></span>`,
    `<span class="h-card"><a href="https://r.example/@u" class="u-url mention" ${UGC}>@<span>u</span></a></span>`,
  ],
  [
    "block in a link",
    `<a href="https://ok.example/"><p>block</p></a>`,
    `<a href="https://ok.example/" ${REL}><p>block</p></a>`,
    `<a href="https://ok.example/" ${UGC}><p>block</p></a>`,
  ],
  ["ruby", `<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>`, "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>"],
  ["a list item in ruby is unwrapped, rt outside ruby too", `<ruby><li>x<rt>y</rt></li></ruby><rt>z</rt>`, "<ruby>x<rt>y</rt></ruby>z"],
  [
    "list attributes",
    `<ol start="3" reversed><li value="7">x</li></ol><ol start="x"><li value="1e9">y</li></ol>`,
    `<ol start="3" reversed=""><li value="7">x</li></ol><ol><li>y</li></ol>`,
  ],
  [
    "lang, translate and classes",
    `<p lang="de" translate="no" class="h-entry bogus">x</p><span translate="no" class="invisible">y</span><span translate="yes" lang="en&quot;x">z</span>`,
    `<p class="h-entry" lang="de">x</p><span class="invisible" translate="no">y</span><span>z</span>`,
  ],
  ["headings", `<h1 class="x">T</h1><p><h2>in p</h2></p>`, "<p><strong>T</strong></p><p></p><p><strong>in p</strong></p><p></p>"],
  ["a heading inside a paragraph (through a button) is only bold", `<p><button><h3>h</h3></button></p>`, "<p><strong>h</strong></p>"],
  ["the newline after <pre> survives", `<pre>\n\nx</pre>`, "<pre>\n\nx</pre>"],
  ["code", `<pre><code>a &lt; b &amp;&amp; c</code></pre>`, "<pre><code>a &lt; b &amp;&amp; c</code></pre>"],
  ["br", `<p>x<br>y<br/>z</br></p>`, "<p>x<br>y<br>z<br></p>"],
  [
    "allowed block and inline elements",
    `<blockquote><p>q</p></blockquote><del>d</del><s>s</s><u>u</u><em>e</em><strong>st</strong><code>c</code>`,
    `<blockquote><p>q</p></blockquote><del>d</del><s>s</s><u>u</u><em>e</em><strong>st</strong><code>c</code>`,
  ],
  ["deep nesting is flattened past 48 levels", `${"<i>".repeat(60)}x`, `${"<i>".repeat(48)}x${"</i>".repeat(48)}`],
  ["deep nesting of unknown elements", `${"<div>".repeat(5000)}x`, "x"],
];

/** Elements of a document in tree order (iterative). */
function elements(root: T.ParentNode): T.Element[] {
  const out: T.Element[] = [];
  const stack: T.ChildNode[] = [...root.childNodes];
  while (stack.length) {
    const n = stack.pop()!;
    if ("tagName" in n) {
      out.push(n);
      stack.push(...(n.tagName === "template" ? [] : n.childNodes));
    }
  }
  return out;
}

/**
 * What a browser builds from `html` inside a <div> (here: parse5, the same algorithm), serialized
 * as the HTML standard does (a <pre> whose text starts with a newline gets one more).
 */
function reparsed(html: string): string {
  const frag = parseFragment(defaultTreeAdapter.createElement("div", "http://www.w3.org/1999/xhtml" as never, []), html, {});
  for (const el of elements(frag)) {
    const first = el.childNodes[0];
    if (el.tagName === "pre" && first?.nodeName === "#text" && (first as T.TextNode).value.startsWith("\n"))
      (first as T.TextNode).value = `\n${(first as T.TextNode).value}`;
  }
  return serialize(frag);
}

describe("hostile and broken markup", () => {
  for (const [what, input, federation, page] of CORPUS) {
    test(what, () => {
      expect(sanitizeHtml(input)).toBe(federation);
      expect(sanitizePageHtml(input)).toBe(page ?? federation);
    });
  }

  test("every output is balanced: it re-parses to itself and sanitizes to itself", () => {
    for (const [, input] of CORPUS) {
      const federation = sanitizeHtml(input);
      const page = sanitizePageHtml(input);
      for (const out of [federation, page]) expect(reparsed(out)).toBe(out);
      expect(sanitizeHtml(federation)).toBe(federation);
      expect(sanitizePageHtml(page)).toBe(page);
    }
  });

  test("in a page, every output stays inside its container and the page keeps one body", () => {
    for (const [, input] of CORPUS) {
      const page = `<!doctype html><html><body><main><ul><li><article><p class="boost">x</p><div id="c">${sanitizePageHtml(input)}</div><footer id="f">after</footer></article></li></ul></main></body></html>`;
      const doc = parse(page);
      const all = elements(doc);
      expect(all.filter((e) => e.tagName === "body")).toHaveLength(1);
      const c = all.find((e) => e.attrs.some((a) => a.name === "id" && a.value === "c"))!;
      const f = all.find((e) => e.attrs.some((a) => a.name === "id" && a.value === "f"))!;
      // the footer after the container is still a sibling of it in the article
      expect(f.parentNode).toBe(c.parentNode);
      expect((c.parentNode as T.Element).tagName).toBe("article");
      // and everything the content made is inside the container: article = p + div(+content) + footer
      const article = c.parentNode as T.Element;
      expect(elements(article).length).toBe(elements(c).length + 3);
    }
  });

  test("a megabyte of <b> is cut, parsed and flattened quickly", () => {
    const t = performance.now();
    const out = sanitizeHtml("<b>".repeat(350_000));
    expect(out).toBe(`${"<b>".repeat(48)}${"</b>".repeat(48)}`);
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe("plain text", () => {
  test("stripTags keeps text, decodes entities and drops what is dropped with its content", () => {
    expect(stripTags("<b>A</b> &amp; <script>x</script>B</div></body>")).toBe("A & B");
    expect(stripTags("a < b <3 c")).toBe("a < b <3 c");
    expect(stripTags(`<svg><title>t</title></svg>Option &lt;1&gt;`)).toBe("Option <1>");
    expect(stripTags(42)).toBe("");
  });
  test("textOf keeps paragraphs and breaks", () => {
    expect(textOf("<p>a &amp; b</p><p>c<br>d</p>")).toBe("a & b\n\nc\nd");
    expect(textOf("<p>one</p></div><p>two</p>")).toBe("one\n\ntwo");
  });
});
