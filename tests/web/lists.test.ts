/**
 * Lists in Chromium: create a list, change its settings, add a followed account through
 * "Manage members", see its posts (earlier ones and live ones behind the "new posts" bar),
 * remove it, the profile's "Lists" checklist, delete with confirmation; also at 375 px.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let owner: TestUser, friend: TestUser;
let p: Page;

beforeAll(async () => {
  if (!built) return;
  [owner, friend] = await Promise.all([s.createUser("lwowner"), s.createUser("lwfriend")]);
  s.ctx.db.query("UPDATE accounts SET display_name = 'Fern Friend' WHERE id = ?").run(friend.account.id);
  await owner.client.v1.accounts.$select(friend.id).follow();
  await friend.client.v1.statuses.create({ status: "Fern's earlier post" });
  await s.drain();
  browser = await launch();
  p = await newPage(browser);
}, 30_000);

afterAll(() => closeScene(browser, s));

const ownerLists = () =>
  s.ctx.db
    .query<{ id: number; title: string; replies_policy: string; exclusive: number }, [number]>("SELECT * FROM lists WHERE account_id = ?")
    .all(owner.account.id);

describe.skipIf(!built)("lists in the web client", () => {
  let listId = "";

  test("create a list and change its settings", async () => {
    await signIn(p, s.url, owner, "lwowner");
    await p.getByRole("link", { name: "Lists" }).click();
    await p.getByRole("heading", { name: "Lists", level: 1 }).waitFor();
    await p.getByText("You have no lists yet").waitFor();
    await p.getByLabel("New list title").fill("Close friends");
    await p.getByRole("button", { name: "Create list" }).click();
    await p.getByRole("link", { name: "Close friends" }).waitFor();
    expect(ownerLists().map((l) => l.title)).toEqual(["Close friends"]);
    listId = String(ownerLists()[0]!.id);
    await p.getByRole("button", { name: "Edit Close friends" }).click();
    await p.getByLabel("Show replies").selectOption("none");
    await p.getByLabel(/Hide members' posts from Home/).check();
    await p.getByRole("button", { name: "Save" }).click();
    await p.locator(".list-meta", { hasText: "No replies to others" }).getByText("Exclusive").waitFor();
    expect(ownerLists()[0]).toMatchObject({ replies_policy: "none", exclusive: 1 });
    await p.getByRole("button", { name: "Edit Close friends" }).click();
    await shot(p, "lists-index");
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole("button", { name: "Cancel" }).click();
  });

  test("add a followed account, see its posts, live ones behind the new-posts bar", async () => {
    await p.getByRole("link", { name: "Close friends" }).click();
    await p.getByRole("heading", { name: "Close friends", level: 1 }).waitFor();
    await p.getByText("No posts in this list yet").waitFor();
    // An empty feed has no role="feed" without articles (axe: aria-required-children).
    expect(await p.locator("[role=feed]").count()).toBe(0);
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole("button", { name: "Manage members" }).click();
    await p.getByText("Nobody is on this list yet.").waitFor();
    await p.getByLabel("Search people you follow").fill("fern");
    await p.getByRole("list", { name: "Search results" }).getByRole("button", { name: "Add Fern Friend" }).click();
    await p.getByRole("list", { name: "Members of Close friends" }).getByRole("button", { name: "Remove Fern Friend" }).waitFor();
    expect(s.count("list_accounts", "list_id = ?", Number(listId))).toBe(1);
    // the member's earlier posts come in with them
    await p.locator("article.status", { hasText: "Fern's earlier post" }).waitFor();
    await p.waitForFunction(() => document.querySelector("[role=feed]")?.getAttribute("aria-busy") === "false");
    await Bun.sleep(150); // the list stream (re)connects after the feed reloads
    await friend.client.v1.statuses.create({ status: "Live from the list" });
    await p.getByRole("button", { name: "Show 1 new post" }).click();
    await p.locator("article.status", { hasText: "Live from the list" }).waitFor();
    await shot(p, "lists-desktop");
    expect(await axeViolations(p)).toEqual([]);
  });

  test("remove the member: the list empties", async () => {
    await p.getByRole("button", { name: "Remove Fern Friend" }).click();
    await p.getByText("Nobody is on this list yet.").waitFor();
    await p.getByText("No posts in this list yet").waitFor();
    expect(s.count("list_accounts", "list_id = ?", Number(listId))).toBe(0);
  });

  test("the profile's Lists checklist adds and removes the account", async () => {
    await p.goto(`${s.url}/accounts/${friend.id}`);
    await p.getByRole("button", { name: "Lists" }).click();
    const box = p.getByRole("group", { name: "Lists with Fern Friend" }).getByLabel("Close friends");
    await box.check();
    await p.getByText("Added Fern Friend to “Close friends”").waitFor();
    await shot(p, "lists-profile");
    expect(s.count("list_accounts", "list_id = ?", Number(listId))).toBe(1);
    expect(await axeViolations(p)).toEqual([]);
    await box.uncheck();
    await p.getByText("Removed Fern Friend from “Close friends”").waitFor();
    expect(s.count("list_accounts", "list_id = ?", Number(listId))).toBe(0);
    // someone you don't follow has no Lists control
    const stranger = await s.createUser("lwstranger");
    await p.goto(`${s.url}/accounts/${stranger.id}`);
    await p.getByRole("button", { name: "Follow" }).waitFor();
    expect(await p.getByRole("button", { name: "Lists" }).count()).toBe(0);
  });

  test("delete a list after confirming", async () => {
    await p.goto(`${s.url}/lists`);
    p.once("dialog", (d) => void d.dismiss());
    await p.getByRole("button", { name: "Delete Close friends" }).click();
    await Bun.sleep(100);
    expect(ownerLists().length).toBe(1);
    p.once("dialog", (d) => void d.accept());
    await p.getByRole("button", { name: "Delete Close friends" }).click();
    await p.getByText("You have no lists yet").waitFor();
    expect(ownerLists()).toEqual([]);
  });

  test("works at 375 px wide", async () => {
    const phone = await newPage(browser, 375, 740);
    await signIn(phone, s.url, owner, "lwowner");
    await phone.goto(`${s.url}/lists`);
    await phone.getByLabel("New list title").fill("A rather long list title for a small screen");
    await phone.getByRole("button", { name: "Create list" }).click();
    await phone.getByRole("link", { name: /A rather long list title/ }).click();
    await phone.getByRole("button", { name: "Manage members" }).click();
    await phone.getByLabel("Search people you follow").fill("fern");
    await phone.getByRole("button", { name: "Add Fern Friend" }).click();
    await phone.locator("article.status", { hasText: "Fern's earlier post" }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(phone, "lists-mobile");
    expect(await axeViolations(phone)).toEqual([]);
    await phone.close();
  });
});
