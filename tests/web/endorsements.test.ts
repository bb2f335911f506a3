/**
 * Featured profiles in Chromium: follow someone, feature them from their profile, see them in
 * your profile's Featured profiles (also from another user's browser), stop featuring. Plus
 * two filter loose ends: list timelines apply "home" filters, and a mention hidden by a filter
 * leaves no empty row in the notifications.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let erin: TestUser, frank: TestUser, gwen: TestUser;
let p: Page;

beforeAll(async () => {
  if (!built) return;
  erin = await s.createUser("erin");
  frank = await s.createUser("frank");
  gwen = await s.createUser("gwen");
  await frank.client.v1.accounts.updateCredentials({ displayName: "Frank Knits" });
  browser = await launch();
  p = await newPage(browser);
  await signIn(p, s.url, erin, "erin");
}, 30_000);

afterAll(() => closeScene(browser, s));

const endorsed = () => s.count("endorsements", "account_id = ? AND target_account_id = ?", erin.id, frank.id);

describe.skipIf(!built)("featured profiles", () => {
  test("follow, then feature from the profile; the toggle says what it does", async () => {
    await p.goto(`${s.url}/accounts/${frank.id}`);
    await p.getByRole("heading", { name: "Frank Knits", level: 1 }).waitFor();
    // only accounts you follow can be featured
    expect(await p.getByRole("button", { name: "Feature on profile" }).count()).toBe(0);
    await p.getByRole("button", { name: "Follow", exact: true }).click();
    const feature = p.getByRole("button", { name: "Feature on profile" });
    await feature.waitFor();
    expect(await feature.getAttribute("aria-pressed")).toBe("false");
    await feature.click();
    await p.getByText("Frank Knits is featured on your profile").waitFor();
    const stop = p.getByRole("button", { name: "Stop featuring on profile" });
    expect(await stop.getAttribute("aria-pressed")).toBe("true");
    expect(endorsed()).toBe(1);
    expect(await axeViolations(p)).toEqual([]);
  });

  test("your profile's Featured profiles show them, linking to their profile", async () => {
    await p.goto(`${s.url}/accounts/${erin.id}`);
    const section = p.getByRole("region", { name: "Featured profiles" });
    const link = section.getByRole("link", { name: /Frank Knits/ });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(`/accounts/${frank.id}`);
    await shot(p, "endorsements-profile");
    expect(await axeViolations(p)).toEqual([]);
    await link.click();
    await p.getByRole("heading", { name: "Frank Knits", level: 1 }).waitFor();
  });

  test("another user sees them on your profile", async () => {
    const other = await newPage(browser);
    await signIn(other, s.url, gwen, "gwen");
    await other.goto(`${s.url}/accounts/${erin.id}`);
    const section = other.getByRole("region", { name: "Featured profiles" });
    await section.getByRole("link", { name: /Frank Knits/ }).waitFor();
    // gwen does not follow frank, and erin's list is not hers to edit
    expect(await section.getByRole("button").count()).toBe(0);
    await shot(other, "endorsements-other-viewer");
    expect(await axeViolations(other)).toEqual([]);
    await other.context().close();
  });

  test("stop featuring from their profile, and remove from your own", async () => {
    await p.goto(`${s.url}/accounts/${frank.id}`);
    await p.getByRole("button", { name: "Stop featuring on profile" }).click();
    await p.getByText("Frank Knits is no longer featured on your profile").waitFor();
    const feature = p.getByRole("button", { name: "Feature on profile" });
    expect(await feature.getAttribute("aria-pressed")).toBe("false");
    expect(endorsed()).toBe(0);

    await p.goto(`${s.url}/accounts/${erin.id}`);
    await p.getByRole("heading", { level: 1 }).first().waitFor();
    await p.getByRole("region", { name: /Posts by/ }).waitFor();
    expect(await p.getByRole("region", { name: "Featured profiles" }).count()).toBe(0);

    await erin.client.v1.accounts.$select(frank.id).endorse();
    await p.reload();
    const section = p.getByRole("region", { name: "Featured profiles" });
    await section.getByRole("button", { name: "Remove Frank Knits from your profile" }).click();
    await p.getByText("Frank Knits is no longer featured on your profile").waitFor();
    expect(await section.count()).toBe(0);
    expect(endorsed()).toBe(0);
  });
});

describe.skipIf(!built)("at 375 px wide", () => {
  test("the profile actions with the feature toggle and the Featured profiles fit", async () => {
    await erin.client.v1.accounts.$select(frank.id).follow();
    await erin.client.v1.accounts.$select(frank.id).endorse();
    const phone = await newPage(browser, 375, 740);
    await signIn(phone, s.url, erin, "erin");
    await phone.goto(`${s.url}/accounts/${frank.id}`);
    await phone.getByRole("button", { name: "Stop featuring on profile" }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.goto(`${s.url}/accounts/${erin.id}`);
    await phone
      .getByRole("region", { name: "Featured profiles" })
      .getByRole("link", { name: /Frank Knits/ })
      .waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(phone, "endorsements-mobile");
    await phone.context().close();
    await erin.client.v1.accounts.$select(frank.id).unendorse();
  });
});

describe.skipIf(!built)("filters on lists and notifications", () => {
  test("a list timeline hides posts matched by a home `hide` filter", async () => {
    await erin.client.v1.accounts.$select(frank.id).follow();
    const list = await erin.client.v1.lists.create({ title: "Crafts" });
    await erin.client.v1.lists.$select(list.id).accounts.create({ accountIds: [frank.id] });
    await erin.client.v2.filters.create({
      title: "No spoilers",
      context: ["home", "notifications"],
      filterAction: "hide",
      keywordsAttributes: [{ keyword: "spoilerword" }],
    });
    await frank.client.v1.statuses.create({ status: "the spoilerword ending" });
    await frank.client.v1.statuses.create({ status: "a plain cardigan" });
    await s.drain();
    await p.goto(`${s.url}/lists/${list.id}`);
    await p.locator("article.status", { hasText: "a plain cardigan" }).waitFor();
    expect(await p.locator("article.status", { hasText: "spoilerword" }).count()).toBe(0);
  });

  test("a mention hidden by a filter leaves no empty notification row", async () => {
    await frank.client.v1.statuses.create({ status: "@erin spoilerword again" });
    await frank.client.v1.statuses.create({ status: "@erin hello there" });
    await s.drain();
    await p.goto(`${s.url}/notifications`);
    await p.locator("article.status", { hasText: "hello there" }).waitFor();
    expect(await p.locator("article.status", { hasText: "spoilerword" }).count()).toBe(0);
    const empty = await p.locator("ul.notifications > li").evaluateAll((lis) => lis.filter((li) => !li.textContent?.trim()).length);
    expect(empty).toBe(0);
    expect(await axeViolations(p)).toEqual([]);
  });
});
