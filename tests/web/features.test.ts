/**
 * The server-rendered public pages in Chromium (without JavaScript, and under axe), and the
 * client's newer features: mention/hashtag autocomplete, polls (compose and vote), focal point,
 * mute and personal note, preferences, and the offline banner.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newContext, newPage, samplePng, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);

const { built, s } = await webTestServer();
let browser: Browser;
let alice: TestUser;
let bob: TestUser;
let ctx: BrowserContext;
let p: Page;
let postId = "";

beforeAll(async () => {
  if (!built) return;
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  await bob.client.v1.accounts.updateCredentials({ displayName: "Bob <b>Builder</b>", note: "Fixes <i>things</i> & more" });
  const media = await bob.client.v2.media.create({
    file: new Blob([new Uint8Array(await samplePng())], { type: "image/png" }),
    description: "An orange block",
  });
  postId = (await bob.client.v1.statuses.create({ status: "Look at this #orangeblock <script>alert(1)</script>", mediaIds: [media.id] }))
    .id;
  await bob.client.v1.statuses.create({ status: "Reply to myself", inReplyToId: postId });
  browser = await launch();
}, 30_000);

afterAll(() => closeScene(browser, s));

describe.skipIf(!built)("public pages in a browser", () => {
  test("a profile and a status are readable with JavaScript disabled", async () => {
    const c = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await c.newPage();
    await page.goto(`${s.url}/@bob`);
    await page.getByRole("heading", { name: "Bob <b>Builder</b>", level: 1 }).waitFor();
    await page.getByText("Fixes <i>things</i> & more").waitFor();
    expect(await page.locator('meta[property="og:type"]').getAttribute("content")).toBe("profile");
    expect(await page.getByRole("link", { name: "Open in the app" }).getAttribute("href")).toBe(`/accounts/${bob.id}`);
    await shot(page, "public-profile-nojs");
    await page.getByRole("link", { name: /UTC$/ }).last().click();
    await page.waitForURL(new RegExp(`/@bob/${postId}$`));
    expect(await page.locator('meta[property="og:type"]').getAttribute("content")).toBe("article");
    await page.getByText("<script>alert(1)</script>").waitFor();
    await page.getByText("Reply to myself").waitFor();
    expect(await page.getByRole("img", { name: "An orange block" }).count()).toBe(1);
    await page.setViewportSize({ width: 375, height: 740 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(page, "public-status-phone");
    await c.close();
  });

  test("the public pages pass the accessibility check", async () => {
    // The pages forbid scripts by CSP; axe is injected with CSP bypassed, as a crawler would see them.
    const c = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const page = await c.newPage();
    for (const path of ["/@bob", `/@bob/${postId}`, "/@nobody"]) {
      await page.goto(s.url + path);
      expect(await axeViolations(page)).toEqual([]);
    }
    await c.close();
  });
});

describe.skipIf(!built)("client features", () => {
  test("alice signs in", async () => {
    ctx = await newContext(browser);
    p = await ctx.newPage();
    await signIn(p, s.url, alice, "alice");
  });

  test("mention and hashtag autocomplete fill in the composer", async () => {
    const box = p.getByLabel("Post text");
    await box.click();
    await box.pressSequentially("Hi @bo");
    const option = p.getByRole("option", { name: /@bob/ });
    await option.waitFor();
    expect(await box.getAttribute("aria-activedescendant")).toBe("suggestion-0");
    await shot(p, "compose-autocomplete");
    await box.press("Enter");
    expect(await box.inputValue()).toBe("Hi @bob ");
    await box.pressSequentially("see #orange");
    await p.getByRole("option", { name: "#orangeblock" }).waitFor();
    await box.press("Tab");
    expect(await box.inputValue()).toBe("Hi @bob see #orangeblock ");
    await box.press("Escape");
    await box.fill("");
  });

  test("alice posts a poll from the composer", async () => {
    await p.getByLabel("Post text").fill("Tea or coffee?");
    await p.getByRole("button", { name: "Poll" }).click();
    await p.getByLabel("Option 1", { exact: true }).fill("Tea");
    await p.getByLabel("Option 2", { exact: true }).fill("Coffee");
    await p.getByRole("button", { name: "Add option" }).click();
    await p.getByLabel("Option 3", { exact: true }).fill("Water");
    await p.getByLabel("Poll duration").selectOption("3600");
    await p.getByRole("button", { name: "Post", exact: true }).click();
    await p.getByText("Your post was published").waitFor();
    const [st] = await alice.client.v1.accounts.$select(alice.id).statuses.list({ limit: 1 });
    expect(st!.poll!.options.map((o) => o.title)).toEqual(["Tea", "Coffee", "Water"]);
    expect(st!.poll!.multiple).toBe(false);
  });

  test("alice votes in bob's poll and sees the results", async () => {
    const st = await bob.client.v1.statuses.create({
      status: "Best season?",
      poll: { options: ["Spring", "Autumn"], expiresIn: 3600, multiple: false },
    });
    await p.goto(`${s.url}/statuses/${st.id}`);
    const poll = p.getByRole("form", { name: "Poll" });
    await poll.getByLabel("Autumn").check();
    await poll.getByRole("button", { name: "Vote" }).click();
    const results = p.getByRole("group", { name: "Poll results" });
    await results.getByText("100%").waitFor();
    await results.getByText("(your choice)").waitFor();
    await shot(p, "poll-results");
    const after = await bob.client.v1.polls.$select(st.poll!.id).fetch();
    expect(after.options[1]!.votesCount).toBe(1);
    expect(await axeViolations(p)).toEqual([]);
  });

  test("the image in a timeline has a blurhash placeholder under it", async () => {
    await p.goto(`${s.url}/local`);
    const post = p.locator("article.status", { hasText: "orangeblock" }).first();
    await post.getByRole("img", { name: "An orange block" }).waitFor();
    expect(await post.locator("canvas.blurhash").count()).toBe(1);
    // The canvas was painted (not left blank).
    const painted = await post
      .locator("canvas.blurhash")
      .evaluate((c: HTMLCanvasElement) => c.getContext("2d")!.getImageData(16, 16, 1, 1).data[3]);
    expect(painted).toBe(255);
  });

  test("a focal point set with the keyboard is saved on the attachment", async () => {
    await p.goto(`${s.url}/home`);
    await p.getByLabel("Post text").fill("focal");
    await p
      .locator("input[type=file]")
      .first()
      .setInputFiles({ name: "f.png", mimeType: "image/png", buffer: await samplePng() });
    const focal = p.getByRole("button", { name: /Focal point for image 1/ });
    await focal.focus();
    await focal.press("ArrowRight");
    await focal.press("ArrowRight");
    await focal.press("ArrowUp");
    await p.getByText("Uploading…").waitFor({ state: "detached" });
    await p.getByRole("button", { name: "Post", exact: true }).click();
    await p.getByText("Your post was published").waitFor();
    const [st] = await alice.client.v1.accounts.$select(alice.id).statuses.list({ limit: 1 });
    expect((st!.mediaAttachments[0]!.meta as any).focus).toEqual({ x: 0.2, y: 0.1 });
  });

  test("alice mutes bob and leaves a personal note", async () => {
    await p.goto(`${s.url}/accounts/${bob.id}`);
    // Mute is behind the profile's ⋯ menu (issue 16).
    const more = p.getByRole("button", { name: "More actions for @bob" });
    await more.click();
    await p.getByRole("button", { name: "Mute @bob" }).click();
    await more.click();
    await p.getByRole("button", { name: "Unmute @bob" }).waitFor();
    await more.click();
    await p.getByLabel(/Personal note/).fill("Met at the bakery");
    await p.getByLabel(/Personal note/).blur();
    await p.getByText("Note saved").waitFor();
    const [rel] = await alice.client.v1.accounts.relationships.fetch({ id: [bob.id] });
    expect(rel!.muting).toBe(true);
    expect(rel!.note).toBe("Met at the bakery");
  });

  test("preferences save the default visibility to the account", async () => {
    await p.getByRole("link", { name: "Preferences" }).click();
    await p.getByRole("heading", { name: "Preferences", level: 1 }).waitFor();
    await p.getByLabel("Default visibility").selectOption("unlisted");
    await p.getByLabel("Always show posts behind content warnings").check();
    await p.getByRole("button", { name: "Save preferences" }).click();
    await p.getByText("Saved", { exact: true }).waitFor();
    const me = await alice.client.v1.accounts.verifyCredentials();
    expect(me.source.privacy).toBe("unlisted");
    expect(await p.evaluate(() => JSON.parse(localStorage.getItem("hearth.prefs")!).expandSpoilers)).toBe(true);
    expect(await axeViolations(p)).toEqual([]);
  });

  test("going offline shows a clear banner, coming back removes it", async () => {
    await p.goto(`${s.url}/home`);
    await p.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await ctx.setOffline(true);
    await p.getByText("You're offline.").waitFor();
    await shot(p, "offline-banner");
    await ctx.setOffline(false);
    await p.getByText("You're offline.").waitFor({ state: "detached" });
  });
});
