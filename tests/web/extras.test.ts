/**
 * Newer client features in Chromium: the custom emoji picker in the composer (hidden without
 * emojis), the report dialog on statuses and profiles, pinned posts on profiles, and
 * the conversations screen.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newContext, newPage, samplePng, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let erin: TestUser;
let frank: TestUser;
let p: Page;
let firstId = "";

beforeAll(async () => {
  if (!built) return;
  erin = await s.createUser("erin");
  frank = await s.createUser("frank");
  firstId = (await erin.client.v1.statuses.create({ status: "Erin's first post" })).id;
  await s.drain();
  browser = await launch();
  p = await newPage(browser);
}, 30_000);

afterAll(() => closeScene(browser, s));

describe.skipIf(!built)("web client extras", () => {
  test("without custom emojis the composer has no emoji button", async () => {
    await signIn(p, s.url, erin, "erin");
    await p.getByRole("button", { name: "CW" }).waitFor();
    expect(await p.getByRole("button", { name: "Emoji" }).count()).toBe(0);
  });

  test("the emoji picker searches and inserts :shortcode:", async () => {
    const png = await samplePng();
    for (const [i, code] of ["blobcat", "hearthfire", "blobfox"].entries()) {
      await s.ctx.storage.put(`emoji/${code}.png`, png, "image/png");
      s.ctx.db
        .query("INSERT INTO custom_emojis (id, shortcode, domain, image_key, created_at) VALUES (?, ?, NULL, ?, ?)")
        .run(i + 1, code, `emoji/${code}.png`, Date.now());
    }
    await p.reload();
    const box = p.getByLabel("Post text");
    await box.fill("Warm");
    await p.getByRole("button", { name: "Emoji" }).click();
    const panel = p.getByRole("group", { name: "Custom emojis" });
    expect(await panel.getByRole("button").count()).toBe(3);
    await p.getByLabel("Search emojis").fill("blob");
    expect(await panel.getByRole("button").count()).toBe(2);
    await shot(p, "emoji-picker");
    expect(await axeViolations(p)).toEqual([]);
    await p.getByLabel("Search emojis").fill("fire");
    await panel.getByRole("button", { name: ":hearthfire:" }).click();
    expect(await box.inputValue()).toBe("Warm :hearthfire: ");
    await expect(panel.count()).resolves.toBe(0);
    await box.fill("");
  });

  test("a post and a profile can be reported, with a confirmation in words", async () => {
    const st = await frank.client.v1.statuses.create({ status: "Cheap watches here" });
    await p.goto(`${s.url}/statuses/${st.id}`);
    const post = p.locator("article.status", { hasText: "Cheap watches" });
    await post.getByRole("button", { name: "More actions" }).click();
    await post.getByRole("button", { name: "Report @frank" }).click();
    const dialog = p.getByRole("dialog", { name: /Report a post by/ });
    await dialog.getByLabel(/It's spam/).check();
    await dialog.getByLabel(/Anything else/).fill("Sells watches to everyone");
    await shot(p, "report-dialog");
    expect(await axeViolations(p)).toEqual([]);
    await dialog.getByRole("button", { name: "Send report" }).click();
    await dialog.getByText("Your report about @frank was sent to the moderators").waitFor();
    const row = s.ctx.db
      .query<{ target_account_id: number; status_ids: string; comment: string }, [number]>("SELECT * FROM reports WHERE account_id = ?")
      .get(Number(erin.id))!;
    expect(String(row.target_account_id)).toBe(frank.id);
    expect(JSON.parse(row.status_ids).map(String)).toEqual([st.id]);
    expect(row.comment).toBe("Sells watches to everyone");
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "detached" });

    await p.goto(`${s.url}/accounts/${frank.id}`);
    // Report is behind the profile's ⋯ menu (issue 16).
    await p.getByRole("button", { name: "More actions for @frank" }).click();
    await p.getByRole("button", { name: "Report @frank" }).click();
    const d2 = p.getByRole("dialog", { name: /Report/ });
    await d2.getByLabel("Something else").check();
    await d2.getByRole("button", { name: "Send report" }).click();
    await d2.getByText(/was sent to the moderators/).waitFor();
    expect(s.count("reports", "account_id = ?", Number(erin.id))).toBe(2);
    await d2.getByRole("button", { name: "Close" }).click();
  });

  test("own posts can be pinned and unpinned; pinned posts lead the profile", async () => {
    await p.goto(`${s.url}/accounts/${erin.id}`);
    const feed = p.getByRole("feed");
    const post = feed.locator("article.status", { hasText: "Erin's first post" });
    await post.getByRole("button", { name: "More actions" }).click();
    await post.getByRole("button", { name: "Pin on profile" }).click();
    const pinned = p.getByRole("region", { name: "Pinned posts" });
    await pinned.getByText("Erin's first post").waitFor();
    const list = await erin.client.v1.accounts.$select(erin.id).statuses.list({ pinned: true });
    expect(list.map((x) => x.id)).toEqual([firstId]);
    // Another visitor sees the pinned section too.
    const c2 = await newContext(browser);
    const p2 = await c2.newPage();
    await signIn(p2, s.url, frank, "frank");
    await p2.goto(`${s.url}/accounts/${erin.id}`);
    await p2.getByRole("region", { name: "Pinned posts" }).getByText("Erin's first post").waitFor();
    await shot(p2, "profile-pinned");
    await c2.close();

    const card = pinned.locator("article.status");
    await card.getByRole("button", { name: "More actions" }).click();
    await card.getByRole("button", { name: "Unpin from profile" }).click();
    await pinned.waitFor({ state: "detached" });
    expect(await erin.client.v1.accounts.$select(erin.id).statuses.list({ pinned: true })).toEqual([]);
  });

  test("conversations list direct posts, mark them read and remove them", async () => {
    const dm = await frank.client.v1.statuses.create({ status: "@erin secret plans", visibility: "direct" });
    await p.getByRole("link", { name: "Conversations" }).click();
    await p.getByRole("heading", { name: "Conversations", level: 1 }).waitFor();
    const item = p.getByRole("listitem").filter({ hasText: "secret plans" });
    await item.getByText("With frank", { exact: true }).waitFor();
    await item.getByText("Unread", { exact: true }).waitFor();
    await shot(p, "conversations");
    expect(await axeViolations(p)).toEqual([]);
    await item.getByRole("button", { name: /Mark as read/ }).click();
    await item.getByText("Unread", { exact: true }).waitFor({ state: "detached" });
    const [c] = await erin.client.v1.conversations.list();
    expect(c).toMatchObject({ unread: false, lastStatus: { id: dm.id } });
    await item.getByRole("button", { name: /Remove/ }).click();
    await p.getByText(/No conversations yet/).waitFor();
    expect(await erin.client.v1.conversations.list()).toEqual([]);
  });
});
