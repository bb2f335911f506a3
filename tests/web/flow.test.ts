/**
 * The web client end to end at desktop width, against a real server: sign in through the OAuth
 * pages, follow, post with a CW and an image with alt text, see it arrive live for a follower,
 * reply, favourite, boost, notifications, edit the profile, sign out; axe finds nothing serious.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newContext, newPage, samplePng, shot, signIn, webTestServer } from "./browser";

let browser: Browser;
let alice: TestUser;
let bob: TestUser;
let aCtx: BrowserContext;
let bCtx: BrowserContext;
let a: Page;
let b: Page;

setDefaultTimeout(30_000);

// The client must be built (make web) for these tests; `make test` builds it first.
const { built, s } = await webTestServer();
// Live updates need the streaming API; until it is registered that one step is skipped, loudly.
const streaming =
  built &&
  (await fetch(`${s.url}/api/v1/streaming/health`).then(
    (r) => r.ok,
    () => false,
  ));
if (built && !streaming) console.warn("[web] streaming API not available: the live-update step is skipped");

beforeAll(async () => {
  if (!built) return;
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  browser = await launch();
  aCtx = await newContext(browser);
  bCtx = await newContext(browser);
  a = await aCtx.newPage();
  b = await bCtx.newPage();
}, 30_000);

afterAll(() => closeScene(browser, s));

describe.skipIf(!built)("web client, desktop", () => {
  test("the sign-in page is accessible", async () => {
    await a.goto(s.url + "/");
    await a.getByRole("button", { name: "Sign in" }).waitFor();
    await shot(a, "desktop-sign-in");
    expect(await axeViolations(a)).toEqual([]);
  });

  test("both users sign in through the OAuth pages", async () => {
    await signIn(a, s.url, alice, "alice");
    await signIn(b, s.url, bob, "bob");
    expect(await a.evaluate(() => JSON.parse(localStorage.getItem("hearth.session")!).accessToken)).toBeTruthy();
    // The app registered itself like any third-party client, with our callback.
    expect(s.count("oauth_applications", "name = ?", "Hearth Web")).toBeGreaterThanOrEqual(1);
  });

  test("bob follows alice from her profile", async () => {
    await b.goto(`${s.url}/accounts/${alice.id}`);
    await b.getByRole("heading", { name: "alice", level: 1 }).waitFor();
    await b.getByRole("button", { name: "Follow", exact: true }).click();
    await b.getByRole("button", { name: "Unfollow" }).waitFor();
    await s.drain();
    const rel = await bob.client.v1.accounts.relationships.fetch({ id: [alice.id] });
    expect(rel[0]!.following).toBe(true);
    await b.goto(`${s.url}/home`);
    await b.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  });

  test("alice posts with a content warning and an image with alt text", async () => {
    await a.goto(`${s.url}/home`);
    await a.getByRole("button", { name: "CW" }).click();
    await a.getByLabel("Content warning").fill("Spoilers ahead");
    await a.getByLabel("Post text").fill("The butler did it #mystery");
    await a
      .locator("input[type=file]")
      .first()
      .setInputFiles({ name: "clue.png", mimeType: "image/png", buffer: await samplePng() });
    await a.getByLabel("Description (alt text) for image 1").fill("A rust-coloured rectangle");
    await a.getByRole("button", { name: "Post", exact: true }).click();
    await a.getByText("Your post was published").waitFor();
    const mine = a.locator("article.status").first();
    await mine.getByText("Spoilers ahead").waitFor();
    await shot(a, "desktop-home-after-post");
    const [st] = await alice.client.v1.accounts.$select(alice.id).statuses.list({ limit: 1 });
    expect(st!.spoilerText).toBe("Spoilers ahead");
    expect(st!.mediaAttachments[0]?.description).toBe("A rust-coloured rectangle");
  });

  test.skipIf(!streaming)("bob sees alice's post arrive live behind the new-posts bar", async () => {
    await s.drain();
    await b.getByRole("button", { name: /Show 1 new post/ }).click({ timeout: 15_000 });
    await b.locator("article.status").first().getByText("Spoilers ahead").waitFor();
  });

  test("bob opens the CW, sees the alt text, favourites, boosts and replies", async () => {
    if (!streaming) await b.reload();
    const post = b.locator("article.status", { hasText: "Spoilers ahead" }).first();
    await post.getByRole("button", { name: "Show more" }).click();
    await post.getByText("The butler did it").waitFor();
    // Sensitive media shows only its blurhash until the reader asks for it.
    expect(await post.locator("canvas.blurhash").count()).toBe(1);
    expect(await post.getByRole("img", { name: "A rust-coloured rectangle" }).count()).toBe(0);
    await post.getByRole("button", { name: /Sensitive content/ }).click();
    await expect(post.getByRole("img", { name: "A rust-coloured rectangle" }).count()).resolves.toBe(1);
    await post.getByRole("button", { name: /^Favourite/ }).click();
    await expect(post.getByRole("button", { name: /^Favourite/ })).toBeTruthy();
    await post.locator("[data-action=favourite][aria-pressed=true]").waitFor();
    await post.getByRole("button", { name: /^Boost/ }).click();
    await post.locator("[data-action=reblog][aria-pressed=true]").waitFor();
    await post.getByRole("button", { name: /^Reply/ }).click();
    const box = b.getByLabel("Post text");
    await expect(box.inputValue()).resolves.toContain("@alice");
    await box.fill("@alice Surely not the butler!");
    await b.getByRole("form", { name: "Compose a post" }).getByRole("button", { name: "Reply", exact: true }).click();
    await b.getByText("Your post was published").waitFor();
    await shot(b, "desktop-bob-home");
    await s.drain();
    const [st] = await alice.client.v1.accounts.$select(alice.id).statuses.list({ limit: 1 });
    expect(st!.favouritesCount).toBe(1);
    expect(st!.reblogsCount).toBe(1);
    expect(st!.repliesCount).toBe(1);
  });

  test("the thread view shows the post and the reply", async () => {
    const [st] = await alice.client.v1.accounts.$select(alice.id).statuses.list({ limit: 1 });
    await b.goto(`${s.url}/statuses/${st!.id}`);
    const reply = b.locator(".thread article.status").nth(1);
    // Mastodon carries the content warning over to replies, and so does the composer.
    await reply.getByRole("button", { name: "Show more" }).click();
    await reply.getByText("Surely not the butler!").waitFor();
    expect(await b.locator(".thread article.status").count()).toBe(2);
    await shot(b, "desktop-thread");
  });

  test("alice sees her notifications", async () => {
    await s.drain();
    await a.getByRole("link", { name: /Notifications/ }).click();
    await a.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
    await a.getByText("followed you").waitFor();
    await a.getByText("favourited your post").waitFor();
    await a.getByText("boosted your post").waitFor();
    const mention = a.locator(".notifications article.status", { hasText: "Spoilers ahead" });
    await mention.getByRole("button", { name: "Show more" }).click();
    await mention.getByText("Surely not the butler!").waitFor();
    await shot(a, "desktop-notifications");
    expect(await axeViolations(a)).toEqual([]);
  });

  test("alice edits her profile", async () => {
    await a.getByRole("link", { name: "Edit profile" }).click();
    await a.getByLabel("Display name").fill("Alice Liddell");
    await a.getByLabel("Bio").fill("Curiouser and curiouser");
    await a.getByLabel("Avatar (PNG, GIF or JPEG)").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: await samplePng() });
    await a.getByRole("button", { name: "Save changes" }).click();
    await a.getByText("Your profile was saved.").waitFor();
    const me = await alice.client.v1.accounts.verifyCredentials();
    expect(me.displayName).toBe("Alice Liddell");
    expect(me.note).toContain("Curiouser and curiouser");
    expect(me.avatar).not.toContain("missing");
    await a.getByRole("link", { name: "View profile" }).click();
    await a.getByRole("heading", { name: "Alice Liddell", level: 1 }).waitFor();
    await shot(a, "desktop-profile");
    expect(await axeViolations(a)).toEqual([]);
  });

  test("the home timeline passes the accessibility check", async () => {
    await b.goto(`${s.url}/home`);
    await b.locator("article.status").first().waitFor();
    expect(await axeViolations(b)).toEqual([]);
  });

  test("signing out revokes the token and returns to the welcome page", async () => {
    const token = await b.evaluate(() => JSON.parse(localStorage.getItem("hearth.session")!).accessToken as string);
    await b.getByRole("button", { name: "Sign out" }).click();
    await b.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await b.evaluate(() => localStorage.getItem("hearth.session"))).toBeNull();
    const res = await s.api("GET", "/api/v1/accounts/verify_credentials", { token });
    expect(res.status).toBe(401);
  });
});
