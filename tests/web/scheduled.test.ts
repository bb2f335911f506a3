/**
 * Scheduled posts in Chromium: schedule a post from the composer, see it on /scheduled with its
 * content warning, time and attachments, reschedule it and cancel it; axe and screenshots.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { addMedia } from "../api/v1/statuses/helpers";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let hana: TestUser;
let p: Page;
const HOUR = 3600_000;

/** A datetime-local value (this machine's zone, as the browser's) `ms` from now, on the minute. */
function localValue(ms: number): string {
  const d = new Date(Math.ceil((Date.now() + ms) / 60_000) * 60_000);
  const z = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${z(d.getMonth() + 1)}-${z(d.getDate())}T${z(d.getHours())}:${z(d.getMinutes())}`;
}

beforeAll(async () => {
  if (!built) return;
  hana = await s.createUser("hana");
  await hana.client.v1.statuses.create({ status: "Already out there" });
  await s.drain();
  browser = await launch();
  p = await newPage(browser);
}, 30_000);

afterAll(() => closeScene(browser, s));

describe.skipIf(!built)("scheduled posts", () => {
  test("the composer schedules a post instead of publishing it", async () => {
    await signIn(p, s.url, hana, "hana");
    const form = p.getByRole("form", { name: "Compose a post" }).first();
    await form.getByLabel("Post text").fill("Good morning, future");
    await form.getByRole("button", { name: "CW", exact: true }).click();
    await form.getByLabel("Content warning").fill("Early thoughts");
    await form.getByRole("button", { name: "Schedule", exact: true }).click();
    const when = form.getByLabel("Publish at");
    expect(await when.inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    // a time too close is refused in words before anything is sent
    await when.fill(localValue(60_000));
    await form.getByRole("button", { name: "Schedule post" }).click();
    await form.getByText("Choose a time at least 5 minutes from now.").waitFor();
    const target = localValue(3 * HOUR);
    await when.fill(target);
    await shot(p, "scheduled-compose");
    expect(await axeViolations(p)).toEqual([]);
    await form.getByRole("button", { name: "Schedule post" }).click();
    await p.getByText(/^Scheduled for /).waitFor();
    expect(await form.getByLabel("Post text").inputValue()).toBe("");
    expect(await form.getByLabel("Publish at").count()).toBe(0);
    expect(s.count("statuses", "account_id = ?", hana.account.id)).toBe(1);
    const [sch] = await hana.client.v1.scheduledStatuses.list();
    expect(sch!.params.text).toBe("Good morning, future");
    expect(sch!.params.spoilerText).toBe("Early thoughts");
    expect(Date.parse(sch!.scheduledAt)).toBe(new Date(target).getTime());
  });

  test("/scheduled lists waiting posts with CW, time and attachments", async () => {
    const m = addMedia(s, hana.account.id);
    await hana.client.v1.statuses.create({
      status: "Photo for later",
      mediaIds: [m],
      scheduledAt: new Date(Date.now() + 5 * HOUR).toISOString(),
    });
    await p.goto(`${s.url}/scheduled`);
    await p.getByRole("heading", { name: "Scheduled posts", level: 1 }).waitFor();
    const items = p.getByRole("list", { name: "Scheduled posts" }).getByRole("listitem");
    await items.nth(1).waitFor();
    expect(await items.count()).toBe(2);
    const first = items.nth(0);
    expect(await first.textContent()).toContain("Content warning: Early thoughts");
    expect(await first.textContent()).toContain("Good morning, future");
    expect(await first.locator("time").getAttribute("datetime")).toMatch(/Z$/);
    expect(await items.nth(1).textContent()).toContain("1 attachment");
    await shot(p, "scheduled-desktop");
    expect(await axeViolations(p)).toEqual([]);
  });

  test("reschedule moves the time; cancel asks first, then removes it", async () => {
    const item = p.getByRole("listitem").filter({ hasText: "Good morning, future" });
    await item.getByRole("button", { name: /^Reschedule/ }).click();
    const target = localValue(26 * HOUR);
    await item.getByLabel("New time").fill(target);
    await item.getByRole("button", { name: "Save time" }).click();
    await p.getByText(/^Rescheduled for /).waitFor();
    const list = await hana.client.v1.scheduledStatuses.list();
    const moved = list.find((x) => x.params.text === "Good morning, future")!;
    expect(Date.parse(moved.scheduledAt)).toBe(new Date(target).getTime());
    // now the later one: the photo post comes first
    await p.getByRole("list", { name: "Scheduled posts" }).getByRole("listitem").first().filter({ hasText: "Photo for later" }).waitFor();

    p.once("dialog", (d) => void d.dismiss());
    await item.getByRole("button", { name: /^Cancel/ }).click();
    expect(await hana.client.v1.scheduledStatuses.list()).toHaveLength(2);
    p.once("dialog", (d) => void d.accept());
    await item.getByRole("button", { name: /^Cancel/ }).click();
    await p.getByText("Scheduled post cancelled").waitFor();
    await item.waitFor({ state: "detached" });
    const left = await hana.client.v1.scheduledStatuses.list();
    expect(left.map((x) => x.params.text)).toEqual(["Photo for later"]);
  });

  test("works at phone width", async () => {
    await p.setViewportSize({ width: 375, height: 740 });
    await p.reload();
    await p.getByRole("list", { name: "Scheduled posts" }).waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(p, "scheduled-mobile");
    expect(await axeViolations(p)).toEqual([]);
  });
});
