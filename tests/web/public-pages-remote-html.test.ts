/**
 * Hostile remote HTML on our own public pages, in headless Chromium: a local profile showing
 * boosts of remote posts, and a local thread with remote replies (one behind a content warning).
 * Some remote content went through federation's sanitizer, some is stored raw (as the old
 * sanitizer could leave it), so both the way in and the re-sanitizing at render are tested. The
 * page must keep one <body>, each status's content must stay inside its container (the browser
 * builds the same elements there as when the content is parsed on its own), and no injected
 * link, image handler or script may appear or run.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { defaultTreeAdapter, type DefaultTreeAdapterTypes as T, parseFragment } from "parse5";
import type { Browser, Page } from "playwright-core";
import { upsertRemoteActor } from "../../src/services/federation/resolve-account";
import { upsertRemoteStatus } from "../../src/services/federation/resolve-status";
import { sanitizePageHtml } from "../../src/text/sanitize";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { launch } from "./browser";

setDefaultTimeout(60_000);
const R = "https://remote.example";
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const HOSTILE = [
  `<p>hi</p></div></article></main></body><a href="https://evil.example/login">Sign in</a>`,
  `<p>list</p></details></section></li></ul><li><a href="https://evil.example/li">stray item</a>`,
  `<svg></p><style><a id="</style><img src=1 onerror=alert(1)>"><a href="https://evil.example/svg">x</a>`,
  `<p><b>unclosed <i>tags <table><tr><td><a href="https://evil.example/td">cell</a>`,
  `<ruby><li>x<rt>y</rt></li></ruby></li></ul></section><a href="https://evil.example/ruby">r</a>`,
];
let s: TestServer;
let alice: TestUser;
let browser: Browser;
let page: Page;
let remoteId: number;
let localPost: string;
let n = 0;

async function remoteStatus(content: string, extra: Record<string, unknown> = {}, stored?: "raw"): Promise<string> {
  n++;
  const row = (await upsertRemoteStatus(
    s.ctx,
    {
      id: `${R}/users/rem/statuses/${n}`,
      type: "Note",
      attributedTo: `${R}/users/rem`,
      content,
      published: "2024-05-01T10:00:00Z",
      to: [PUBLIC],
      cc: [`${R}/users/rem/followers`],
      ...extra,
    },
    remoteId,
  ))!;
  // What the streaming sanitizer could leave in the database: the hostile markup as it came.
  if (stored === "raw") s.ctx.db.query("UPDATE statuses SET content = ? WHERE id = ?").run(content, row.id);
  return String(row.id);
}

/** Elements the content makes when parsed on its own inside a <div> (what it must make in the page). */
function elementCount(html: string): number {
  const frag = parseFragment(defaultTreeAdapter.createElement("div", "http://www.w3.org/1999/xhtml" as never, []), html, {});
  let count = 0;
  const stack: T.ChildNode[] = [...frag.childNodes];
  while (stack.length) {
    const node = stack.pop()!;
    if ("tagName" in node) {
      count++;
      stack.push(...node.childNodes);
    }
  }
  return count;
}

/** Statuses shown on the page: id → elements inside its content container, and where injected links are. */
async function inspect(p: Page) {
  return p.evaluate(() => {
    const statuses: Record<string, { contentElements: number; inSection: boolean }> = {};
    for (const a of Array.from(document.querySelectorAll("article.status"))) {
      const content = a.querySelector(".content");
      statuses[a.id.slice(1)] = {
        contentElements: content ? content.querySelectorAll("*").length : -1,
        inSection: a.parentElement?.matches("main > section.card") ?? false,
      };
    }
    return {
      bodies: document.querySelectorAll("body").length,
      rootChildren: Array.from(document.documentElement.children).map((e) => e.tagName),
      statuses,
      evilOutside: Array.from(document.querySelectorAll('a[href*="evil.example"]')).filter((a) => !a.closest("article.status .content"))
        .length,
      evilInside: document.querySelectorAll('article.status .content a[href*="evil.example"]').length,
      names: Array.from(document.querySelectorAll("article.status .who strong a")).map((a) => a.textContent),
      handlers: document.querySelectorAll("[onerror], [onclick], [onload], script, style:not(head style), svg, iframe").length,
    };
  });
}

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  alice = await s.createUser("alice");
  remoteId = upsertRemoteActor(s.ctx, {
    id: `${R}/users/rem`,
    type: "Person",
    preferredUsername: "rem",
    name: "Rem</h1></main><b>",
    inbox: `${R}/users/rem/inbox`,
    followers: `${R}/users/rem/followers`,
  }).id;
  localPost = (await alice.client.v1.statuses.create({ status: "a local post", visibility: "public" })).id;
  for (const [i, html] of HOSTILE.entries()) {
    // Boosted by alice (her profile shows them), one arriving now and one as stored before.
    await alice.client.v1.statuses.$select(await remoteStatus(html)).reblog();
    await alice.client.v1.statuses.$select(await remoteStatus(html, {}, "raw")).reblog();
    // Replies in alice's thread, the odd ones behind a content warning.
    const cw = i % 2 ? { summary: "CW </summary></details>" } : {};
    await remoteStatus(html, { inReplyTo: `${s.ctx.uris.base}/users/alice/statuses/${localPost}`, ...cw }, "raw");
  }
  browser = await launch();
  page = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
  page.on("dialog", (d) => {
    throw new Error(`a script ran: ${d.message()}`);
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  s.stop();
});

describe("hostile remote HTML on public pages, in Chromium", () => {
  for (const [what, path, shown] of [
    ["the profile page showing boosts", "/@alice", 1 + HOSTILE.length * 2],
    ["the thread page showing remote replies", () => `/@alice/${localPost}`, 1 + HOSTILE.length],
  ] as const) {
    test(what, async () => {
      const url = s.url + (typeof path === "function" ? path() : path);
      const res = await page.goto(url);
      expect(res?.status()).toBe(200);
      const seen = await inspect(page);
      expect(seen.bodies).toBe(1);
      expect(seen.rootChildren).toEqual(["HEAD", "BODY"]);
      const ids = Object.keys(seen.statuses);
      expect(ids.length).toBe(shown);
      for (const id of ids) {
        const stored = s.ctx.db.query<{ content: string }, [string]>("SELECT content FROM statuses WHERE id = ?").get(id)!.content;
        expect({ id, ...seen.statuses[id]! }).toEqual({ id, contentElements: elementCount(sanitizePageHtml(stored)), inSection: true });
      }
      expect(seen.evilOutside).toBe(0);
      expect(seen.evilInside).toBeGreaterThan(0);
      expect(seen.handlers).toBe(0);
      // The remote display name is plain text, shown as typed.
      expect(seen.names).toContain("Rem</h1></main><b>");
    });
  }
});
