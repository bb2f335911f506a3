/**
 * Account security in Chromium: the Settings → Account security screen links to the server's
 * pages; turning on two-factor authentication there (the test computes the TOTP code), signing
 * out and in again with the code, and revoking an authorized app. Axe and screenshots throughout.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { stepOf, totp } from "../web-pages/security/helpers";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(60_000);
const { built, s } = await webTestServer();
let browser: Browser;
let dana: TestUser;
let p: Page;
let secret = "";
let usedStep = 0;

const tokenStatus = async (token: string) => (await s.api("GET", "/api/v1/accounts/verify_credentials", { token })).status;

/**
 * A context like browser.ts newContext, but letting axe's injected script run on the server
 * pages despite their script-free CSP (the CSP itself is checked in tests/web-pages/security).
 */
async function context(width = 1280, height = 900): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport: { width, height }, reducedMotion: "reduce", locale: "en-US", bypassCSP: true });
  c.setDefaultTimeout(10_000);
  return c;
}

async function noSideScroll(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

beforeAll(async () => {
  if (!built) return;
  dana = await s.createUser("dana");
  browser = await launch();
  p = await (await context()).newPage();
}, 30_000);

afterAll(() => closeScene(browser, s));

describe.skipIf(!built)("account security", () => {
  test("Settings → Account security explains and links to the server's pages", async () => {
    await signIn(p, s.url, dana, "dana");
    await p.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings", exact: true }).click();
    await p.getByRole("link", { name: "Account security" }).click();
    await p.getByRole("heading", { name: "Account security", level: 1 }).waitFor();
    const hrefs = await p
      .locator(".security-links a")
      .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href"), a.hasAttribute("data-route")]));
    expect(hrefs).toEqual([
      ["Password and browser sessions", "/auth/security", false],
      ["Two-factor authentication", "/auth/two_factor", false],
      ["Authorized apps", "/oauth/authorized_applications", false],
    ]);
    await p.getByRole("button", { name: "Sign out of this browser" }).waitFor();
    await shot(p, "security-desktop");
    expect(await axeViolations(p)).toEqual([]);
  });

  test("turning on two-factor authentication on the server's page", async () => {
    await p.getByRole("link", { name: "Two-factor authentication" }).click();
    await p.waitForURL(/\/auth\/two_factor$/);
    await p.getByRole("heading", { name: "Two-factor authentication", level: 1 }).waitFor();
    await p.getByRole("img", { name: "QR code for your authenticator app" }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, "security-two-factor-setup");
    secret = (await p.locator("#otp-secret").textContent())!.replace(/\s/g, "");
    usedStep = stepOf(Date.now());
    await p.getByLabel("Code from the app").fill(totp(secret, usedStep));
    await p.getByLabel("Your password").fill(dana.password);
    await p.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await p.getByRole("heading", { name: "Your recovery codes" }).waitFor();
    const codes = await p.locator("#recovery-codes code").allTextContents();
    expect(codes).toHaveLength(10);
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, "security-recovery-codes");
    await p.getByRole("link", { name: "Back to Hearth" }).click();
    await p.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
  });

  test("signing out, then signing in again asks for the code", async () => {
    await p.getByRole("link", { name: "Account security" }).click();
    await p.getByRole("button", { name: "Sign out of this browser" }).click();
    await p.getByRole("button", { name: "Sign in" }).click();
    await p.waitForURL(/\/oauth\/authorize/);
    await p.fill("#login", "dana");
    await p.fill("#password", dana.password);
    await p.getByRole("button", { name: "Log in" }).click();
    await p.getByRole("heading", { name: "Two-factor authentication" }).waitFor();
    await p.getByLabel("Two-factor code").fill("12345");
    await p.getByRole("button", { name: "Verify" }).click();
    await p.getByText("Invalid two-factor code or recovery code.").waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, "security-login-code");
    await p.getByLabel("Two-factor code").fill(totp(secret, Math.max(usedStep + 1, stepOf(Date.now()))));
    await p.getByRole("button", { name: "Verify" }).click();
    await p.waitForURL(/\/home$/);
    await p.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  });

  test("the sessions page and revoking an authorized app", async () => {
    await p.goto(`${s.url}/settings/security`);
    await p.getByRole("link", { name: "Password and browser sessions" }).click();
    await p.getByRole("heading", { name: "Account security", level: 1 }).waitFor();
    await p.getByText("(this session)").waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, "security-sessions");
    await p.getByRole("navigation", { name: "Account security" }).getByRole("link", { name: "Authorized apps" }).click();
    await p.getByRole("heading", { name: "Authorized apps", level: 1 }).waitFor();
    await p.getByRole("heading", { name: "Hearth Web" }).waitFor();
    expect(await tokenStatus(dana.token)).toBe(200);
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole("button", { name: "Revoke Test rig" }).click();
    await p.getByText("The app's access was revoked.").waitFor();
    expect(await p.getByRole("heading", { name: "Test rig" }).count()).toBe(0);
    expect(await tokenStatus(dana.token)).toBe(401);
    await shot(p, "security-authorized-apps");
    await p.getByRole("link", { name: "Back to Hearth" }).click();
    await p.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
  });

  test("the screen and the pages fit a 375 px wide phone", async () => {
    const phone = await (await context(375, 800)).newPage();
    await phone.context().addCookies(await p.context().cookies());
    await phone.goto(`${s.url}/auth/two_factor`);
    await phone.getByRole("heading", { name: "Two-factor authentication", level: 1 }).waitFor();
    await noSideScroll(phone);
    await shot(phone, "security-phone-two-factor");
    const token = await p.evaluate(() => localStorage.getItem("hearth.session"));
    const app = await p.evaluate(() => localStorage.getItem("hearth.app"));
    await phone.goto(`${s.url}/`);
    await phone.evaluate(
      ([t, a]) => {
        localStorage.setItem("hearth.session", t!);
        localStorage.setItem("hearth.app", a!);
      },
      [token, app],
    );
    await phone.goto(`${s.url}/settings/security`);
    await phone.getByRole("heading", { name: "Account security", level: 1 }).waitFor();
    await noSideScroll(phone);
    await shot(phone, "security-phone");
    expect(await axeViolations(phone)).toEqual([]);
  });
});
