/**
 * Filtered notifications in Chromium: set "People you don't follow" to Filter in the
 * notification settings, a stranger's mention then waits as a request (not in the
 * notifications), the notifications screen links to it, and accepting it brings the mention
 * back; axe and screenshots at desktop and 375 px.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let nora: TestUser, otto: TestUser, pia: TestUser;
let p: Page;

beforeAll(async () => {
  if (!built) return;
  nora = await s.createUser("nora");
  otto = await s.createUser("otto");
  pia = await s.createUser("pia");
  s.ctx.db.query("UPDATE accounts SET display_name = 'Otto Stranger' WHERE id = ?").run(otto.account.id);
  await nora.client.v1.accounts.$select(pia.id).follow();
  browser = await launch();
  p = await newPage(browser);
}, 30_000);

afterAll(() => closeScene(browser, s));

const toNotifications = async () => {
  await p
    .getByRole("link", { name: /^Notifications/ })
    .first()
    .click();
  await p.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
};

describe.skipIf(!built)("filtered notifications", () => {
  test("the notification settings filter people you don't follow", async () => {
    await signIn(p, s.url, nora, "nora");
    await toNotifications();
    await p.getByRole("link", { name: "Notification settings" }).click();
    await p.getByRole("heading", { name: "Filtered notifications", level: 1 }).waitFor();
    await p.getByText("No filtered notifications.").waitFor();
    const select = p.getByLabel("People you don't follow");
    expect(await select.inputValue()).toBe("accept");
    await select.selectOption("filter");
    await p.getByRole("button", { name: "Save settings" }).click();
    await p.getByText("Notification settings saved").waitFor();
    expect((await nora.client.v2.notifications.policy.fetch()).forNotFollowing).toBe("filter");
  });

  test("a stranger's mention waits as a request; a followed account's does not", async () => {
    await otto.client.v1.statuses.create({ status: "@nora hello from a stranger" });
    await pia.client.v1.statuses.create({ status: "@nora lunch at noon?" });
    await s.drain();
    await toNotifications();
    await p.locator(".notifications article.status", { hasText: "lunch at noon?" }).waitFor();
    expect(await p.locator(".notifications").textContent()).not.toContain("hello from a stranger");
    await p.getByRole("link", { name: "Filtered notifications (1)" }).click();
    const item = p.getByRole("list", { name: "Notification requests" }).getByRole("listitem");
    await item.getByText("Otto Stranger").waitFor();
    expect(await item.count()).toBe(1);
    await item.getByText("1 filtered notification,").waitFor();
    await item.getByRole("link", { name: "hello from a stranger" }).waitFor();
    await shot(p, "notification-requests-desktop");
    expect(await axeViolations(p)).toEqual([]);
  });

  test("at 375 px wide", async () => {
    await p.setViewportSize({ width: 375, height: 800 });
    await p.reload();
    await p.getByRole("button", { name: "Accept Otto Stranger" }).waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(p, "notification-requests-phone");
    expect(await axeViolations(p)).toEqual([]);
    await p.setViewportSize({ width: 1280, height: 900 });
  });

  test("accepting brings the mention into the notifications", async () => {
    await p.getByRole("button", { name: "Accept Otto Stranger" }).click();
    await p.getByText("Notifications from Otto Stranger are now in your notifications").waitFor();
    await p.getByText("No filtered notifications.").waitFor();
    expect((await nora.client.v1.notifications.requests.list()).length).toBe(0);
    await toNotifications();
    await p.locator(".notifications article.status", { hasText: "hello from a stranger" }).waitFor();
    await p.getByRole("link", { name: "Notification settings" }).waitFor();
    expect(await p.getByRole("link", { name: /Filtered notifications/ }).count()).toBe(0);
  });
});
