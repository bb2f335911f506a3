/**
 * The web client at phone width (375 px) and by keyboard alone: sign in, post with a CW, the
 * other user's reply/favourite/boost from the phone, follow, notifications, profile edit, sign
 * out, no horizontal scrolling, j/k/f/b/r hotkeys, and no serious axe violations.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let carol: TestUser;
let dave: TestUser;
let p: Page;

beforeAll(async () => {
  if (!built) return;
  carol = await s.createUser("carol");
  dave = await s.createUser("dave");
  for (let i = 1; i <= 3; i++) await dave.client.v1.statuses.create({ status: `Dave's note number ${i}` });
  await carol.client.v1.accounts.$select(dave.id).follow();
  await s.drain();
  browser = await launch();
  p = await newPage(browser, 375, 740);
}, 30_000);

afterAll(() => closeScene(browser, s));

async function noSideScroll(page: Page): Promise<void> {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(w).toBeLessThanOrEqual(375);
}

describe.skipIf(!built)("web client, 375 px wide", () => {
  test("signs in and shows the home timeline without sideways scrolling", async () => {
    await signIn(p, s.url, carol, "carol");
    await p.getByText("Dave's note number 3").waitFor();
    await noSideScroll(p);
    await shot(p, "phone-home");
    expect(await axeViolations(p)).toEqual([]);
  });

  test("posts with a CW from the compose screen", async () => {
    await p.getByRole("link", { name: "New post" }).click();
    await p.getByRole("heading", { name: "New post", level: 1 }).waitFor();
    await p.getByRole("button", { name: "CW" }).click();
    await p.getByLabel("Content warning").fill("Phone CW");
    await p.getByLabel("Post text").fill("Typed on a small screen");
    await noSideScroll(p);
    await shot(p, "phone-compose");
    await p.getByRole("button", { name: "Post", exact: true }).click();
    await p.getByText("Your post was published").waitFor();
    const [st] = await carol.client.v1.accounts.$select(carol.id).statuses.list({ limit: 1 });
    expect(st!.spoilerText).toBe("Phone CW");
  });

  test("replies, favourites and boosts with the keyboard hotkeys", async () => {
    await p.goto(`${s.url}/home`);
    await p.getByText("Dave's note number 3").waitFor();
    await p.locator("body").press("j");
    const first = await p.evaluate(() => (document.activeElement as HTMLElement).dataset.id);
    await p.keyboard.press("j");
    const second = await p.evaluate(() => (document.activeElement as HTMLElement).dataset.id);
    expect(second).not.toBe(first);
    await p.keyboard.press("k");
    expect(await p.evaluate(() => (document.activeElement as HTMLElement).dataset.id)).toBe(first);
    // Focus the newest of Dave's notes and act on it.
    const target = p.locator("article.status", { hasText: "Dave's note number 3" });
    await target.focus();
    await p.keyboard.press("f");
    await target.locator("[data-action=favourite][aria-pressed=true]").waitFor();
    await p.keyboard.press("b");
    await target.locator("[data-action=reblog][aria-pressed=true]").waitFor();
    await p.keyboard.press("r");
    await p.getByRole("heading", { name: "New post", level: 1 }).waitFor();
    await p.getByText("Replying to").waitFor();
    await p.getByLabel("Post text").pressSequentially("Nice one");
    await p.getByRole("button", { name: "Reply", exact: true }).click();
    await p.getByText("Your post was published").waitFor();
    const [note] = await dave.client.v1.accounts.$select(dave.id).statuses.list({ limit: 1 });
    expect(note!.favouritesCount).toBe(1);
    expect(note!.reblogsCount).toBe(1);
    expect(note!.repliesCount).toBe(1);
  });

  test("follows from a profile and reads notifications", async () => {
    await dave.client.v1.statuses.create({ status: "@carol hello from dave" });
    await s.drain();
    await p.goto(`${s.url}/accounts/${dave.id}`);
    await p.getByRole("button", { name: "Unfollow" }).click();
    await p.getByRole("button", { name: "Follow", exact: true }).click();
    await p.getByRole("button", { name: "Unfollow" }).waitFor();
    await noSideScroll(p);
    await shot(p, "phone-profile");
    await p.getByRole("link", { name: /Notifications/ }).click();
    await p.getByText("hello from dave").waitFor();
    await noSideScroll(p);
    await shot(p, "phone-notifications");
    expect(await axeViolations(p)).toEqual([]);
  });

  test("edits the profile and signs out", async () => {
    await p.goto(`${s.url}/settings/profile`);
    await p.getByLabel("Display name").fill("Carol on the go");
    await p.getByRole("button", { name: "Save changes" }).click();
    await p.getByText("Your profile was saved.").waitFor();
    expect((await carol.client.v1.accounts.verifyCredentials()).displayName).toBe("Carol on the go");
    await noSideScroll(p);
    // On phones Sign out is under the tab bar's More (issue 16).
    await p.goto(`${s.url}/home`);
    await p.getByRole("button", { name: "More", exact: true }).click();
    await p.getByRole("button", { name: "Sign out" }).click();
    await p.getByRole("button", { name: "Sign in" }).waitFor();
  });
});
