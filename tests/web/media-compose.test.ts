/**
 * Issue 16: video, GIF and audio play inline (alt text as the player's name, video in the lightbox),
 * the composer shows upload progress and the "processing" state (Post disabled until the server has
 * transcoded), the visibility and language menus open inside the viewport at 1280×800 and 375×812,
 * reduced motion stops transitions and autoplaying GIFs, and link previews are readable cards that
 * fit a phone. Axe light and dark on each; screenshots in tests/artifacts/web/.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { mastodon } from "masto";
import type { Browser, Page } from "playwright-core";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { hasWebClient } from "../../src/web-client";
import { insertRemoteAccount } from "../rig/fixtures";
import { clip, ffmpegFile, TONE } from "../media/clips";
import { axeViolations, launch, newPage, samplePng, shot, signIn } from "./browser";

setDefaultTimeout(30_000);
const built = hasWebClient();
let s: TestServer;
let browser: Browser;
let ann: TestUser;
let bob: TestUser;
let web: ReturnType<typeof Bun.serve>;
let desk: Page;
let phone: Page;
let videoBytes: Uint8Array<ArrayBuffer>;
let writerId = "";

/** Uploads through v2 (202 for audio/video) and lets the job transcode it. */
async function media(u: TestUser, bytes: Uint8Array<ArrayBuffer>, type: string, name: string, description: string): Promise<string> {
  const form = new FormData();
  form.append("file", new File([bytes], name, { type }));
  form.append("description", description);
  const r = await s.api("POST", "/api/v2/media", { token: u.token, body: form });
  expect([200, 202]).toContain(r.status);
  const { id } = (await r.json()) as { id: string };
  await s.drain();
  return id;
}

beforeAll(async () => {
  if (!built) return;
  // Jobs run only on drain(): the composer's "processing" state stays until the test drains.
  s = await startTestServer({ runJobs: false });
  const sharp = (await import("sharp")).default;
  const png = await sharp({ create: { width: 1200, height: 630, channels: 3, background: { r: 30, g: 90, b: 160 } } })
    .png()
    .toBuffer();
  web = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(req) {
      const u = new URL(req.url);
      if (u.pathname === "/img.png") return new Response(new Uint8Array(png), { headers: { "Content-Type": "image/png" } });
      if (u.pathname === "/by-writer")
        return new Response(
          `<!doctype html><html lang="en"><head><title>x</title><meta property="og:title" content="An essay by a known writer">
           <meta property="og:description" content="Short and sweet."><meta name="fediverse:creator" content="@writer@127.0.0.1:${u.port}"></head><body>hi</body></html>`,
          { headers: { "Content-Type": "text/html; charset=utf-8" } },
        );
      const long = "A description that goes on and on about the article, ".repeat(12);
      return new Response(
        `<!doctype html><html lang="en"><head><title>x</title><meta property="og:title" content="A readable article about hearths and how they keep a house warm in winter">
         <meta property="og:description" content="${long}"><meta property="og:image" content="/img.png">
         <meta property="og:site_name" content="Example News"><meta property="og:type" content="article"></head><body>hi</body></html>`,
        { headers: { "Content-Type": "text/html; charset=utf-8" } },
      );
    },
  });
  ann = await s.createUser("ann");
  bob = await s.createUser("bob");
  await ann.client.v1.accounts.$select(bob.id).follow();
  videoBytes = await clip({ width: 320, height: 240, audio: true });
  const v = await media(bob, videoBytes, "video/mp4", "v.mp4", "A test pattern with a tone");
  await bob.client.v1.statuses.create({ status: "Watch this video", mediaIds: [v] });
  const g = await media(bob, await clip({ width: 160, height: 120 }), "video/mp4", "g.mp4", "A silent looping pattern");
  await bob.client.v1.statuses.create({ status: "A looping GIF", mediaIds: [g] });
  const mp3 = await ffmpegFile([...TONE, "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"]);
  const a = await media(bob, mp3, "audio/mpeg", "tone.mp3", "A 440 Hz tone");
  await bob.client.v1.statuses.create({ status: "Listen to this tone", mediaIds: [a] });
  await bob.client.v1.statuses.create({ status: `Worth reading: http://127.0.0.1:${web.port}/article` });
  writerId = String(insertRemoteAccount(s.ctx, "writer", `127.0.0.1:${web.port}`, { display_name: "Wendy Writer" }).id);
  await bob.client.v1.statuses.create({ status: `Also by a writer: http://127.0.0.1:${web.port}/by-writer` });
  await s.drain();
  browser = await launch();
  desk = await newPage(browser, 1280, 800);
  await signIn(desk, s.url, ann, "ann");
  phone = await newPage(browser, 375, 812);
  await signIn(phone, s.url, ann, "ann");
}, 90_000);

afterAll(async () => {
  await browser?.close();
  web?.stop(true);
  await s?.stop();
});

const card = (p: Page, text: string) => p.locator("article.status", { hasText: text });

describe.skipIf(!built)("media players", () => {
  test("video plays inline with its alt text as name and opens in the lightbox", async () => {
    const video = card(desk, "Watch this video").locator("video[aria-label='A test pattern with a tone']");
    const el = card(desk, "Watch this video").locator("video");
    await el.waitFor();
    expect(await video.count()).toBe(1);
    expect(await el.evaluate((v: HTMLVideoElement) => [v.controls, v.playsInline, v.preload, !!v.poster, v.autoplay])).toEqual([
      true,
      true,
      "metadata",
      true,
      false,
    ]);
    // The browser can really load it: metadata arrives with the clip's duration.
    await el.evaluate((v: HTMLVideoElement) => (v.readyState >= 1 ? null : new Promise((ok) => v.addEventListener("loadedmetadata", ok))));
    expect(await el.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(1);
    await card(desk, "Watch this video").getByRole("button", { name: "Expand video: A test pattern with a tone" }).click();
    const box = desk.getByRole("dialog", { name: "Video" });
    await box.locator("video[controls]").waitFor();
    await shot(desk, "media-video-lightbox");
    expect(await axeViolations(desk)).toEqual([]);
    await box.getByRole("button", { name: "Close" }).click();
    await box.waitFor({ state: "detached" });
  });

  test("a GIF loops muted without controls, and does not autoplay under reduced motion", async () => {
    await desk.emulateMedia({ reducedMotion: "no-preference" });
    await desk.reload();
    const gif = card(desk, "A looping GIF").locator("video");
    await gif.waitFor();
    expect(await gif.getAttribute("aria-label")).toBe("A silent looping pattern");
    expect(await gif.evaluate((v: HTMLVideoElement) => [v.autoplay, v.loop, v.muted, v.controls])).toEqual([true, true, true, false]);
    // Chromium pauses muted autoplay off screen: bring it into view.
    await gif.scrollIntoViewIfNeeded();
    await desk.waitForFunction(() => {
      const v = Array.from(document.querySelectorAll("article.status"))
        .find((a) => a.textContent?.includes("A looping GIF"))
        ?.querySelector("video");
      return !!v && !v.paused;
    });
    await desk.emulateMedia({ reducedMotion: "reduce" });
    await desk.reload();
    await gif.waitFor();
    expect(await gif.evaluate((v: HTMLVideoElement) => [v.autoplay, v.paused, v.controls])).toEqual([false, true, true]);
  });

  test("audio has a player named by its alt text, with a cover", async () => {
    const audio = card(desk, "Listen to this tone").locator("audio");
    await audio.waitFor();
    expect(await audio.getAttribute("aria-label")).toBe("A 440 Hz tone");
    expect(await audio.evaluate((a: HTMLAudioElement) => [a.controls, a.preload])).toEqual([true, "metadata"]);
    expect(await card(desk, "Listen to this tone").locator(".media-audio img, .media-audio svg").count()).toBe(1);
    await shot(desk, "media-players-desktop");
    expect(await axeViolations(desk)).toEqual([]);
    await desk.emulateMedia({ colorScheme: "dark" });
    expect(await axeViolations(desk)).toEqual([]);
    await desk.emulateMedia({ colorScheme: "light" });
  });
});

describe.skipIf(!built)("the composer", () => {
  test("a video upload shows progress, then 'processing' with Post disabled, then a preview frame", async () => {
    await desk.goto(`${s.url}/home`);
    // Slow the upload down (about 3 s for the clip) so the progress bar can be seen moving.
    const cdp = await desk.context().newCDPSession(desk);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: Math.max(4096, Math.round(videoBytes.byteLength / 3)),
    });
    const form = desk.getByRole("form", { name: "Compose a post" });
    await form.getByLabel("Post text").fill("My clip");
    await form.locator("input[type=file]").setInputFiles({ name: "clip.mp4", mimeType: "video/mp4", buffer: Buffer.from(videoBytes) });
    const bar = form.getByRole("progressbar", { name: "Uploading…" });
    await bar.waitFor();
    // The bar moves as bytes leave (XMLHttpRequest upload progress), seen on a slowed upload.
    await desk.waitForFunction(
      () => {
        const v = (document.querySelector(".upload-progress progress") as HTMLProgressElement | null)?.value ?? 0;
        return v > 0;
      },
      null,
      { polling: 10 },
    );
    await form.getByText("Processing video…").waitFor();
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await cdp.detach();
    expect(await form.getByRole("button", { name: "Post", exact: true }).isDisabled()).toBe(true);
    await form.getByLabel("Description (alt text) for video 1").fill("My own test pattern");
    await shot(desk, "compose-processing");
    expect(await axeViolations(desk)).toEqual([]);
    await s.drain();
    await form.getByText("Processing video…").waitFor({ state: "detached", timeout: 15_000 });
    await form.locator(".upload-thumb.video img").waitFor();
    await form.getByRole("button", { name: "Post", exact: true }).click();
    await desk.getByText("Your post was published").waitFor();
    const [st] = await ann.client.v1.accounts.$select(ann.id).statuses.list({ limit: 1 });
    expect(st!.mediaAttachments.map((m) => [m.type, m.description])).toEqual([["video", "My own test pattern"]]);
    await card(desk, "My clip").locator("video[aria-label='My own test pattern']").waitFor();
  });

  for (const [label, width, height] of [
    ["desktop", 1280, 800],
    ["phone", 375, 812],
  ] as const) {
    test(`at ${width}×${height} every visibility and language choice is inside the viewport and can be picked`, async () => {
      const p = label === "desktop" ? desk : phone;
      await p.goto(`${s.url}${label === "desktop" ? "/home" : "/compose"}`);
      const form = p.getByRole("form", { name: "Compose a post" });
      const formBox = (await form.boundingBox())!;
      for (const [id, pick, after] of [
        ["compose-visibility", "Mentioned only", /^Visibility: Mentioned only$/],
        ["compose-language", "中文", /Language: 中文/],
      ] as const) {
        const button = form.locator(`#${id}`);
        const b = (await button.boundingBox())!;
        // The control itself sits inside the composer, not cut off at its edge.
        expect(b.x).toBeGreaterThanOrEqual(formBox.x);
        expect(b.x + b.width).toBeLessThanOrEqual(formBox.x + formBox.width + 0.5);
        await button.click();
        const menu = p.getByRole("menu");
        const items = menu.getByRole("menuitemradio");
        await items.first().waitFor();
        const n = await items.count();
        expect(n).toBeGreaterThanOrEqual(4);
        for (let i = 0; i < n; i++) {
          const r = (await items.nth(i).boundingBox())!;
          const name = await items.nth(i).textContent();
          expect([name, r.x >= 0, r.y >= 0, r.x + r.width <= width, r.y + r.height <= height]).toEqual([name, true, true, true, true]);
          // Nothing covers it: the element at its centre is the item (or inside it).
          const hit = await p.evaluate(
            ([x, y, idx]) => {
              const el = document.elementFromPoint(x, y);
              const item = document.querySelectorAll("[role=menuitemradio]")[idx];
              return !!el && !!item && item.contains(el);
            },
            [r.x + r.width / 2, r.y + r.height / 2, i] as const,
          );
          expect([name, hit]).toEqual([name, true]);
        }
        await shot(p, `compose-menu-${id}-${label}`);
        expect(await axeViolations(p)).toEqual([]);
        await menu.getByRole("menuitemradio", { name: new RegExp(`^${pick}`) }).click();
        await menu.waitFor({ state: "detached" });
        expect(await button.getAttribute("aria-expanded")).toBe("false");
        await p.getByRole("button", { name: after }).waitFor();
      }
      // The keyboard works too: Escape closes and gives focus back.
      await form.locator("#compose-visibility").click();
      await p.keyboard.press("ArrowDown");
      await p.keyboard.press("Escape");
      await p.getByRole("menu").waitFor({ state: "detached" });
      expect(await p.evaluate(() => document.activeElement?.id)).toBe("compose-visibility");
      // The choices are really used: a post goes out as a direct message in Chinese.
      await form.getByLabel("Post text").fill(`@bob a note from the ${label}`);
      await form.getByRole("button", { name: "Post", exact: true }).click();
      let st: mastodon.v1.Status | undefined;
      for (let i = 0; i < 50 && !st?.content.includes(label); i++) {
        [st] = await ann.client.v1.accounts.$select(ann.id).statuses.list({ limit: 1 });
        await Bun.sleep(100);
      }
      expect([st!.content.includes(label), st!.visibility, st!.language]).toEqual([true, "direct", "zh"]);
    });

    test(`at ${width}×${height} 'Who can quote' is a section of the visibility menu, locked to Only you for followers-only posts`, async () => {
      const p = label === "desktop" ? desk : phone;
      const open = async () => {
        // On the phone a post just sent (here or by the previous test) navigates to Home when it is
        // acknowledged; a goto racing that navigation is interrupted, so wait for it to land first.
        if (label !== "desktop" && new URL(p.url()).pathname === "/compose")
          await p.waitForURL((u) => u.pathname !== "/compose", { timeout: 5_000 }).catch(() => {});
        await p.goto(`${s.url}${label === "desktop" ? "/home" : "/compose"}`);
        const form = p.getByRole("form", { name: "Compose a post" });
        await form.locator("#compose-visibility").waitFor();
        return form;
      };
      const sent = async (form: ReturnType<Page["getByRole"]>, text: string) => {
        await form.getByLabel("Post text").fill(text);
        const req = p.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/statuses");
        await form.getByRole("button", { name: "Post", exact: true }).click();
        const body = JSON.parse((await req).postData()!) as Record<string, unknown>;
        // Posted (the phone leaves the compose screen, the desktop keeps its composer).
        let st: mastodon.v1.Status | undefined;
        for (let i = 0; i < 50 && !st?.content.includes(text); i++) {
          [st] = await ann.client.v1.accounts.$select(ann.id).statuses.list({ limit: 1 });
          if (!st?.content.includes(text)) await Bun.sleep(100);
        }
        expect(st?.content).toContain(text);
        return body;
      };
      let form = await open();
      const button = form.locator("#compose-visibility");
      // No separate quote control beside the Post button any more.
      expect(await form.getByLabel("Who can quote").count()).toBe(0);
      await form.getByRole("button", { name: /^Visibility: / }).click();
      const menu = p.getByRole("menu");
      const vis = menu.getByRole("group", { name: "Visibility" });
      const quote = menu.getByRole("group", { name: "Who can quote" });
      await vis.getByRole("menuitemradio", { name: /^Public/ }).click();
      await menu.waitFor({ state: "detached" });
      await button.click();
      await quote.waitFor();
      expect(await vis.getByRole("menuitemradio").count()).toBe(4);
      expect(await quote.getByRole("menuitemradio").allTextContents()).toEqual(["Anyone", "Followers", "Only you"]);
      const m = (await menu.boundingBox())!;
      expect([m.x >= 0, m.y >= 0, m.x + m.width <= width, m.y + m.height <= height]).toEqual([true, true, true, true]);
      // Every item is visible without scrolling the menu.
      expect(await menu.evaluate((e) => e.scrollHeight <= e.clientHeight + 1)).toBe(true);
      await quote.getByRole("menuitemradio", { name: "Followers" }).click();
      await menu.waitFor({ state: "detached" });
      await button.click();
      expect(await quote.getByRole("menuitemradio", { name: "Followers" }).getAttribute("aria-checked")).toBe("true");
      await p.keyboard.press("Escape");
      await menu.waitFor({ state: "detached" });
      const pub = await sent(form, `public from the ${label}`);
      expect([pub.visibility, pub.quote_approval_policy]).toEqual(["public", "followers"]);

      form = await open();
      await button.click();
      await vis.getByRole("menuitemradio", { name: /^Followers only/ }).click();
      await menu.waitFor({ state: "detached" });
      await button.click();
      // Followers-only: nobody else may quote; the section says why and its items do nothing.
      const only = quote.getByRole("menuitemradio", { name: /^Only you/ });
      expect(await only.getAttribute("aria-checked")).toBe("true");
      for (const item of await quote.getByRole("menuitemradio").all()) expect(await item.getAttribute("aria-disabled")).toBe("true");
      await quote.getByText("Followers-only posts and private mentions cannot be quoted").waitFor();
      // Playwright refuses to click an aria-disabled item; force it, as a person could click it.
      await quote.getByRole("menuitemradio", { name: /^Anyone/ }).click({ force: true });
      expect(await menu.isVisible()).toBe(true);
      expect(await only.getAttribute("aria-checked")).toBe("true");
      await shot(p, `compose-menu-quote-policy-${label}`);
      expect(await axeViolations(p)).toEqual([]);
      await p.emulateMedia({ colorScheme: "dark" });
      expect(await axeViolations(p)).toEqual([]);
      await p.emulateMedia({ colorScheme: "light" });
      await p.keyboard.press("Escape");
      await menu.waitFor({ state: "detached" });
      const priv = await sent(form, `followers only from the ${label}`);
      expect([priv.visibility, priv.quote_approval_policy]).toEqual(["private", "nobody"]);
    });
  }
});

describe.skipIf(!built)("motion and link previews", () => {
  test("reduced motion turns transitions off; without it they run", async () => {
    const dur = () =>
      desk.evaluate(() => {
        const img = document.querySelector(".media-item img") ?? document.querySelector("img");
        return getComputedStyle(img!).transitionDuration;
      });
    await desk.emulateMedia({ reducedMotion: "reduce" });
    await desk.goto(`${s.url}/accounts/${bob.id}/media`);
    await card(desk, "Watch this video").waitFor();
    const png = await bob.client.v2.media.create({ file: new Blob([new Uint8Array(await samplePng())], { type: "image/png" }) });
    await bob.client.v1.statuses.create({ status: "A still picture", mediaIds: [png.id] });
    await desk.reload();
    await card(desk, "A still picture").waitFor();
    expect(await dur()).toBe("0s");
    expect(await desk.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).toBe("auto");
    await desk.emulateMedia({ reducedMotion: "no-preference" });
    expect(await dur()).not.toBe("0s");
    await desk.emulateMedia({ reducedMotion: "reduce" });
  });

  test("a link preview is a readable card that fits a phone", async () => {
    for (const p of [desk, phone]) {
      await p.goto(`${s.url}/home`);
      const c = card(p, "Worth reading").getByRole("link", { name: /A readable article about hearths/ });
      await c.waitFor();
      expect(await c.getAttribute("href")).toBe(`http://127.0.0.1:${web.port}/article`);
      await c.getByText("Example News").waitFor();
      const img = c.locator("img");
      expect(await img.count()).toBe(1);
      // The description is clamped: far shorter on screen than its text.
      const desc = c.locator(".preview-card-description");
      const [h, lh] = await desc.evaluate((e) => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight) || 20]);
      expect(h).toBeLessThanOrEqual(lh * 3 + 2);
      const vw = p.viewportSize()!.width;
      const art = (await card(p, "Worth reading").boundingBox())!;
      const cb = (await c.boundingBox())!;
      expect(cb.x + cb.width).toBeLessThanOrEqual(art.x + art.width + 0.5);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vw);
      await shot(p, `link-preview-${vw}`);
      expect(await axeViolations(p)).toEqual([]);
      await p.emulateMedia({ colorScheme: "dark" });
      expect(await axeViolations(p)).toEqual([]);
      await p.emulateMedia({ colorScheme: "light" });
    }
  });

  test("a page naming its fediverse:creator shows 'More from' its author under the card, leading to the profile", async () => {
    for (const p of [desk, phone]) {
      await p.goto(`${s.url}/home`);
      const post = card(p, "Also by a writer");
      await post.getByRole("link", { name: /An essay by a known writer/ }).waitFor();
      const more = post.locator(".more-from-author");
      expect((await more.textContent())?.replace(/\s+/g, " ").trim()).toBe("More from Wendy Writer");
      const link = more.getByRole("link", { name: "Wendy Writer" });
      expect(await link.getAttribute("href")).toBe(`/accounts/${writerId}`);
      expect(await link.getAttribute("title")).toBe(`@writer@127.0.0.1:${web.port}`);
      const vw = p.viewportSize()!.width;
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vw);
      await shot(p, `link-preview-more-from-${vw}`);
      expect(await axeViolations(p)).toEqual([]);
      await p.emulateMedia({ colorScheme: "dark" });
      expect(await axeViolations(p)).toEqual([]);
      await p.emulateMedia({ colorScheme: "light" });
      await link.click();
      await p.waitForURL(`${s.url}/accounts/${writerId}`);
      await p.getByRole("heading", { level: 1, name: "Wendy Writer" }).waitFor();
    }
  });
});
