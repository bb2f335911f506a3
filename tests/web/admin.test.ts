/**
 * The Moderation screen in Chromium: a user reports a post, an admin sees Moderation in the
 * navigation, opens the report, takes it, suspends the account (which resolves the report),
 * finds it among suspended accounts, and blocks and unblocks a domain; a plain user has no
 * Moderation link. Screenshots and axe on each page.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(40_000);
const { built, s } = await webTestServer();
let browser: Browser;
let boss: TestUser, alice: TestUser, spammer: TestUser;
let userPage: Page, adminPage: Page;
let postId = "";

beforeAll(async () => {
  if (!built) return;
  boss = await s.createUser("boss", { role: "admin" });
  alice = await s.createUser("alice");
  spammer = await s.createUser("spammer");
  postId = (await spammer.client.v1.statuses.create({ status: "Cheap watches, buy now" })).id;
  await s.drain();
  browser = await launch();
  userPage = await newPage(browser);
  adminPage = await newPage(browser);
}, 40_000);

afterAll(() => closeScene(browser, s));

describe.skipIf(!built)("moderation in the web client", () => {
  test("a user reports a post and has no Moderation link", async () => {
    const p = userPage;
    await signIn(p, s.url, alice, "alice");
    expect(await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" }).count()).toBe(0);
    await p.goto(`${s.url}/statuses/${postId}`);
    const post = p.locator("article.status", { hasText: "Cheap watches" });
    await post.getByRole("button", { name: "More actions" }).click();
    await post.getByRole("button", { name: "Report @spammer" }).click();
    const dialog = p.getByRole("dialog", { name: /Report a post by/ });
    await dialog.getByLabel(/It's spam/).check();
    await dialog.getByLabel(/Anything else/).fill("Watch spam all day");
    await dialog.getByRole("button", { name: "Send report" }).click();
    await dialog.getByText(/was sent to the moderators/).waitFor();
    // Typing /admin by hand gets a polite refusal, not the admin pages.
    await p.goto(`${s.url}/admin`);
    await p.getByText("Your role does not allow moderation.").waitFor();
  });

  test("the admin opens the report, takes it and suspends the account, which resolves it", async () => {
    const p = adminPage;
    await signIn(p, s.url, boss, "boss");
    await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" }).click();
    await p.getByRole("heading", { name: "Moderation", level: 1 }).waitFor();
    const item = p.getByRole("listitem").filter({ hasText: "@spammer" });
    await item.getByText("Watch spam all day").waitFor();
    await shot(p, "admin-reports");
    expect(await axeViolations(p)).toEqual([]);
    await item.getByRole("link", { name: /Report #\d+/ }).click();
    await p.getByRole("heading", { name: /Report #\d+ about @spammer/ }).waitFor();
    await p.getByText("Cheap watches, buy now").waitFor();
    await p.getByRole("button", { name: "Assign to me" }).click();
    await p.getByRole("button", { name: "Unassign" }).waitFor();
    await shot(p, "admin-report");
    expect(await axeViolations(p)).toEqual([]);

    await p.getByRole("group", { name: "Moderate @spammer" }).getByRole("button", { name: "Suspend" }).click();
    const confirm = p.getByRole("dialog", { name: "Suspend @spammer?" });
    await confirm.getByLabel(/Note for the moderation log/).fill("watch spam");
    await shot(p, "admin-confirm-suspend");
    expect(await axeViolations(p)).toEqual([]);
    await confirm.getByRole("button", { name: "Suspend @spammer" }).click();
    await confirm.waitFor({ state: "detached" });
    await p.getByRole("list", { name: "Moderation state" }).first().getByText("Suspended").waitFor();
    await p.getByText("Resolved by @boss").waitFor();
    const report = s.ctx.db.query<{ action_taken_at: number | null; assigned_account_id: number }, []>("SELECT * FROM reports").get()!;
    expect(report.action_taken_at).not.toBeNull();
    expect(String(report.assigned_account_id)).toBe(boss.id);
    expect(s.count("accounts", "id = ? AND suspended_at IS NOT NULL", spammer.account.id)).toBe(1);
    expect((await s.api("GET", `/api/v1/statuses/${postId}`, { token: alice.token })).status).toBe(404);

    await p.getByRole("link", { name: "Reports", exact: true }).click();
    await p.getByText("No open reports. Nice.").waitFor();
    await p.getByRole("button", { name: "Resolved" }).click();
    await p.getByRole("listitem").filter({ hasText: "@spammer" }).waitFor();
    // One resolved report: a short page, so nothing more to load.
    expect(await p.getByRole("button", { name: "Load more" }).count()).toBe(0);
  });

  test("accounts: filter suspended, open one and unsuspend it", async () => {
    const p = adminPage;
    await p.getByRole("navigation", { name: "Moderation sections" }).getByRole("link", { name: "Accounts" }).click();
    await p.getByRole("heading", { name: "Accounts", level: 2 }).waitFor();
    await p.getByLabel("State", { exact: true }).selectOption("suspended");
    const row = p.getByRole("listitem").filter({ hasText: "@spammer" });
    await row.waitFor();
    await p.getByRole("listitem").filter({ hasText: "@alice" }).waitFor({ state: "detached" });
    await shot(p, "admin-accounts");
    expect(await axeViolations(p)).toEqual([]);
    await row.getByRole("link").click();
    await p.getByRole("heading", { name: /@spammer/, level: 2 }).waitFor();
    await p.getByRole("button", { name: "Unsuspend" }).click();
    await p.getByRole("button", { name: "Suspend", exact: true }).waitFor();
    expect(s.count("accounts", "id = ? AND suspended_at IS NULL", spammer.account.id)).toBe(1);
  });

  test("domain blocks: add with severity, media and a comment; then remove", async () => {
    const p = adminPage;
    await p.getByRole("navigation", { name: "Moderation sections" }).getByRole("link", { name: "Domain blocks" }).click();
    await p.getByText("No blocked domains.").waitFor();
    await p.getByLabel("Domain", { exact: true }).fill("spam.example");
    await p.getByLabel("Severity").selectOption("suspend");
    await p.getByLabel("Reject media files").check();
    await p.getByLabel("Public comment").fill("Spam factory");
    await p.getByRole("button", { name: "Block domain" }).click();
    const item = p.getByRole("list", { name: "Blocked domains" }).getByRole("listitem").filter({ hasText: "spam.example" });
    await item.getByText("Public: Spam factory").waitFor();
    await item.getByText(/Suspend · rejects media/).waitFor();
    expect(s.count("domain_blocks", "domain = 'spam.example' AND severity = 'suspend' AND reject_media = 1")).toBe(1);
    await shot(p, "admin-domain-blocks");
    expect(await axeViolations(p)).toEqual([]);
    await item.getByRole("button", { name: "Unblock spam.example" }).click();
    await p.getByRole("dialog", { name: "Unblock spam.example?" }).getByRole("button", { name: "Unblock spam.example" }).click();
    await p.getByText("No blocked domains.").waitFor();
    expect(s.count("domain_blocks")).toBe(0);
  });

  test("at phone width the report page still works", async () => {
    const p = await newPage(browser, 375, 800);
    await signIn(p, s.url, boss, "boss");
    const id = String(s.ctx.db.query<{ id: number }, []>("SELECT id FROM reports").get()!.id);
    await p.goto(`${s.url}/admin/reports/${id}`);
    await p.getByRole("heading", { name: /Report #\d+ about @spammer/ }).waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await shot(p, "admin-report-mobile");
    expect(await axeViolations(p)).toEqual([]);
  });

  test("the reports list offers Load more only after a full page (40), and not once the rest is loaded", async () => {
    const noisy = await s.createUser("noisy");
    const sid = (await noisy.client.v1.statuses.create({ status: "Noisy post" })).id;
    for (let i = 0; i < 41; i++) {
      const r = await s.api("POST", "/api/v1/reports", {
        token: alice.token,
        json: { account_id: noisy.id, status_ids: [sid], comment: `noise ${i}` },
      });
      expect(r.status).toBe(200);
    }
    const p = adminPage;
    await p.goto(`${s.url}/admin/reports`);
    const items = p.locator(".admin-list > li", { hasText: "@noisy" });
    await items.first().waitFor();
    const more = p.getByRole("button", { name: "Load more" });
    await more.waitFor();
    expect(await items.count()).toBe(40);
    await more.click();
    await p.waitForFunction(() => document.querySelectorAll(".admin-list > li").length === 41);
    expect(await more.count()).toBe(0);
  });
});
