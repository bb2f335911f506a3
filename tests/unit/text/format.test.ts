import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../../src/config";
import { createContext, type AppContext } from "../../../src/context";
import { createLogger } from "../../../src/log";
import { mentionLookup } from "../../../src/db/queries/accounts";
import { extractHashtags, formatText, statusLength, type MentionLookup } from "../../../src/text/format";

let ctx: AppContext;
let lookup: MentionLookup;
let dir: string;
const B = "https://hearth.test";

function addAccount(username: string, domain: string | null = null): number {
  const id = ctx.ids.next();
  const uri = domain ? `https://${domain}/users/${username}` : ctx.uris.actor(username);
  ctx.db
    .query("INSERT INTO accounts (id, username, domain, uri, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)")
    .run(id, username, domain, uri);
  return id;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hearth-fmt-"));
  ctx = createContext(loadConfig({ LOCAL_DOMAIN: "hearth.test", PROTOCOL: "https", DATA_DIR: dir }), { log: createLogger("error") });
  lookup = mentionLookup(ctx.db);
  addAccount("alice");
  addAccount("Bob_2");
  addAccount("carol", "remote.example");
});
afterAll(() => {
  ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const mention = (u: string) =>
  `<span class="h-card" translate="no"><a href="${B}/@${u}" class="u-url mention">@<span>${u}</span></a></span>`;
const tag = (t: string) => `<a href="${B}/tags/${encodeURIComponent(t)}" class="mention hashtag" rel="tag">#<span>${t}</span></a>`;

describe("formatText", () => {
  test("paragraphs and line breaks", () => {
    expect(formatText(ctx, "one\ntwo\n\n\nthree\r\nfour\n", lookup).html).toBe("<p>one<br />two</p><p>three<br />four</p>");
    expect(formatText(ctx, "", lookup).html).toBe("");
    expect(formatText(ctx, "\n\n", lookup).html).toBe("");
  });

  test("escapes HTML and XSS attempts", () => {
    const r = formatText(ctx, `<script>alert("x")</script> & 'q' <img src=x onerror=alert(1)>`, lookup);
    expect(r.html).toBe("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &lt;img src=x onerror=alert(1)&gt;</p>");
    expect(r.html).not.toContain("<script");
    expect(r.html).not.toContain("<img");
  });

  test("URLs cannot break out of the href attribute", () => {
    const r = formatText(ctx, `https://evil.example/"><script>x</script>`, lookup);
    expect(r.html).not.toContain("<script");
    expect(r.html).toContain(`href="https://evil.example/"`);
    const r2 = formatText(ctx, `https://evil.example/a'onmouseover=alert(1)`, lookup);
    expect(r2.html).not.toContain(`'onmouseover`);
    expect(r2.html).toContain("&#39;onmouseover");
    expect(formatText(ctx, "javascript:alert(1)", lookup).html).toBe("<p>javascript:alert(1)</p>");
  });

  test("short URL", () => {
    expect(formatText(ctx, "see https://example.com/a?b=1&c=2.", lookup).html).toBe(
      `<p>see <a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="nofollow noopener" translate="no">` +
        `<span class="invisible">https://</span><span class="">example.com/a?b=1&amp;c=2</span><span class="invisible"></span></a>.</p>`,
    );
  });

  test("long URL is cut after 30 chars with ellipsis; www. is hidden", () => {
    const url = "https://www.example.com/a/very/long/path/that/goes/on";
    expect(formatText(ctx, url, lookup).html).toBe(
      `<p><a href="${url}" target="_blank" rel="nofollow noopener" translate="no">` +
        `<span class="invisible">https://www.</span><span class="ellipsis">example.com/a/very/long/path/t</span><span class="invisible">hat/goes/on</span></a></p>`,
    );
  });

  test("balanced parentheses stay in URLs, trailing ones do not", () => {
    expect(formatText(ctx, "(https://en.wikipedia.org/wiki/Foo_(bar))", lookup).html).toContain(
      `href="https://en.wikipedia.org/wiki/Foo_(bar)"`,
    );
    expect(formatText(ctx, "(https://example.com/x)", lookup).html).toContain(`href="https://example.com/x"`);
  });

  test("local mentions resolve, case-insensitively and with the local domain", () => {
    const r = formatText(ctx, "hi @alice and @bob_2@hearth.test and @ALICE again", lookup);
    expect(r.html).toBe(`<p>hi ${mention("alice")} and ${mention("Bob_2")} and ${mention("alice")} again</p>`);
    expect(r.mentions.map((a) => a.username)).toEqual(["alice", "Bob_2"]);
  });

  test("unknown mentions stay plain text", () => {
    const r = formatText(ctx, "@nobody @dave@remote.example @alice@other.example mail@alice.example", lookup);
    expect(r.html).toBe("<p>@nobody @dave@remote.example @alice@other.example mail@alice.example</p>");
    expect(r.mentions).toEqual([]);
  });

  test("known remote accounts are linked to their profile (resolved before formatting)", () => {
    const r = formatText(ctx, "hi @carol@Remote.example and @carol@other.example", lookup);
    expect(r.html).toBe(
      `<p>hi <span class="h-card" translate="no"><a href="https://remote.example/users/carol" class="u-url mention">@<span>carol</span></a></span> and @carol@other.example</p>`,
    );
    expect(r.mentions.map((a) => `${a.username}@${a.domain}`)).toEqual(["carol@remote.example"]);
  });

  test("mentions inside URLs are not mentions", () => {
    const r = formatText(ctx, "https://example.com/@alice", lookup);
    expect(r.mentions).toEqual([]);
    expect(r.html).not.toContain("h-card");
  });

  test("hashtags: unicode, underscore, not pure digits, deduplicated lower-case", () => {
    const r = formatText(ctx, "#Hello #hello #café #日本語 #snake_case #123 a#b #_x", lookup);
    expect(r.tags).toEqual(["hello", "café", "日本語", "snake_case", "_x"]);
    expect(r.html).toBe(
      `<p>${tag("Hello")} ${tag("hello")} ${tag("café")} ${tag("日本語")} ${tag("snake_case")} #123 a#b ${tag("_x")}</p>`,
    );
  });

  test("hashtag anchors inside URLs are not tags", () => {
    expect(formatText(ctx, "https://example.com/page#section", lookup).tags).toEqual([]);
  });

  test("extractHashtags keeps the first typed form", () => {
    expect(extractHashtags("#Rust and #rust\n#Go")).toEqual([
      { name: "rust", display: "Rust" },
      { name: "go", display: "Go" },
    ]);
  });
});

describe("statusLength", () => {
  test("URLs count 23 and remote mentions count their username", () => {
    expect(statusLength("abc")).toBe(3);
    expect(statusLength("https://example.com/" + "x".repeat(200))).toBe(23);
    expect(statusLength("a https://example.com.")).toBe(2 + 23 + 1);
    expect(statusLength("@carol@remote.example")).toBe(6);
    expect(statusLength("👨‍👩‍👧")).toBe(1);
  });

  test("grapheme clusters: CR LF counts once, combining marks join their letter, plain ASCII counts each character", () => {
    expect(statusLength("a\r\nb")).toBe(3);
    expect(statusLength("a\rb\nc\td")).toBe(7);
    expect(statusLength("e\u0301e")).toBe(2);
    expect(statusLength("👍🏽 ok")).toBe(4);
    const ascii = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join("");
    for (const t of [ascii, ascii.replace("\r", "")]) expect(statusLength(t)).toBe([...new Intl.Segmenter().segment(t)].length);
  });
});
