/**
 * The trends review and retention admin pages in Chromium (issue 14): a hashtag used by five
 * accounts waits for review on the Trends tab, Approve puts it in the public
 * /api/v1/trends/tags and Reject takes it out again; the Dashboard's retention table shows the
 * day's sign-up cohort, daily and monthly; posts and links show their empty states. axe (light
 * and dark) and screenshots on each.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeLightDark, closeScene, launch, newPage, signIn, webTestServer } from "./browser";

setDefaultTimeout(60_000);
const { built, s } = await webTestServer();
let browser: Browser;
let owner: TestUser;
let desk: Page;

beforeAll(async () => {
  if (!built) return;
  owner = await s.createUser("owner", { role: "owner" });
  // Five accounts use #cats today: after the refresh it trends, unreviewed.
  for (let i = 0; i < 5; i++) {
    const u = await s.createUser(`poster${i}`);
    await u.client.v1.statuses.create({ status: `I love #cats ${i}`, visibility: "public" });
  }
  s.ctx.jobs.enqueue("trends.refresh", {});
  await s.drain();
  browser = await launch();
  desk = await newPage(browser, 1280, 800);
  await signIn(desk, s.url, owner, "owner");
}, 60_000);

afterAll(() => closeScene(browser, s));

const publicTags = async () => ((await (await s.api("GET", "/api/v1/trends/tags")).json()) as { name: string }[]).map((t) => t.name);

describe.skipIf(!built)("trends review and retention", () => {
  test("a hashtag needing review is approved (public trends list it), then rejected (gone again)", async () => {
    const p = desk;
    expect(await publicTags()).toEqual([]);
    await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" }).click();
    await p.getByRole("navigation", { name: "Moderation sections" }).getByRole("link", { name: "Trends", exact: true }).click();
    await p.getByRole("heading", { name: "Trends", level: 2 }).waitFor();
    const item = p.getByRole("list", { name: "Trending hashtags" }).getByRole("listitem").filter({ hasText: "#cats" });
    await item.getByText(/5 people today, 5 uses · Needs review/).waitFor();
    await axeLightDark(p, "admin-trends-pending");
    await item.getByRole("group", { name: "Review #cats" }).getByRole("button", { name: "Approve" }).click();
    await p.getByText("Approved #cats").waitFor();
    await item.getByText(/Approved · shown in trends/).waitFor();
    expect(await item.getByRole("button", { name: "Approve" }).isDisabled()).toBe(true);
    expect(await publicTags()).toEqual(["cats"]);
    await axeLightDark(p, "admin-trends-approved");

    await item.getByRole("button", { name: "Reject" }).click();
    await p.getByText("Rejected #cats").waitFor();
    await item.getByText(/Rejected · hidden/).waitFor();
    expect(await publicTags()).toEqual([]);

    // Posts and links: nothing trends, and the page says so.
    await p.getByRole("group", { name: "Kind of trend" }).getByRole("button", { name: "Posts" }).click();
    await p.getByText("No trending posts right now.").waitFor();
    await p.getByRole("group", { name: "Kind of trend" }).getByRole("button", { name: "Links" }).click();
    await p.getByText("No trending links right now.").waitFor();
    await axeLightDark(p, "admin-trends-links-empty");
  });

  test("the dashboard's retention table shows today's sign-ups, daily and monthly", async () => {
    const p = desk;
    await p.goto(`${s.url}/admin/dashboard`);
    const table = p.getByRole("table", { name: "Retention" });
    await table.waitFor();
    // Seven daily cohorts (the last is today), six columns after "People".
    expect(await table.getByRole("row").count()).toBe(8);
    expect(await table.getByRole("columnheader").allTextContents()).toEqual([
      "Signed up",
      "People",
      "Day 1",
      "Day 2",
      "Day 3",
      "Day 4",
      "Day 5",
      "Day 6",
    ]);
    // owner and the five posters signed up today: the last row.
    const today = table.getByRole("row").last();
    expect(await today.getByRole("cell").first().textContent()).toBe("6");
    expect(await table.getByRole("row").nth(1).getByRole("cell").first().textContent()).toBe("0");
    await axeLightDark(p, "admin-retention-daily");
    await p
      .getByRole("group", { name: "Retention by" })
      .getByRole("button", { name: /By month/ })
      .click();
    await table.getByRole("columnheader", { name: "Month 1" }).waitFor();
    expect(await table.getByRole("row").count()).toBe(7);
    expect(await table.getByRole("row").last().getByRole("cell").first().textContent()).toBe("6");
    await axeLightDark(p, "admin-retention-monthly");
  });

  test("at phone width both pages fit without sideways scrolling of the page", async () => {
    const p = await newPage(browser, 375, 812);
    await signIn(p, s.url, owner, "owner");
    for (const section of ["trends", "dashboard"]) {
      await p.goto(`${s.url}/admin/${section}`);
      await p.locator(".admin h2.admin-subtitle").first().waitFor();
      if (section === "dashboard") await p.getByRole("table", { name: "Retention" }).waitFor();
      else await p.getByRole("list", { name: "Trending hashtags" }).waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
      await axeLightDark(p, `admin-phone-${section}`);
    }
    await p.context().close();
  });
});
