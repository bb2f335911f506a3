/**
 * Followed and featured hashtags in Chromium: follow a hashtag from its timeline, see another
 * user's post with it at home, manage followed hashtags on /followed-tags, and feature a
 * hashtag so it shows on the profile.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let erin: TestUser;
let frank: TestUser;
let p: Page;

beforeAll(async () => {
  if (!built) return;
  erin = await s.createUser("erin");
  frank = await s.createUser("frank");
  await frank.client.v1.statuses.create({ status: "Finished a pair of socks #knitting" });
  browser = await launch();
  p = await newPage(browser);
  await signIn(p, s.url, erin, "erin");
}, 30_000);

afterAll(() => closeScene(browser, s));

const follows = () => s.count("tag_follows", "account_id = ?", erin.id);

describe.skipIf(!built)("followed and featured hashtags", () => {
  test("follow a hashtag from its timeline; a stranger's post with it reaches home", async () => {
    await p.goto(`${s.url}/tags/knitting`);
    await p.getByRole("heading", { name: "#knitting", level: 1 }).waitFor();
    await p.locator("article.status", { hasText: "Finished a pair of socks" }).waitFor();
    const follow = p.getByRole("button", { name: "Follow #knitting" });
    expect(await follow.getAttribute("aria-pressed")).toBe("false");
    await follow.click();
    const unfollow = p.getByRole("button", { name: "Unfollow #knitting" });
    await unfollow.waitFor();
    expect(await unfollow.getAttribute("aria-pressed")).toBe("true");
    expect(follows()).toBe(1);
    await shot(p, "followed-tags-tag-timeline");
    expect(await axeViolations(p)).toEqual([]);

    await frank.client.v1.statuses.create({ status: "Casting on a new scarf #Knitting" });
    await s.drain();
    await p.getByRole("link", { name: "Home" }).first().click();
    await p.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await p.locator("article.status", { hasText: "Casting on a new scarf" }).waitFor();
  });

  test("/followed-tags lists followed hashtags, follows by name with errors in words, and unfollows", async () => {
    await p.goto(`${s.url}/followed-tags`);
    await p.getByRole("heading", { name: "Followed hashtags", level: 1 }).waitFor();
    const list = p.getByRole("list", { name: "Followed hashtags" });
    await list.getByRole("link", { name: "#knitting" }).waitFor();
    await list.getByText("2 posts this week").waitFor();
    // One short page: nothing more to load, so no "Load more" under it.
    expect(await p.getByRole("button", { name: "Load more" }).count()).toBe(0);

    const box = p.getByLabel("Follow a hashtag");
    await box.fill("two words");
    await p.getByRole("button", { name: "Follow", exact: true }).click();
    await p.getByRole("alert").getByText("“two words” is not a hashtag").waitFor();
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    expect(follows()).toBe(1);
    await box.fill("#Weaving");
    await p.getByRole("button", { name: "Follow", exact: true }).click();
    await list.getByRole("link", { name: "#Weaving" }).waitFor();
    expect(follows()).toBe(2);
    expect(await box.inputValue()).toBe("");

    await shot(p, "followed-tags-desktop");
    expect(await axeViolations(p)).toEqual([]);

    await list.getByRole("button", { name: "Unfollow #knitting" }).click();
    await p.getByText("Unfollowed #knitting").waitFor();
    expect(await list.getByRole("link", { name: "#knitting" }).count()).toBe(0);
    expect(follows()).toBe(1);
    // The link opens the hashtag's timeline.
    await list.getByRole("link", { name: "#Weaving" }).click();
    await p.getByRole("heading", { name: "#Weaving", level: 1 }).waitFor();
    expect(await p.getByRole("button", { name: "Unfollow #Weaving" }).getAttribute("aria-pressed")).toBe("true");
  });

  test("feature a hashtag on the profile and see it there; remove it on /followed-tags", async () => {
    await p.goto(`${s.url}/tags/knitting`);
    const feature = p.getByRole("button", { name: "Feature on profile" });
    await p.getByRole("button", { name: "Follow #knitting" }).waitFor();
    expect(await feature.getAttribute("aria-pressed")).toBe("false");
    await feature.click();
    await p.getByText("#knitting featured on your profile").waitFor();
    expect(await feature.getAttribute("aria-pressed")).toBe("true");
    expect(s.count("featured_tags", "account_id = ?", erin.id)).toBe(1);

    // Frank sees it on Erin's profile.
    await erin.client.v1.statuses.create({ status: "My first #knitting project" });
    await p.goto(`${s.url}/accounts/${erin.id}`);
    const section = p.getByRole("region", { name: "Featured hashtags" });
    await section.getByRole("link", { name: "#knitting" }).waitFor();
    await section.getByText(/1 post, last/).waitFor();
    await shot(p, "followed-tags-profile");
    expect(await axeViolations(p)).toEqual([]);
    await section.getByRole("link", { name: "#knitting" }).click();
    await p.getByRole("heading", { name: "#knitting", level: 1 }).waitFor();

    await p.goto(`${s.url}/followed-tags`);
    const mine = p.getByRole("region", { name: "Featured on your profile" });
    await mine.getByRole("button", { name: "Remove #knitting from your profile" }).click();
    await mine.getByText("No featured hashtags.").waitFor();
    expect(s.count("featured_tags", "account_id = ?", erin.id)).toBe(0);
  });

  test("works at 375 px wide", async () => {
    const phone = await newPage(browser, 375, 740);
    await signIn(phone, s.url, erin, "erin");
    await phone.goto(`${s.url}/followed-tags`);
    await phone.getByRole("link", { name: "#Weaving" }).waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await shot(phone, "followed-tags-mobile");
    expect(await axeViolations(phone)).toEqual([]);
    await phone.close();
  });
});
