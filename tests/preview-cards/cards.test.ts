/**
 * Preview cards: a small web server on 127.0.0.1 serves OpenGraph, Twitter-card and oEmbed
 * pages, an image, a page that never ends and one that never answers; cards appear for the good
 * ones, the bad ones leave no card and no hang, and a card is shared by URL (one fetch).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { insertRemoteAccount } from "../rig/fixtures";
import { loadSharp } from "../../src/media/sharp";
import { CARD_LIMITS } from "../../src/services/preview-cards/fetch-card";
import { firstCardLink } from "../../src/text/link-details";
import { PREVIEW_CARD, shapeErrors, STATUS } from "../golden/shapes";

let s: TestServer;
let alice: TestUser;
let web: ReturnType<typeof Bun.serve>;
let png: Uint8Array;
const hits = new Map<string, number>();
const base = () => `http://127.0.0.1:${web.port}`;

const page = (head: string, body = "<p>hi</p>", lang = "en") =>
  new Response(`<!doctype html><html lang="${lang}"><head>${head}</head><body>${body}</body></html>`, {
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });

beforeAll(async () => {
  const sharp = loadSharp() as unknown as typeof import("sharp").default;
  png = new Uint8Array(
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 40, b: 40 } } })
      .png()
      .toBuffer(),
  );
  web = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    idleTimeout: 0,
    async fetch(req) {
      const u = new URL(req.url);
      hits.set(u.pathname, (hits.get(u.pathname) ?? 0) + 1);
      switch (u.pathname) {
        case "/og":
        case "/og-shared":
          return page(
            `<title>Fallback</title><meta property="og:title" content="An &amp; article">
             <meta property="og:description" content="<b>Bold</b> words">
             <meta property="og:image" content="/img.png"><meta property="og:image:alt" content="red">
             <meta property="og:site_name" content="Example Site"><meta property="og:type" content="article">
             <meta property="article:published_time" content="2024-05-01T10:00:00Z">
             <meta property="og:author" content="Ann Author">`,
          );
        case "/img.png":
          return new Response(png as unknown as BodyInit, { headers: { "Content-Type": "image/png" } });
        case "/twitter":
          return page(
            `<meta name="twitter:card" content="player"><meta name="twitter:title" content="tw">
             <title>A player</title><meta name="twitter:player" content="${base()}/player">
             <meta name="twitter:player:width" content="640"><meta name="twitter:player:height" content="360">
             <meta name="twitter:player:stream" content="${base()}/stream.mp4">`,
          );
        case "/video":
          return page(`<title>Video page</title><link rel="alternate" type="application/json+oembed" href="/oembed?url=${base()}/video">`);
        case "/oembed":
          return Response.json({
            type: "video",
            version: "1.0",
            title: "A video",
            author_name: "Vid Maker",
            author_url: "/makers/vid",
            provider_name: "VidHost",
            provider_url: "/",
            width: 480,
            height: 270,
            html: `<script>alert(1)</script><iframe src="${base()}/embed/1" width="480" height="270" onload="x()" allowfullscreen></iframe>`,
            thumbnail_url: "/img.png",
          });
        case "/huge":
          // An endless page: its head first, then filler forever.
          return new Response(
            new ReadableStream({
              start(c) {
                c.enqueue(new TextEncoder().encode(`<html><head><title>Huge page</title></head><body>`));
              },
              pull(c) {
                c.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
              },
            }),
            { headers: { "Content-Type": "text/html" } },
          );
        case "/slow":
          await Bun.sleep(5_000);
          return page("<title>Too late</title>");
        case "/creator":
          return page(
            `<meta property="og:title" content="By a writer"><meta name="fediverse:creator" content="@writer@127.0.0.1:${web.port}">`,
          );
        case "/creator-elsewhere":
          return page(`<meta property="og:title" content="Claimed"><meta name="fediverse:creator" content="@writer@elsewhere.test">`);
        case "/image-link":
          return new Response(png as unknown as BodyInit, { headers: { "Content-Type": "image/png" } });
      }
      return new Response("not found", { status: 404 });
    },
  });
  s = await startTestServer({ runJobs: false });
  alice = await s.createUser("alice");
});
afterAll(async () => {
  await s.stop();
  web.stop(true);
});

async function post(text: string): Promise<string> {
  const r = await s.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: text } });
  expect(r.status).toBe(200);
  return ((await r.json()) as any).id;
}

async function show(id: string): Promise<any> {
  return (await s.api("GET", `/api/v1/statuses/${id}`, { token: alice.token })).json();
}

describe("preview cards", () => {
  test("an OpenGraph page gives a card with a thumbnail and a blurhash", async () => {
    const id = await post(`read this ${base()}/og please`);
    expect((await show(id)).card).toBeNull();
    expect(s.count("jobs", "kind = 'preview_card.fetch'")).toBe(1);
    await s.drain();
    const st = await show(id);
    const c = st.card;
    expect(c).toMatchObject({
      url: `${base()}/og`,
      title: "An & article",
      description: "Bold words",
      type: "link",
      provider_name: "Example Site",
      language: "en",
      image_description: "red",
      published_at: "2024-05-01T10:00:00.000Z",
      html: "",
    });
    // 1200x800 fits Mastodon's 640x360 area (230,400 pixels) keeping the aspect ratio.
    expect(c.width * c.height).toBeLessThanOrEqual(230_400);
    expect(c.width / c.height).toBeCloseTo(1.5, 1);
    expect(typeof c.blurhash).toBe("string");
    expect(c.blurhash.length).toBeGreaterThan(5);
    expect(c.authors).toEqual([{ name: "Ann Author", url: "", account: null }]);
    expect(shapeErrors(c, PREVIEW_CARD)).toEqual([]);
    expect(shapeErrors(st, STATUS)).toEqual([]);
    const img = await fetch(c.image);
    expect(img.status).toBe(200);
    const meta = await (loadSharp() as any)(new Uint8Array(await img.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([c.width, c.height]);
    // The deprecated endpoint and list endpoints carry the same card.
    expect(await (await s.api("GET", `/api/v1/statuses/${id}/card`, { token: alice.token })).json()).toEqual(c);
    const home = (await (await s.api("GET", "/api/v1/accounts/" + alice.id + "/statuses", { token: alice.token })).json()) as any[];
    expect(home.find((x) => x.id === id).card).toEqual(c);
  });

  test("the card endpoint answers {} without a card", async () => {
    const id = await post("no links here");
    await s.drain();
    expect(await (await s.api("GET", `/api/v1/statuses/${id}/card`, { token: alice.token })).json()).toEqual({});
  });

  test("two statuses linking the same URL share one card and one fetch", async () => {
    // Listed first so the status cache holds the first status before its card arrives.
    const a = await post(`one ${base()}/og-shared`);
    await s.api("GET", "/api/v1/accounts/" + alice.id + "/statuses", { token: alice.token });
    await s.drain();
    const b = await post(`two ${base()}/og-shared`);
    await s.drain();
    expect(hits.get("/og-shared")).toBe(1);
    const [ca, cb] = [(await show(a)).card, (await show(b)).card];
    expect(ca.title).toBe("An & article");
    expect(cb).toEqual(ca);
    expect(s.count("preview_cards", "url = ?", `${base()}/og-shared`)).toBe(1);
    const list = (await (await s.api("GET", "/api/v1/accounts/" + alice.id + "/statuses", { token: alice.token })).json()) as any[];
    expect(list.find((x) => x.id === a).card?.title).toBe("An & article");
  });

  test("a Twitter player card gives a video card with an iframe and embed_url", async () => {
    const id = await post(`${base()}/twitter`);
    await s.drain();
    const c = (await show(id)).card;
    expect(c.type).toBe("video");
    expect(c.title).toBe("A player");
    expect(c.width).toBe(640);
    expect(c.height).toBe(360);
    expect(c.html).toStartWith(`<iframe src="${base()}/player"`);
    expect(c.embed_url).toBe(`${base()}/stream.mp4`);
  });

  test("an oEmbed video gives only its iframe, with the provider's details", async () => {
    const id = await post(`${base()}/video`);
    await s.drain();
    const c = (await show(id)).card;
    expect(c).toMatchObject({
      type: "video",
      title: "A video",
      author_name: "Vid Maker",
      author_url: `${base()}/makers/vid`,
      provider_name: "VidHost",
      width: 480,
      height: 270,
    });
    expect(c.html).toBe(`<iframe src="${base()}/embed/1" width="480" height="270" allowfullscreen=""></iframe>`);
    expect(c.image).not.toBeNull();
  });

  test("an endless page is read up to the cap, without hanging", async () => {
    const id = await post(`${base()}/huge`);
    const t0 = performance.now();
    await s.drain();
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect((await show(id)).card?.title).toBe("Huge page");
  });

  test("a page slower than the time cap gives no card and no hang", async () => {
    const before = CARD_LIMITS.timeoutMs;
    CARD_LIMITS.timeoutMs = 300;
    try {
      const id = await post(`${base()}/slow`);
      const t0 = performance.now();
      await s.drain();
      expect(performance.now() - t0).toBeLessThan(3_000);
      expect((await show(id)).card).toBeNull();
    } finally {
      CARD_LIMITS.timeoutMs = before;
    }
  });

  test("fediverse:creator names a known account only when the page is on that account's domain", async () => {
    insertRemoteAccount(s.ctx, "writer", `127.0.0.1:${web.port}`);
    insertRemoteAccount(s.ctx, "writer", "elsewhere.test");
    const a = await post(`${base()}/creator`);
    const b = await post(`${base()}/creator-elsewhere`);
    await s.drain();
    expect((await show(a)).card.authors[0].account?.acct).toBe(`writer@127.0.0.1:${web.port}`);
    expect((await show(b)).card.authors[0].account).toBeNull();
  });

  test("a link to an image makes no card (only text/html pages do)", async () => {
    const id = await post(`${base()}/image-link`);
    await s.drain();
    expect((await show(id)).card).toBeNull();
  });

  test("an edit that changes the link replaces the card", async () => {
    const id = await post(`${base()}/og`);
    await s.drain();
    expect((await show(id)).card.url).toBe(`${base()}/og`);
    const r = await s.api("PUT", `/api/v1/statuses/${id}`, { token: alice.token, json: { status: `now ${base()}/twitter` } });
    expect(r.status).toBe(200);
    await s.drain();
    expect((await show(id)).card.url).toBe(`${base()}/twitter`);
  });
});

describe("which link is used", () => {
  const none = new Set<string>();
  const notLocal = () => false;
  test("hashtags, mentions and non-http links are skipped; the first remaining one wins", () => {
    const html =
      '<p><a href="https://x.test/tags/cats" class="mention hashtag" rel="tag">#cats</a> ' +
      '<span class="h-card"><a href="https://x.test/@bob" class="u-url mention">@bob</a></span> ' +
      '<a href="https://x.test/@carol">@carol</a> <a href="mailto:a@b.c">mail</a> ' +
      '<a href="https://one.test/a">one</a> <a href="https://two.test/b">two</a></p>';
    expect(firstCardLink(html, new Set(["https://x.test/@carol"]), notLocal)).toBe("https://one.test/a");
    expect(firstCardLink(html, none, notLocal)).toBe("https://x.test/@carol");
    expect(firstCardLink(html, none, (u) => u.host === "x.test" || u.host === "one.test")).toBe("https://two.test/b");
    expect(firstCardLink("<p>no links</p>", none, notLocal)).toBeNull();
  });
});

describe("private addresses", () => {
  test("without ALLOW_PRIVATE_ADDRESSES nothing is fetched from a private address, even after a redirect", async () => {
    const t = await startTestServer({ runJobs: false, env: { ALLOW_PRIVATE_ADDRESSES: "false" } });
    try {
      const u = await t.createUser("pat");
      const PUBLIC = "93.184.216.34";
      const dialled: string[] = [];
      // "public.test" resolves to a public address whose (fake) server redirects to our loopback page.
      const realResolve = t.ctx.outbound.resolve;
      const realConnect = t.ctx.outbound.connect;
      t.ctx.outbound.resolve = async (h) => (h === "public.test" ? [PUBLIC] : realResolve(h));
      t.ctx.outbound.connect = async (d) => {
        dialled.push(d.address);
        if (d.address === PUBLIC) return new Response(null, { status: 302, headers: { Location: `${base()}/og` } });
        return realConnect(d);
      };
      const before = hits.get("/og") ?? 0;
      for (const link of ["http://public.test/go", `${base()}/og`]) {
        const r = await t.api("POST", "/api/v1/statuses", { token: u.token, json: { status: `see ${link}` } });
        expect(r.status).toBe(200);
      }
      await t.drain();
      expect(dialled).toEqual([PUBLIC]);
      expect(hits.get("/og") ?? 0).toBe(before);
      expect(t.count("preview_cards")).toBe(0);
      expect(t.count("preview_cards_statuses")).toBe(0);
    } finally {
      await t.stop();
    }
  });
});
