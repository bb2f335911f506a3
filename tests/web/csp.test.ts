/**
 * The web client under its Content-Security-Policy in Chromium (no bypass): every
 * `securitypolicyviolation` event and every CSP console message while signing in through the
 * server's OAuth pages and opening the main screens (timelines with media, blurhash and a poll,
 * live updates over the WebSocket, a thread, a profile, notifications, search, settings, the
 * composer's blob: image preview) is collected, and none may occur. Also: the OAuth consent form
 * still reaches an app whose redirect URI is on another origin or a custom scheme.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { closeScene, launch, newContext, samplePng, signIn, webTestServer } from "./browser";

setDefaultTimeout(60_000);
const { built, s } = await webTestServer();
let browser: Browser;
let alice: TestUser;
let bob: TestUser;
let postId = "";

/** What the pages of a context reported: violation events and CSP console messages. */
interface Watch {
  ctx: BrowserContext;
  violations: string[];
}

/** A context whose pages report every CSP violation, through a binding (not subject to the CSP). */
async function watchedContext(): Promise<Watch> {
  const ctx = await newContext(browser);
  const violations: string[] = [];
  await ctx.exposeBinding("__reportCspViolation", (source, v: string) => violations.push(`${source.page?.url()}: ${v}`));
  await ctx.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = `${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`;
      (window as any).__reportCspViolation(report);
    });
  });
  ctx.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  return { ctx, violations };
}

beforeAll(async () => {
  if (!built) return;
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  await alice.client.v1.accounts.$select(bob.id).follow();
  const media = await bob.client.v2.media.create({
    file: new Blob([new Uint8Array(await samplePng())], { type: "image/png" }),
    description: "A block",
  });
  postId = (await bob.client.v1.statuses.create({ status: "Look #csp", mediaIds: [media.id], visibility: "public" })).id;
  await bob.client.v1.statuses.create({ status: "Pick one", poll: { options: ["Tea", "Coffee"], expiresIn: 3600 } });
  await bob.client.v1.statuses.$select(postId).favourite();
  await s.drain();
  browser = await launch();
}, 30_000);

afterAll(() => closeScene(browser, s));

describe.skipIf(!built)("the web client under its Content-Security-Policy", () => {
  test("sign-in and the main screens load with no CSP violation", async () => {
    const w = await watchedContext();
    const p: Page = await w.ctx.newPage();
    // The app boots from its own script: with 'self' taken out of script-src this is where it stops.
    const policy = (await p.goto(s.url + "/"))!.headers()["content-security-policy"] ?? "";
    await p.waitForLoadState("load");
    await p.waitForTimeout(100);
    expect(w.violations).toEqual([]);
    await signIn(p, s.url, alice, "alice");
    // Home: bob's image (with its blurhash canvas) and his poll.
    const post = p.locator("article.status", { hasText: "Look" }).first();
    await post.getByRole("img", { name: "A block" }).waitFor();
    expect(await post.getByRole("img", { name: "A block" }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(
      true,
    );
    await p.getByRole("form", { name: "Poll" }).waitFor();
    // A live update over the streaming WebSocket (connect-src).
    await bob.client.v1.statuses.create({ status: "Live one" });
    await s.drain();
    await p.getByRole("button", { name: /Show 1 new post/ }).click({ timeout: 15_000 });
    await p.getByText("Live one").waitFor();
    // The composer's preview of a picked image is a blob: URL.
    await p
      .locator("input[type=file]")
      .first()
      .setInputFiles({ name: "clue.png", mimeType: "image/png", buffer: await samplePng() });
    await p.getByLabel("Description (alt text) for image 1").waitFor();
    const preview = p.locator('img[src^="blob:"]').first();
    await preview.waitFor();
    expect(await preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    for (const [path, heading] of [
      [`/statuses/${postId}`, null],
      [`/accounts/${bob.id}`, "bob"],
      ["/notifications", "Notifications"],
      ["/local", null],
      ["/tags/csp", null],
      ["/search?q=bob", null],
      ["/settings", "Settings"],
      ["/settings/profile", null],
    ] as const) {
      await p.goto(s.url + path);
      if (heading) await p.getByRole("heading", { name: heading, level: 1 }).waitFor();
      else await p.locator("h1").first().waitFor();
      await p.waitForLoadState("networkidle");
    }
    expect(w.violations).toEqual([]);
    // …and all of that ran under the strict policy, not without one.
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    await w.ctx.close();
  });

  test("the OAuth consent form reaches an app on another origin and one with a custom scheme", async () => {
    // The app's own page on another origin: Chromium applies form-action to the redirect after the form.
    const appServer = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("app callback") });
    const appUrl = `http://127.0.0.1:${appServer.port}/callback`;
    try {
      for (const redirect of [appUrl, "hearth-test://callback"]) {
        const app = await (
          await s.api("POST", "/api/v1/apps", { json: { client_name: "Other app", redirect_uris: redirect, scopes: "read" } })
        ).json();
        const w = await watchedContext();
        const p = await w.ctx.newPage();
        const q = new URLSearchParams({
          client_id: app.client_id,
          redirect_uri: redirect,
          response_type: "code",
          scope: "read",
          state: "xyz",
        });
        await p.goto(`${s.url}/oauth/authorize?${q}`);
        await p.fill("#login", "alice");
        await p.fill("#password", alice.password);
        await p.getByRole("button", { name: "Log in" }).click();
        const consent = p.getByRole("button", { name: "Authorize" });
        await consent.waitFor();
        let target = "";
        w.ctx.on("request", (r) => {
          if (r.url().startsWith(redirect)) target = r.url();
        });
        if (redirect === appUrl) {
          await consent.click();
          await p.waitForURL((u) => u.href.startsWith(appUrl));
          target = p.url();
          expect(await p.textContent("body")).toBe("app callback");
        } else {
          // Chromium hands a custom scheme to the OS (nothing here); the form must not be refused on the way.
          await consent.click();
          await p.waitForTimeout(1000);
        }
        expect(w.violations).toEqual([]);
        if (target) expect(new URL(target).searchParams.get("state")).toBe("xyz");
        await w.ctx.close();
      }
    } finally {
      appServer.stop(true);
    }
  });
});
