/**
 * Issue 16: what sits above Home. The server's announcements with their unread count, reactions
 * (added and taken back) and Dismiss, each checked through /api/v1/announcements; and a new
 * account's first steps: the welcome card on Home leads to /start (edit profile, follow suggested
 * people, follow a trending and a typed hashtag, each checked through the API) and is not shown
 * again once opened or dismissed. At 1280×800 and 375×812, axe light and dark, screenshots.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeLightDark, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let owner: TestUser;
let newbie: TestUser;
let desk: Page;

beforeAll(async () => {
  if (!built) return;
  owner = await s.createUser("owner", { role: "owner", scopes: ["read", "write", "admin:read", "admin:write"] });
  // Five local accounts post #cats today: they are suggested (recently active) and #cats trends.
  for (let i = 0; i < 5; i++) {
    const u = await s.createUser(`poster${i}`);
    await u.client.v1.statuses.create({ status: `I love #cats ${i}`, visibility: "public" });
  }
  s.ctx.jobs.enqueue("trends.refresh", {});
  await s.drain();
  const pending = await (await s.api("GET", "/api/v1/admin/trends/tags", { token: owner.token })).json();
  const cats = (pending as { id: string; name: string }[]).find((t) => t.name === "cats");
  expect(cats).toBeDefined();
  expect((await s.api("POST", `/api/v1/admin/trends/tags/${cats!.id}/approve`, { token: owner.token })).status).toBe(200);
  // The older one is an all-day event from yesterday to tomorrow (shown with its dates).
  const day = 86_400_000;
  const party = {
    text: "The garden party is on Saturday at noon.",
    all_day: true,
    starts_at: new Date(s.ctx.now() - day).toISOString(),
    ends_at: new Date(s.ctx.now() + day).toISOString(),
  };
  for (const json of [party, { text: "Please read the new server rules." }]) {
    const r = await s.api("POST", "/api/v1/admin/hearth/announcements", { token: owner.token, json });
    expect(r.status).toBe(200);
  }
  newbie = await s.createUser("newbie");
  browser = await launch();
  desk = await newPage(browser, 1280, 800);
  await signIn(desk, s.url, newbie, "newbie");
}, 60_000);

afterAll(() => closeScene(browser, s));

const announcements = async (u: TestUser) =>
  (await (await s.api("GET", "/api/v1/announcements", { token: u.token })).json()) as {
    id: string;
    content: string;
    read: boolean;
    reactions: { name: string; count: number; me: boolean }[];
  }[];

describe.skipIf(!built)("above Home at 1280×800", () => {
  test("announcements: unread count, a reaction added and taken back, Dismiss marks each read", async () => {
    const panel = desk.getByRole("region", { name: /^Announcements/ });
    await panel.waitFor();
    await panel.getByRole("heading", { name: /^Announcements\W+2 unread$/ }).waitFor();
    const shown = panel.getByRole("article");
    expect(await shown.getAttribute("aria-label")).toBe("Announcement 1 of 2");
    const first = (await announcements(newbie))[0]!;
    const firstText = first.content.replace(/<[^>]+>/g, "");
    await shown.getByText(firstText).waitFor();
    await axeLightDark(desk, "announcements-desktop");

    await panel.getByRole("button", { name: "Add reaction" }).click();
    await panel.getByRole("button", { name: "React with 🎉" }).click();
    const reaction = panel.getByRole("button", { name: /^🎉 1$/ });
    await reaction.waitFor();
    expect(await reaction.getAttribute("aria-pressed")).toBe("true");
    expect((await announcements(newbie)).find((a) => a.id === first.id)!.reactions).toEqual([
      expect.objectContaining({ name: "🎉", count: 1, me: true }),
    ]);
    await reaction.click();
    await reaction.waitFor({ state: "detached" });
    expect((await announcements(newbie)).find((a) => a.id === first.id)!.reactions).toEqual([]);

    await panel.getByRole("button", { name: "Dismiss" }).click();
    await panel.getByRole("heading", { name: /^Announcements\W+1 unread$/ }).waitFor();
    expect((await announcements(newbie)).map((a) => a.read)).toEqual([true, false]);
    expect(await shown.getAttribute("aria-label")).toBe("Announcement 2 of 2");
    await shown.getByText("The garden party is on Saturday at noon.").waitFor();
    expect(await shown.locator(".announcement-when").textContent()).toMatch(
      /^[A-Z][a-z]{2} \d{1,2}, \d{4} – [A-Z][a-z]{2} \d{1,2}, \d{4}$/,
    );
    await panel.getByRole("button", { name: "Dismiss" }).click();
    // All read: the count goes and the panel folds to its heading, which can open it again.
    await panel.getByRole("heading", { name: "Announcements", exact: true }).waitFor();
    expect((await announcements(newbie)).map((a) => a.read)).toEqual([true, true]);
    await panel.getByRole("button", { name: "Show announcements" }).click();
    await panel.getByRole("button", { name: "Previous announcement" }).click();
    await shown.getByText(firstText).waitFor();
    expect(await panel.getByRole("button", { name: "Dismiss" }).count()).toBe(0);
    // Another user's view is their own: still two unread.
    expect((await announcements(owner)).map((a) => a.read)).toEqual([false, false]);
  });

  test("a new account is welcomed; the first steps follow people and hashtags; the card does not come back", async () => {
    await desk.goto(`${s.url}/home`);
    const card = desk.getByRole("region", { name: "Welcome to Hearth, newbie!" });
    await card.waitFor();
    await card.getByRole("link", { name: "Get started" }).click();
    await desk.waitForURL(/\/start$/);
    await desk.getByRole("heading", { name: "Welcome to Hearth", level: 1 }).waitFor();
    expect(await desk.getByRole("link", { name: "Edit your profile" }).getAttribute("href")).toBe("/settings/profile");

    const people = desk.getByRole("region", { name: "Find people to follow" });
    await people.getByRole("button", { name: "Follow @poster0" }).waitFor();
    expect(await people.getByRole("button", { name: /^Follow @poster\d$/ }).count()).toBe(5);
    const tags = desk.getByRole("region", { name: "Follow hashtags" });
    await tags.getByRole("button", { name: "#cats" }).waitFor();
    await axeLightDark(desk, "onboarding-desktop");

    await people.getByRole("button", { name: "Follow @poster0" }).click();
    await people.getByRole("button", { name: "Unfollow @poster0" }).waitFor();
    const poster0 = (await newbie.client.v1.accounts.lookup({ acct: "poster0" })).id;
    const [rel] = await newbie.client.v1.accounts.relationships.fetch({ id: [poster0] });
    expect(rel!.following).toBe(true);

    await tags.getByRole("button", { name: "#cats" }).click();
    await tags.getByRole("button", { name: "#cats", pressed: true }).waitFor();
    await tags.getByLabel("Follow a hashtag").fill("#gardening");
    await tags.getByRole("button", { name: "Follow", exact: true }).click();
    await tags.getByRole("button", { name: "#gardening", pressed: true }).waitFor();
    const followed = (await newbie.client.v1.followedTags.list()).map((t) => t.name.toLowerCase()).sort();
    expect(followed).toEqual(["cats", "gardening"]);
    await shot(desk, "onboarding-desktop-done");

    await desk.getByRole("button", { name: "Done, go to Home" }).click();
    await desk.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await desk.reload();
    await desk.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await desk.getByRole("region", { name: /^Announcements/ }).waitFor();
    expect(await desk.getByRole("region", { name: /^Welcome to Hearth/ }).count()).toBe(0);
  });

  test("an announcement published while Home is open appears at once, unread", async () => {
    await desk.goto(`${s.url}/home`);
    const panel = desk.getByRole("region", { name: /^Announcements/ });
    await panel.getByRole("heading", { name: "Announcements", exact: true }).waitFor();
    expect(await panel.getByRole("article").count()).toBe(0);
    const r = await s.api("POST", "/api/v1/admin/hearth/announcements", {
      token: owner.token,
      json: { text: "The server restarts tonight at ten." },
    });
    expect(r.status).toBe(200);
    await s.drain();
    await panel.getByRole("heading", { name: /^Announcements\W+1 unread$/ }).waitFor();
    await panel.getByRole("article").getByText("The server restarts tonight at ten.").waitFor();
    expect(await panel.getByRole("article").getAttribute("aria-label")).toBe("Announcement 1 of 3");
  });

  test("'Not now' dismisses the welcome for good, though the account still has no posts or follows", async () => {
    const fresh = await s.createUser("fresh");
    const p = await newPage(browser, 1280, 800);
    await signIn(p, s.url, fresh, "fresh");
    const card = p.getByRole("region", { name: "Welcome to Hearth, fresh!" });
    await card.getByRole("button", { name: "Not now" }).click();
    await card.waitFor({ state: "detached" });
    await p.reload();
    await p.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await p.getByRole("region", { name: /^Announcements/ }).waitFor();
    expect(await p.getByRole("region", { name: /^Welcome to Hearth/ }).count()).toBe(0);
    await p.context().close();
  });
});

describe.skipIf(!built)("above Home at 375×812", () => {
  test("the welcome card, announcements and first steps fit the phone, axe-clean in light and dark", async () => {
    const tiny = await s.createUser("tiny");
    const p = await newPage(browser, 375, 812);
    await signIn(p, s.url, tiny, "tiny");
    await p.getByRole("region", { name: "Welcome to Hearth, tiny!" }).waitFor();
    const panel = p.getByRole("region", { name: /^Announcements/ });
    await panel.getByRole("heading", { name: /^Announcements\W+3 unread$/ }).waitFor();
    await panel.getByRole("button", { name: "Add reaction" }).click();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    for (const b of await panel.getByRole("button").all()) {
      const box = await b.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    }
    await axeLightDark(p, "home-extras-phone");
    await p.getByRole("link", { name: "Get started" }).click();
    await p.getByRole("region", { name: "Find people to follow" }).getByRole("button", { name: "Follow @poster1" }).waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await axeLightDark(p, "onboarding-phone");
    await p.context().close();
  });
});
