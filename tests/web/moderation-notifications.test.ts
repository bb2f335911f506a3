/**
 * Moderation notifications in Chromium: a warned user reads "Your account has received a
 * moderation warning: <text>"; a moderator reads "<reporter> reported <target>" and
 * "<newcomer> signed up". Screenshots and axe.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let boss: TestUser, gina: TestUser, spammer: TestUser;

beforeAll(async () => {
  if (!built) return;
  boss = await s.createUser("boss", { role: "admin", scopes: ["read", "write", "follow", "admin:read", "admin:write"] });
  gina = await s.createUser("gina");
  spammer = await s.createUser("spammer");
  s.ctx.db.query("UPDATE accounts SET display_name = 'Spam King' WHERE id = ?").run(spammer.account.id);
  // a sign-up through the API (admin.sign_up), a report (admin.report) and a warning (moderation_warning)
  const app = await s.client().v1.apps.create({ clientName: "signup", redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
  const form = { client_id: app.clientId!, client_secret: app.clientSecret!, grant_type: "client_credentials", scope: "read write" };
  const appToken = (await (await s.api("POST", "/oauth/token", { form })).json()).access_token as string;
  const signup = await s.api("POST", "/api/v1/accounts", {
    token: appToken,
    json: { username: "newbie", email: "newbie@example.com", password: "long-password", agreement: true },
  });
  expect(signup.status).toBe(200);
  await gina.client.v1.reports.create({ accountId: spammer.id, comment: "spam", category: "spam" });
  await boss.client.v1.admin.accounts.$select(gina.id).action.create({ type: "none", text: "Please add image descriptions" });
  await s.drain();
  browser = await launch();
}, 30_000);

afterAll(() => closeScene(browser, s));

async function openNotifications(user: TestUser, name: string, width?: number): Promise<Page> {
  const p = await newPage(browser, width);
  await signIn(p, s.url, user, name);
  await p
    .getByRole("link", { name: /Notifications/ })
    .first()
    .click();
  await p.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
  return p;
}

describe.skipIf(!built)("moderation notifications", () => {
  test("the warned user reads the moderator's text", async () => {
    const p = await openNotifications(gina, "gina");
    await p.getByText("Your account has received a moderation warning: Please add image descriptions").waitFor();
    expect(await p.locator(".notifications > li").count()).toBe(1);
    await shot(p, "moderation-notifications-warning");
    expect(await axeViolations(p)).toEqual([]);
  });

  test("the moderator reads who reported whom and who signed up", async () => {
    const p = await openNotifications(boss, "boss", 375);
    const report = p.locator(".notifications > li", { hasText: "reported" });
    await report.waitFor();
    expect((await report.locator(".notification-line").textContent())!.replace(/\s+/g, " ")).toMatch(
      /gina @gina reported Spam King @spammer/,
    );
    await report.getByRole("link", { name: /Spam King/ }).waitFor();
    const signup = p.locator(".notifications > li", { hasText: "signed up" });
    expect((await signup.locator(".notification-line").textContent())!.replace(/\s+/g, " ")).toMatch(/newbie @newbie signed up/);
    await shot(p, "moderation-notifications-staff-mobile");
    expect(await axeViolations(p)).toEqual([]);
  });
});
