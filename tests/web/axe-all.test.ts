/**
 * Issue 16: axe (WCAG 2.1 A/AA) finds nothing serious or critical on any screen of the web client,
 * in light and dark, at 1280×800 and 375×812. The screens are read from web/src/routes.tsx when the
 * test runs (a new route without a way to fill its parameters fails here), the admin sections and
 * Explore tabs from their own navigation; an owner is signed in so every admin section shows.
 * One browser, one signed-in page per size; screens are reached through the client's own router.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { axeViolations, closeScene, launch, newPage, samplePng, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(120_000);
const { built, s } = await webTestServer();
let browser: Browser;
let ann: TestUser;
let bob: TestUser;
let cat: TestUser;
const ids: Record<string, string> = {};
const pages: Record<string, Page> = {};

const ROUTES = [...readFileSync(join(import.meta.dir, "../../web/src/routes.tsx"), "utf8").matchAll(/^\s*\["(\/[^"]*)",/gm)].map(
  (m) => m[1]!,
);

beforeAll(async () => {
  if (!built) return;
  ann = await s.createUser("ann", { role: "owner" });
  bob = await s.createUser("bob");
  cat = await s.createUser("cat", { locked: true });
  await ann.client.v1.accounts.$select(bob.id).follow();
  await bob.client.v1.accounts.$select(ann.id).follow();
  await cat.client.v1.accounts.$select(ann.id).follow();
  await ann.client.v1.accounts.$select(cat.id).follow(); // pending: cat is locked
  const media = await bob.client.v2.media.create({
    file: new Blob([new Uint8Array(await samplePng())], { type: "image/png" }),
    description: "An orange square",
  });
  const pic = await bob.client.v1.statuses.create({ status: "A picture #hearth", mediaIds: [media.id] });
  const poll = await bob.client.v1.statuses.create({
    status: "Tea or coffee?",
    poll: { options: ["Tea", "Coffee"], expiresIn: 86400 },
  } as any);
  const root = await ann.client.v1.statuses.create({ status: "Ann's thread starts here #hearth" });
  await bob.client.v1.statuses.create({ status: `@ann a reply in the thread`, inReplyToId: root.id });
  await bob.client.v1.statuses.create({ status: "@ann a private word", visibility: "direct" });
  await bob.client.v1.statuses.create({ status: "Content behind a warning", spoilerText: "Spoilers" });
  await bob.client.v1.statuses.$select(root.id).favourite();
  await ann.client.v1.statuses.$select(pic.id).bookmark();
  await ann.client.v1.statuses.$select(poll.id).favourite();
  await ann.client.v1.statuses.create({ status: "Later", scheduledAt: new Date(Date.now() + 86400_000).toISOString() } as any);
  const list = await ann.client.v1.lists.create({ title: "Friends" });
  await ann.client.v1.lists.$select(list.id).accounts.create({ accountIds: [bob.id] });
  await ann.client.v2.filters.create({ title: "Noise", context: ["home"], keywordsAttributes: [{ keyword: "noise" }] } as any);
  await ann.client.v1.tags.$select("hearth").follow();
  const report = await bob.client.v1.reports.create({ accountId: cat.id, comment: "Spam", category: "spam" } as any);
  await s.drain();
  Object.assign(ids, { status: root.id, account: bob.id, list: list.id, report: report.id, tag: "hearth" });
  browser = await launch();
  for (const [w, h] of [
    [1280, 800],
    [375, 812],
  ] as const) {
    const p = await newPage(browser, w, h);
    await signIn(p, s.url, ann, "ann");
    pages[w] = p;
  }
}, 90_000);

afterAll(() => closeScene(browser, s));

/** Goes to `path` through the client's router (no reload) and waits until the screen has loaded. */
async function visit(p: Page, path: string): Promise<void> {
  await p.evaluate((to) => {
    history.pushState({ inApp: true }, "", to);
    dispatchEvent(new Event("hearth:navigate"));
  }, path);
  await p.locator("h1").first().waitFor();
  await p.waitForFunction(
    () => {
      const busy = document.querySelector('.skeleton, [aria-busy="true"], .boot');
      const loading = /^\s*Loading/.test(document.querySelector("main")?.textContent ?? "");
      const w = window as any;
      const now = !busy && !loading;
      if (!now) w.__quietSince = undefined;
      else w.__quietSince ??= performance.now();
      return now && performance.now() - w.__quietSince > 250;
    },
    null,
    { polling: 50, timeout: 15_000 },
  );
}

/** Links of a navigation landmark named `name` (admin sections, Explore tabs). */
async function navLinks(p: Page, selector: string): Promise<string[]> {
  return p.locator(selector).evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

/** Every concrete path for a route pattern; null when the test does not know how to fill it. */
async function expand(p: Page, pattern: string): Promise<string[] | null> {
  if (!pattern.includes(":")) return [pattern];
  if (pattern === "/statuses/:id") return [`/statuses/${ids.status}`];
  if (pattern.startsWith("/accounts/:id")) return [pattern.replace(":id", ids.account!)];
  if (pattern === "/lists/:id") return [`/lists/${ids.list}`];
  if (pattern === "/tags/:tag") return [`/tags/${ids.tag}`];
  if (pattern === "/admin/:section") {
    await visit(p, "/admin");
    return navLinks(p, 'nav[aria-label="Moderation sections"] a');
  }
  if (pattern === "/admin/:section/:id") return [`/admin/reports/${ids.report}`, `/admin/accounts/${ids.account}`];
  if (pattern === "/explore/:tab") {
    await visit(p, "/explore");
    return (await navLinks(p, "nav a[href^='/explore/'], .explore-tabs a")).filter((x) => x !== "/explore");
  }
  return null;
}

describe.skipIf(!built)("axe on every screen, light and dark", () => {
  test("routes.tsx lists the screens this test visits", () => {
    expect(ROUTES.length).toBeGreaterThan(30);
    expect(ROUTES).toContain("/admin/:section");
  });

  /** Visits every screen on the page of `width`; returns the findings and the paths it saw. */
  async function sweep(width: number): Promise<{ found: string[]; unknown: string[]; seen: string[] }> {
    const p = pages[width]!;
    const found: string[] = [];
    const unknown: string[] = [];
    const seen = new Set<string>();
    for (const pattern of ROUTES) {
      const paths = await expand(p, pattern);
      if (!paths?.length) {
        unknown.push(pattern);
        continue;
      }
      for (const path of paths) {
        if (seen.has(path)) continue;
        seen.add(path);
        await visit(p, path);
        for (const scheme of ["light", "dark"] as const) {
          await p.emulateMedia({ colorScheme: scheme });
          for (const v of await axeViolations(p)) found.push(`${width} ${path} ${scheme}: ${v}`);
        }
        await p.emulateMedia({ colorScheme: "light" });
        if (["/home", "/notifications", "/admin/reports", "/settings/profile", "/explore"].includes(path))
          await shot(p, `axe-all-${width}${path.replaceAll("/", "-")}`);
      }
    }
    return { found, unknown, seen: [...seen] };
  }

  // Both sizes at once (two cores): about a minute for some 50 screens × 2 themes × 2 sizes.
  test("at 1280×800 and 375×812", async () => {
    const [desk, phone] = await Promise.all([sweep(1280), sweep(375)]);
    for (const r of [desk, phone]) {
      expect(r.unknown).toEqual([]);
      expect(r.seen.length).toBeGreaterThan(40);
    }
    expect(phone.seen.sort()).toEqual(desk.seen.sort());
    expect([...desk.found, ...phone.found]).toEqual([]);
  });
});
