/**
 * Browser helpers for the web client tests: Debian's Chromium through playwright-core, sign-in
 * through the server's OAuth pages, screenshots to tests/artifacts/, and an injected axe-core check.
 */
import { expect } from "bun:test";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { hasWebClient } from "../../src/web-client";

export const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(import.meta.dir, "..", "artifacts", "web");

/** Launches headless Chromium; playwright gives every launch a fresh temporary profile. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A browser context (own cookies and localStorage) at desktop or phone width. */
export async function newContext(b: Browser, width = 1280, height = 900): Promise<BrowserContext> {
  const ctx = await b.newContext({ viewport: { width, height }, reducedMotion: "reduce", locale: "en-US" });
  ctx.setDefaultTimeout(10_000);
  return ctx;
}

/** Signs in through the client's "Sign in" button and the server's login form (the own client is not asked for consent). */
export async function signIn(page: Page, base: string, user: TestUser, username: string): Promise<void> {
  await page.goto(base + "/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/oauth\/authorize/);
  await page.fill("#login", username);
  await page.fill("#password", user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The server's own web client is a trusted first-party app: no consent screen (issue 16).
  await page.waitForURL(/\/home$/);
  await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
}

/** Saves a full-page screenshot as tests/artifacts/web/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const AXE = readFileSync(join(import.meta.dir, "..", "..", "node_modules", "axe-core", "axe.min.js"), "utf8");

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) in the page; returns serious and critical violations.
 * axe is evaluated through DevTools rather than added as an inline <script>, which the pages'
 * Content-Security-Policy rightly refuses.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(" ")),
    }));
  });
  return found
    .filter((v: any) => v.impact === "serious" || v.impact === "critical")
    .map((v: any) => `${v.id} (${v.impact}): ${v.help} @ ${v.nodes.join(", ")}`);
}

/** axe on the page in the light and then the dark theme (no serious or critical finding), with a screenshot of each (`name-light`, `name-dark`); the page is left light. */
export async function axeLightDark(page: Page, name: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await shot(page, `${name}-${scheme}`);
    expect(await axeViolations(page)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

/** A small PNG to upload (a 64×48 two-colour image made by sharp). */
export async function samplePng(): Promise<Buffer> {
  const sharp = (await import("sharp")).default;
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 90, b: 40 } } })
    .png()
    .toBuffer();
}

/** A browser test file's server: started only when the web client is built (`built` says so). */
export async function webTestServer(): Promise<{ built: boolean; s: TestServer }> {
  const built = hasWebClient();
  return { built, s: (built ? await startTestServer() : null) as TestServer };
}

/** A new page in its own context (fresh cookies and storage), at desktop width unless told. */
export async function newPage(b: Browser, width?: number, height?: number): Promise<Page> {
  return (await newContext(b, width, height)).newPage();
}

/** Closes the file's browser and stops its server (either may never have started). */
export async function closeScene(b: Browser | undefined, s: TestServer | undefined): Promise<void> {
  await b?.close();
  await s?.stop();
}
