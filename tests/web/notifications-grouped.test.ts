/**
 * Grouped notifications in Chromium: two favourites of one post show as one "… and 1 other
 * favourited your post" entry with avatars, everyone can be listed, a boost stays its own entry,
 * a new favourite merges into the group live; axe and screenshots at desktop and 375 px.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { hubFor } from "../../src/streaming/hub";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let gina: TestUser, hank: TestUser, iris: TestUser, jack: TestUser;
let p: Page;
let post = "";

beforeAll(async () => {
  if (!built) return;
  gina = await s.createUser("gina");
  hank = await s.createUser("hank");
  iris = await s.createUser("iris");
  jack = await s.createUser("jack");
  s.ctx.db.query("UPDATE accounts SET display_name = 'Hank Hill' WHERE id = ?").run(hank.account.id);
  post = (await gina.client.v1.statuses.create({ status: "Soup of the day: leek" })).id;
  await hank.client.v1.statuses.$select(post).favourite();
  await iris.client.v1.statuses.$select(post).favourite();
  await jack.client.v1.statuses.$select(post).reblog();
  await jack.client.v1.statuses.create({ status: "@gina lunch later?" });
  await s.drain();
  browser = await launch();
  p = await newPage(browser);
}, 30_000);

afterAll(() => closeScene(browser, s));

const favGroup = () => p.locator(".notifications > li", { hasText: "favourited your post" });

describe.skipIf(!built)("grouped notifications", () => {
  test("two favourites are one entry with both avatars; the boost and the mention stay apart", async () => {
    await signIn(p, s.url, gina, "gina");
    await p.getByRole("link", { name: /Notifications/ }).click();
    await p.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
    await p.getByText("and 1 other favourited your post").waitFor();
    expect(await favGroup().count()).toBe(1);
    // newest first: iris favourited last
    await expect(favGroup().locator(".notification-line .account-name").textContent()).resolves.toContain("iris");
    const avatars = favGroup().getByRole("list", { name: "Latest accounts" }).getByRole("img");
    expect(await avatars.evaluateAll((imgs) => imgs.map((i) => i.getAttribute("alt")))).toEqual(["iris", "Hank Hill"]);
    await favGroup().getByRole("link", { name: "Soup of the day: leek" }).waitFor();
    const boost = p.locator(".notifications > li", { hasText: "boosted your post" });
    expect(await boost.count()).toBe(1);
    expect(await boost.textContent()).not.toContain("other");
    await p.locator(".notifications article.status", { hasText: "lunch later?" }).waitFor();
    expect(await p.locator(".notifications > li").count()).toBe(3);
  });

  test("everyone in the group can be listed", async () => {
    const button = favGroup().getByRole("button", { name: "Show all 2 accounts" });
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    await button.click();
    const list = favGroup().getByRole("list", { name: "Everyone who favourited your post" });
    await list.getByText("@hank").waitFor();
    expect(await list.getByRole("listitem").count()).toBe(2);
    expect(await favGroup().getByRole("button", { name: "Hide accounts" }).getAttribute("aria-expanded")).toBe("true");
  });

  test("a new favourite merges into the group live", async () => {
    for (let i = 0; i < 50 && hubFor(s.ctx).size === 0; i++) await Bun.sleep(100);
    await jack.client.v1.statuses.$select(post).favourite();
    await s.drain();
    await p.getByText("and 2 others favourited your post").waitFor();
    expect(await favGroup().count()).toBe(1);
    expect(await p.locator(".notifications > li").first().textContent()).toContain("favourited your post");
    const alts = await favGroup()
      .getByRole("list", { name: "Latest accounts" })
      .getByRole("img")
      .evaluateAll((imgs) => imgs.map((i) => i.getAttribute("alt")));
    expect(alts).toEqual(["jack", "iris", "Hank Hill"]);
    // the open list follows
    await favGroup().getByRole("list", { name: "Everyone who favourited your post" }).getByText("@jack").waitFor();
    await shot(p, "notifications-grouped-desktop");
    expect(await axeViolations(p)).toEqual([]);
    // the screen moved the read marker to the newest notification
    let unread = -1;
    for (let i = 0; i < 30 && unread !== 0; i++, await Bun.sleep(100))
      unread = (await gina.client.v2.notifications.unreadCount.fetch()).count;
    expect(unread).toBe(0);
  });

  test("at 375 px wide", async () => {
    await p.setViewportSize({ width: 375, height: 800 });
    await p.reload();
    await p.getByText("and 2 others favourited your post").waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(p, "notifications-grouped-phone");
    expect(await axeViolations(p)).toEqual([]);
  });
});
