/**
 * The filters screen and filters applied in feeds, in Chromium: create a keyword filter in the
 * UI, another user's matching post shows as "Filtered: …" with "Show anyway" on home, a hide
 * filter removes it, errors are shown in words, and a filter is deleted after confirming.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let fay: TestUser, gus: TestUser;
let p: Page;

beforeAll(async () => {
  if (!built) return;
  [fay, gus] = await Promise.all([s.createUser("fay"), s.createUser("gus")]);
  await fay.client.v1.accounts.$select(gus.id).follow();
  await s.drain();
  browser = await launch();
  p = await newPage(browser);
}, 30_000);

afterAll(() => closeScene(browser, s));

describe.skipIf(!built)("filters", () => {
  test("a filter is created in the UI; blank titles are explained in words", async () => {
    await signIn(p, s.url, fay, "fay");
    await p.goto(`${s.url}/settings/filters`);
    await p.getByRole("heading", { name: "Filters", level: 1 }).waitFor();
    await p.getByText("You have no filters yet.").waitFor();
    await p.getByRole("button", { name: "New filter" }).click();
    const form = p.getByRole("form", { name: "New filter" });
    await form.getByRole("button", { name: "Save filter" }).click();
    await form.getByRole("alert").getByText("Give the filter a title.").waitFor();
    expect(s.count("custom_filters")).toBe(0);

    await form.getByLabel("Title").fill("Dragon spoilers");
    await form.getByLabel("Keyword 1", { exact: true }).fill("dragon");
    await form.getByRole("button", { name: "Add keyword" }).click();
    await form.getByLabel("Keyword 2", { exact: true }).fill("wyvern");
    await form.getByLabel("Whole word only for keyword 2").uncheck();
    expect(await form.getByLabel("Home and lists").isChecked()).toBe(true);
    await form.getByLabel("Conversations").check();
    await form.getByLabel("Expires after").selectOption({ label: "1 day" });
    await shot(p, "filters-editor");
    expect(await axeViolations(p)).toEqual([]);
    await form.getByRole("button", { name: "Save filter" }).click();

    const card = p.getByRole("article", { name: "Dragon spoilers" });
    await card.waitFor();
    await card.getByText("Home and lists, Public timelines, Conversations").waitFor();
    await card.getByText("Hide behind a warning").waitFor();
    await card.getByText("Expires in 1 day").waitFor();
    const [f] = await fay.client.v2.filters.list();
    expect(f).toMatchObject({ title: "Dragon spoilers", filterAction: "warn", context: ["home", "public", "thread"] });
    expect(f!.keywords.map((k) => [k.keyword, k.wholeWord])).toEqual([
      ["dragon", true],
      ["wyvern", false],
    ]);
  });

  test("a matching post from someone else shows as Filtered with Show anyway on home", async () => {
    await gus.client.v1.statuses.create({ status: "The Dragon appears in episode 3!" });
    await gus.client.v1.statuses.create({ status: "Lunch was soup" });
    await s.drain();
    await p.goto(`${s.url}/home`);
    const feed = p.getByRole("feed", { name: "Home" });
    await feed.getByText("Lunch was soup").waitFor();
    const placeholder = feed.getByRole("article", { name: "Filtered: Dragon spoilers" });
    await placeholder.waitFor();
    expect(await feed.getByText("The Dragon appears").count()).toBe(0);
    await shot(p, "filters-desktop");
    expect(await axeViolations(p)).toEqual([]);
    await placeholder.getByRole("button", { name: /Show anyway/ }).click();
    await feed.getByText("The Dragon appears in episode 3!").waitFor();
    expect(await feed.getByRole("article", { name: "Filtered: Dragon spoilers" }).count()).toBe(0);
  });

  test("switching the filter to hide removes the post from home entirely", async () => {
    await p.goto(`${s.url}/settings/filters`);
    await p.getByRole("button", { name: "Edit filter Dragon spoilers" }).click();
    const form = p.getByRole("form", { name: "Edit filter Dragon spoilers" });
    await form.getByLabel("When a post matches").selectOption("hide");
    await form.getByRole("button", { name: "Save filter" }).click();
    await p.getByRole("article", { name: "Dragon spoilers" }).getByText("Hide completely").waitFor();
    expect((await fay.client.v2.filters.list())[0]!.filterAction).toBe("hide");

    await p.goto(`${s.url}/home`);
    const feed = p.getByRole("feed", { name: "Home" });
    await feed.getByText("Lunch was soup").waitFor();
    expect(await feed.getByText(/Dragon/).count()).toBe(0);
    expect(await feed.getByRole("article", { name: /^Filtered/ }).count()).toBe(0);
  });

  test("at phone width the screen fits; deleting asks first and then removes the filter", async () => {
    const phone = await newPage(browser, 375, 800);
    await signIn(phone, s.url, fay, "fay");
    await phone.goto(`${s.url}/settings/filters`);
    const card = phone.getByRole("article", { name: "Dragon spoilers" });
    await card.waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(phone, "filters-mobile");
    expect(await axeViolations(phone)).toEqual([]);

    phone.once("dialog", (d) => void d.dismiss());
    await card.getByRole("button", { name: "Delete filter Dragon spoilers" }).click();
    expect(s.count("custom_filters")).toBe(1);
    phone.once("dialog", (d) => void d.accept());
    await card.getByRole("button", { name: "Delete filter Dragon spoilers" }).click();
    await phone.getByText("You have no filters yet.").waitFor();
    expect(s.count("custom_filters")).toBe(0);
    await phone.close();
  });
});
