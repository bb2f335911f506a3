/**
 * Import and export: the CSV helpers (Mastodon's formats, quoting, the old headerless files),
 * then in Chromium: exported files' content, and imports of follows, blocks, mutes, lists and
 * bookmarks checked through the API; axe and screenshots.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { parseCsv, readImport, rowProblem, sameAcct, toCsv } from "../../web/src/lib/csv";
import { axeViolations, closeScene, launch, newPage, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);

describe("CSV helpers", () => {
  test("quoted fields, doubled quotes, line breaks, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFa,"b, c","say ""hi"""\r\n"multi\nline",x\n\n')).toEqual([
      { fields: ["a", "b, c", 'say "hi"'], line: 1 },
      { fields: ["multi\nline", "x"], line: 2 },
    ]);
    expect(
      toCsv([
        ["a@b", true, null, "en, de"],
        ['q"t', false, undefined, ""],
      ]),
    ).toBe('a@b,true,,"en, de"\n"q""t",false,,\n');
    expect(parseCsv(toCsv([["x,y", 'z"', "l\nm"]]))[0]!.fields).toEqual(["x,y", 'z"', "l\nm"]);
  });

  test("Mastodon's files with headers, and the old one-column format", () => {
    expect(
      readImport(
        "following",
        'Account address,Show boosts,Notify on new posts,Languages\n@ann@x.example,false,TRUE,"en, de"\nbob@y.example,,,\n',
      ),
    ).toEqual([
      { line: 2, acct: "ann@x.example", showReblogs: false, notify: true, languages: ["en", "de"] },
      { line: 3, acct: "bob@y.example" },
    ]);
    expect(readImport("following", "ann@x.example\nbob\n")).toEqual([
      { line: 1, acct: "ann@x.example" },
      { line: 2, acct: "bob" },
    ]);
    expect(readImport("mutes", "Account address,Hide notifications\ncat@z.example,false\n")).toEqual([
      { line: 2, acct: "cat@z.example", hideNotifications: false },
    ]);
    expect(readImport("lists", 'Friends,ann@x.example\n"Work, mostly",bob@y.example\n')).toEqual([
      { line: 1, listName: "Friends", acct: "ann@x.example" },
      { line: 2, listName: "Work, mostly", acct: "bob@y.example" },
    ]);
    expect(readImport("bookmarks", "https://x.example/users/ann/statuses/1\n")).toEqual([
      { line: 1, uri: "https://x.example/users/ann/statuses/1" },
    ]);
    expect(rowProblem("blocks", { line: 1, acct: "not an address" })).toContain("not an account address");
    expect(rowProblem("blocks", { line: 1, acct: "" })).toContain("missing");
    expect(rowProblem("bookmarks", { line: 1, uri: "nope" })).toContain("not a post address");
    expect(sameAcct("Ann@Here.example", "ann", "here.example")).toBe(true);
    expect(sameAcct("ann@there.example", "ann", "here.example")).toBe(false);
  });
});

const { built, s } = await webTestServer();
let browser: Browser;
let p: Page;
let ivy: TestUser;
const u: Record<string, TestUser> = {};

beforeAll(async () => {
  if (!built) return;
  ivy = await s.createUser("ivy");
  for (const n of ["ann", "ben", "cal", "dee", "eve", "fay", "gil", "hal"]) u[n] = await s.createUser(n);
  await ivy.client.v1.accounts.$select(u.ann!.id).follow({ reblogs: false, notify: true });
  await ivy.client.v1.accounts.$select(u.ben!.id).follow();
  await ivy.client.v1.accounts.$select(u.cal!.id).block();
  await ivy.client.v1.accounts.$select(u.dee!.id).mute({ notifications: false });
  const list = await ivy.client.v1.lists.create({ title: "Close, friends" });
  await ivy.client.v1.lists.$select(list.id).accounts.create({ accountIds: [u.ann!.id] });
  const st = await u.ben!.client.v1.statuses.create({ status: "Worth keeping" });
  await ivy.client.v1.statuses.$select(st.id).bookmark();
  await ivy.client.v1.statuses.create({ status: "Moving house soon" });
  await s.drain();
  browser = await launch();
  p = await newPage(browser);
}, 30_000);

afterAll(() => closeScene(browser, s));

/** Clicks an export button and returns the downloaded file's name and text. */
async function exported(file: string): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([p.waitForEvent("download"), p.getByRole("button", { name: `Download ${file}` }).click()]);
  return { name: dl.suggestedFilename(), text: readFileSync((await dl.path())!, "utf8") };
}

/** Imports `csv` as `type` and waits for the summary line. */
async function importFile(type: string, csv: string, summary: string, overwrite = false): Promise<void> {
  await p.getByLabel("Type of data").selectOption(type);
  await p.getByLabel("CSV file").setInputFiles({ name: `${type}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  if (overwrite) await p.getByRole("radio", { name: /Overwrite/ }).check();
  else if (type !== "lists") await p.getByRole("radio", { name: /Merge/ }).check();
  await p.getByRole("button", { name: "Start import" }).click();
  await p.getByRole("status").filter({ hasText: summary }).waitFor();
}

describe.skipIf(!built)("import and export in the browser", () => {
  test("exports follows, blocks, mutes, lists and bookmarks in Mastodon's formats", async () => {
    await signIn(p, s.url, ivy, "ivy");
    await p.goto(`${s.url}/settings/import-export`);
    await p.getByRole("heading", { name: "Import and export", level: 1 }).waitFor();
    const d = s.domain;
    expect(await exported("following_accounts.csv")).toEqual({
      name: "following_accounts.csv",
      text: `Account address,Show boosts,Notify on new posts,Languages\nben@${d},true,false,\nann@${d},false,true,\n`,
    });
    expect((await exported("blocked_accounts.csv")).text).toBe(`cal@${d}\n`);
    expect((await exported("muted_accounts.csv")).text).toBe(`Account address,Hide notifications\ndee@${d},false\n`);
    expect((await exported("lists.csv")).text).toBe(`"Close, friends",ann@${d}\n`);
    const bookmark = (await ivy.client.v1.bookmarks.list())[0]!;
    expect((await exported("bookmarks.csv")).text).toBe(`${bookmark.uri}\n`);
  });

  test("imports follows with their options; unknown accounts are reported by line", async () => {
    const d = s.domain;
    await importFile(
      "following",
      `Account address,Show boosts,Notify on new posts,Languages\neve@${d},false,true,\n@fay,true,false,"en, de"\nnobody@${d},true,false,\n`,
      "Import finished: 2 of 3 rows imported, 1 failed.",
    );
    await p.getByText(`Line 4 (@nobody@${d}): no account with this address was found`).waitFor();
    const rel = await ivy.client.v1.accounts.relationships.fetch({ id: [u.eve!.id, u.fay!.id] });
    expect(rel.map((r) => [r.following, r.showingReblogs, r.notifying])).toEqual([
      [true, false, true],
      [true, true, false],
    ]);
    expect(rel[1]!.languages).toEqual(["en", "de"]);
    await shot(p, "import-export-desktop");
    expect(await axeViolations(p)).toEqual([]);
  });

  test("imports blocks (old one-column file) and mutes with Hide notifications", async () => {
    const d = s.domain;
    await importFile("blocks", `gil@${d}\n`, "Import finished: 1 of 1 row imported, 0 failed.");
    await importFile("mutes", `Account address,Hide notifications\nhal@${d},false\n`, "Import finished: 1 of 1 row imported, 0 failed.");
    const [gil, hal] = await ivy.client.v1.accounts.relationships.fetch({ id: [u.gil!.id, u.hal!.id] });
    expect(gil!.blocking).toBe(true);
    expect([hal!.muting, hal!.mutingNotifications]).toEqual([true, false]);
  });

  test("imports lists (creating them, following members) and bookmarks", async () => {
    const d = s.domain;
    await importFile(
      "lists",
      `Neighbours,cal@${d}\nNeighbours,eve@${d}\n"Close, friends",ben@${d}\n`,
      "Import finished: 2 of 3 rows imported, 1 failed.",
    );
    const lists = await ivy.client.v1.lists.list();
    expect(lists.map((l) => l.title).sort()).toEqual(["Close, friends", "Neighbours"]);
    const members = async (title: string) =>
      (await ivy.client.v1.lists.$select(lists.find((l) => l.title === title)!.id).accounts.list()).map((a) => a.acct).sort();
    expect(await members("Neighbours")).toEqual(["eve"]);
    expect(await members("Close, friends")).toEqual(["ann", "ben"]);
    // cal is blocked, so the follow for the list failed and is reported
    expect(await p.locator(".ie-failures li").allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^Line 1 \\(@cal@${d.replace(/\./g, "\\.")}\\): Couldn't add this account to the list: `)),
    ]);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", ivy.account.id, u.cal!.account.id)).toBe(0);
    const st = await u.fay!.client.v1.statuses.create({ status: "Bookmark me" });
    await importFile("bookmarks", `${st.uri}\n${s.url}/users/fay/statuses/1\n`, "Import finished: 1 of 2 rows imported, 1 failed.");
    await p.getByText(`Line 2 (${s.url}/users/fay/statuses/1): this post could not be found`).waitFor();
    expect((await ivy.client.v1.bookmarks.list()).map((x) => x.id)).toContain(st.id);
  });

  test("overwrite removes follows the file does not list", async () => {
    const d = s.domain;
    await importFile("following", `Account address\nann@${d}\n`, "Import finished: 1 of 1 row imported, 0 failed.", true);
    const following = await ivy.client.v1.accounts.$select(ivy.id).following.list({ limit: 80 });
    expect(following.map((a) => a.acct)).toEqual(["ann"]);
    await p.setViewportSize({ width: 375, height: 740 });
    await p.waitForFunction(() => !document.querySelector(".layout.wide"));
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(p, "import-export-mobile");
    expect(await axeViolations(p)).toEqual([]);
  });
});
