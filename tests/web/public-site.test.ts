/**
 * The instance on the open web (issue 15): landing, profile tabs, thread, hashtag, about and
 * policy pages read without JavaScript and pass axe; RSS parses as XML; the oEmbed HTML embeds
 * a post in a plain page; /authorize_interaction for signed-in users and visitors; noindex;
 * robots.txt, security.txt and manifest.json.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser } from "playwright-core";
import { axeViolations, closeScene, launch, webTestServer } from "./browser";
import type { TestUser } from "../rig";
import { insertStatus } from "../rig/fixtures";
import { createWebSession } from "../../src/services/oauth/sessions";
import { updateInstanceSettings } from "../../src/services/instance/settings";

const { built, s } = await webTestServer();
let browser: Browser;
let alice: TestUser;
let bob: TestUser;
let postId = "";
let replyId = "";
let remote: ReturnType<typeof Bun.serve>;
let embedHost: ReturnType<typeof Bun.serve>;

beforeAll(async () => {
  if (!built) return;
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  updateInstanceSettings(s.ctx, null, {
    site_short_description: "A test hearth for bakers",
    site_contact_email: "admin@example.org",
    privacy_policy: "# We keep little\n\nOnly what we must.",
    terms_of_service: "Be **kind**.",
  });
  postId = (await alice.client.v1.statuses.create({ status: "Fresh loaf today #sourdough", visibility: "public" })).id;
  const bobsPost = (await bob.client.v1.statuses.create({ status: "what do you bake?", visibility: "public" })).id;
  replyId = (await alice.client.v1.statuses.create({ status: "@bob replying to bob later", inReplyToId: bobsPost })).id;
  await bob.client.v1.statuses.create({ status: "@alice nice crumb", inReplyToId: postId });
  insertStatus(s.ctx, alice.account.id, { text: "a picture post", media: true });
  await bob.client.v1.statuses.create({ status: "bob's #sourdough too", visibility: "public" });
  s.ctx.db.query("UPDATE accounts SET indexable = 0 WHERE id = ?").run(bob.account.id);
  // A fake remote server whose WebFinger advertises a subscribe template.
  remote = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const u = new URL(req.url);
      if (u.pathname === "/.well-known/webfinger")
        return Response.json({
          subject: u.searchParams.get("resource"),
          links: [{ rel: "http://ostatus.org/schema/1.0/subscribe", template: `http://127.0.0.1:${remote.port}/interact?uri={uri}` }],
        });
      if (u.pathname === "/interact")
        return new Response(`<!doctype html><title>remote</title><h1>Remote interact ${u.searchParams.get("uri")}</h1>`, {
          headers: { "Content-Type": "text/html" },
        });
      return new Response("no", { status: 404 });
    },
  });
  browser = await launch();
}, 30_000);

afterAll(async () => {
  remote?.stop(true);
  embedHost?.stop(true);
  await closeScene(browser, s);
});

const html = { Accept: "text/html" };

describe.skipIf(!built)("public pages without JavaScript", () => {
  test("each page reads without script, has its alternate links and passes axe", async () => {
    const c = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await c.newPage();
    const pages: [string, RegExp, boolean][] = [
      ["/", /A test hearth for bakers/, false],
      ["/@alice", /Fresh loaf today/, true],
      ["/@alice/with_replies", /replying to bob later/, true],
      ["/@alice/media", /a picture post/, true],
      [`/@alice/${postId}`, /nice crumb/, false],
      ["/tags/sourdough", /bob's/, true],
      ["/about", /admin@example\.org/, false],
      ["/privacy-policy", /We keep little/, false],
      ["/terms-of-service", /kind/, false],
    ];
    for (const [path, text, rss] of pages) {
      const res = await page.goto(s.url + path);
      expect(res!.status()).toBe(200);
      expect(await page.locator("body").innerText()).toMatch(text);
      if (path !== "/" && !path.endsWith("-policy") && !path.endsWith("-service") && path !== "/about" && !path.startsWith("/tags"))
        expect(await page.locator('link[rel="alternate"][type="application/activity+json"]').count()).toBe(1);
      expect(await page.locator('link[rel="alternate"][type="application/rss+xml"]').count()).toBe(rss ? 1 : 0);
    }
    // axe needs script: injected with CSP bypassed and the web client's own script kept out, as a crawler sees the pages.
    const a = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await a.route("**/assets/*.js", (r) => r.abort());
    const ap = await a.newPage();
    for (const [path] of pages) {
      await ap.goto(s.url + path);
      expect(await axeViolations(ap)).toEqual([]);
    }
    await a.close();
    // The with_replies tab shows what the posts tab leaves out.
    await page.goto(`${s.url}/@alice`);
    expect(await page.locator("body").innerText()).not.toContain("replying to bob later");
    expect(await page.locator('a[aria-current="page"]').innerText()).toBe("Posts");
    await c.close();
  }, 60_000);

  test("noindex follows the account's choice", async () => {
    const bobPage = await (await s.api("GET", "/@bob", { headers: html })).text();
    expect(bobPage).toContain(`<meta name="robots" content="noindex, noarchive">`);
    const alicePage = await (await s.api("GET", "/@alice", { headers: html })).text();
    expect(alicePage).not.toContain(`name="robots"`);
  });
});

describe.skipIf(!built)("RSS", () => {
  test("account and hashtag feeds parse as XML with the expected items", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${s.url}/about`);
    for (const [path, title, want, not] of [
      ["/@alice.rss", "alice", ["Fresh loaf today"], ["replying to bob", "nice crumb"]],
      ["/tags/sourdough.rss", "#sourdough", ["Fresh loaf today", "bob's"], ["a picture post"]],
    ] as const) {
      const res = await fetch(s.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/rss+xml");
      const xml = await res.text();
      const parsed = await page.evaluate((x) => {
        const d = new DOMParser().parseFromString(x, "application/xml");
        if (d.querySelector("parsererror")) return null;
        return {
          title: d.querySelector("channel > title")?.textContent,
          items: Array.from(d.querySelectorAll("item")).map((i) => ({
            guid: i.querySelector("guid")?.textContent,
            desc: i.querySelector("description")?.textContent ?? "",
            date: i.querySelector("pubDate")?.textContent,
            cats: Array.from(i.querySelectorAll("category")).map((c) => c.textContent),
          })),
        };
      }, xml);
      expect(parsed).not.toBeNull();
      expect(parsed!.title).toBe(title);
      const all = parsed!.items.map((i) => i.desc).join("\n");
      for (const w of want) expect(all).toContain(w);
      for (const n of not) expect(all).not.toContain(n);
      expect(parsed!.items.every((i) => /^https?:\/\//.test(i.guid ?? "") && !Number.isNaN(Date.parse(i.date ?? "")))).toBe(true);
      expect(parsed!.items.some((i) => i.cats.includes("sourdough"))).toBe(true);
    }
    const media = await (await fetch(`${s.url}/@alice.rss`)).text();
    expect(media).toMatch(/<media:content url="[^"]+" type="image\/[a-z]+" fileSize="\d+" medium="image">/);
    await page.context().close();
  }, 20_000);
});

describe.skipIf(!built)("embeds", () => {
  test("the oEmbed HTML shows the post inside a plain page on another origin", async () => {
    const res = await fetch(`${s.url}/api/oembed?url=${encodeURIComponent(`${s.ctx.uris.base}/@alice/${postId}`)}`);
    expect(res.status).toBe(200);
    const o = await res.json();
    expect(o).toMatchObject({ type: "rich", version: "1.0", author_name: "alice", provider_name: s.ctx.config.localDomain, width: 400 });
    expect(o.html).toContain(`/@alice/${postId}/embed`);
    expect((await fetch(`${s.url}/api/oembed?url=${encodeURIComponent("https://elsewhere.example/@x/1")}`)).status).toBe(404);
    const embed = await fetch(`${s.url}/@alice/${postId}/embed`);
    expect(embed.headers.get("x-frame-options")).toBeNull();
    expect(embed.headers.get("content-security-policy")).not.toContain("frame-ancestors");
    expect((await fetch(`${s.url}/@alice/${postId}`)).headers.get("x-frame-options")).toBe("DENY");
    embedHost = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: () =>
        new Response(`<!doctype html><html lang="en"><title>blog</title><h1>My blog</h1>${o.html}`, {
          headers: { "Content-Type": "text/html" },
        }),
    });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`http://127.0.0.1:${embedHost.port}/`);
    const frame = page.frameLocator("iframe");
    await frame.getByText("Fresh loaf today").waitFor();
    await page.context().close();
  }, 20_000);
});

describe.skipIf(!built)("remote interaction", () => {
  test("a signed-in user is sent to the client's view of the post or account", async () => {
    const { id } = createWebSession(s.ctx, { userId: bob.user.id, ip: "127.0.0.1", userAgent: null });
    const headers = { Cookie: `_hearth_session=${id}` };
    const toStatus = await fetch(`${s.url}/authorize_interaction?uri=${encodeURIComponent(s.ctx.uris.status("alice", postId))}`, {
      headers,
      redirect: "manual",
    });
    expect(toStatus.status).toBe(302);
    expect(toStatus.headers.get("location")).toBe(`/statuses/${postId}`);
    const toAccount = await fetch(`${s.url}/authorize_interaction?uri=${encodeURIComponent(s.ctx.uris.actor("alice"))}`, {
      headers,
      redirect: "manual",
    });
    expect(toAccount.headers.get("location")).toBe(`/accounts/${alice.id}`);
    // The landing page is for visitors; a session gets the client.
    const root = await (await fetch(`${s.url}/`, { headers: { ...headers, Accept: "text/html" } })).text();
    expect(root).not.toContain("A test hearth for bakers");
  });

  test("a visitor follows from their own server through its subscribe template", async () => {
    const c = await browser.newContext({ javaScriptEnabled: false });
    const page = await c.newPage();
    await page.goto(`${s.url}/@alice`);
    await page.getByRole("link", { name: "Follow" }).click();
    await page.getByLabel("Your handle").fill(`me@127.0.0.1:${remote.port}`);
    await page.getByRole("button", { name: "Continue on your server" }).click();
    await page.waitForURL(new RegExp(`^http://127\\.0\\.0\\.1:${remote.port}/interact`));
    expect(new URL(page.url()).searchParams.get("uri")).toBe(s.ctx.uris.actor("alice"));
    await page.goto(`${s.url}/@alice/${postId}`);
    expect(
      await page
        .getByRole("link", { name: /^Reply/ })
        .first()
        .getAttribute("href"),
    ).toContain("/authorize_interaction?uri=");
    await c.close();
  }, 20_000);
});

describe.skipIf(!built)("site files", () => {
  test("robots.txt, security.txt and manifest.json", async () => {
    const robots = await (await fetch(`${s.url}/robots.txt`)).text();
    expect(robots).toContain("Disallow: /media_proxy/");
    expect(robots).toContain("Disallow: /interact/");
    const sec = await fetch(`${s.url}/.well-known/security.txt`);
    expect(sec.headers.get("content-type")).toContain("text/plain");
    expect(await sec.text()).toMatch(/^Contact: mailto:admin@example\.org$/m);
    const m = await (await fetch(`${s.url}/manifest.json`)).json();
    expect(m).toMatchObject({ name: s.ctx.config.instanceTitle, start_url: "/home", display: "standalone" });
    expect(m.icons.length).toBeGreaterThan(1);
    for (const icon of m.icons) expect((await fetch(s.url + icon.src)).status).toBe(200);
  });
});
