/**
 * Issue 16, Explore, search hints, quote posts and custom emoji, as a person sees them at
 * 1280×800 and 375×812, light and dark: trending posts, hashtags (counts and a sparkline), the
 * empty News tab saying why, suggestions with Follow and Dismiss, the directory's order and
 * local toggles; operator hints inserted by keyboard and click; a quoted post shown inside a
 * post (and the placeholder of a revoked quote), quoting from the Quote action with a quote
 * policy, quote notifications; custom emoji in names, content, content warnings, poll options
 * and the picker's Custom section by category.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { setTrendsAutoApprove, upsertTrend } from "../../src/db/queries/trends";
import { upsertPreviewCard } from "../../src/db/queries/preview-cards";
import { axeLightDark, axeViolations, closeScene, launch, newPage, samplePng, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let ann: TestUser;
let bob: TestUser;
let cat: TestUser;
let posters: TestUser[] = [];
let desk: Page;
let phone: Page;
let quotableId = "";

beforeAll(async () => {
  if (!built) return;
  ann = await s.createUser("ann");
  bob = await s.createUser("bob");
  cat = await s.createUser("cat");
  const png = await samplePng();
  for (const [i, [code, category]] of [
    ["blobcat", "Cats"],
    ["hearthfire", null],
  ].entries()) {
    await s.ctx.storage.put(`emoji/${code}.png`, png, "image/png");
    s.ctx.db
      .query("INSERT INTO custom_emojis (id, shortcode, domain, image_key, category, created_at) VALUES (?, ?, NULL, ?, ?, ?)")
      .run(i + 1, code!, `emoji/${code}.png`, category ?? null, Date.now());
  }
  await bob.client.v1.accounts.updateCredentials({
    discoverable: true,
    displayName: "Bob :blobcat:",
    note: "I keep a :hearthfire: going",
    fieldsAttributes: [{ name: "Pet :blobcat:", value: "Tabby :hearthfire:" }],
  } as any);
  // Five discoverable accounts use #cats today: after the refresh it trends (auto-approved).
  for (let i = 0; i < 5; i++) {
    const u = await s.createUser(`poster${i}`);
    await u.client.v1.accounts.updateCredentials({ discoverable: true, note: `Poster number ${i}, fond of cats` });
    await u.client.v1.statuses.create({ status: `I love #cats ${i}`, visibility: "public" });
    posters.push(u);
  }
  await ann.client.v1.accounts.$select(bob.id).follow();
  await ann.client.v1.accounts.$select(cat.id).follow();
  await bob.client.v1.statuses.create({
    status: "Which one :blobcat:?",
    spoilerText: "Cats :blobcat:",
    poll: { options: [":blobcat: this one", "the other :hearthfire:"], expiresIn: 86400 },
  } as any);
  await bob.client.v1.statuses.create({ status: "A warm :hearthfire: evening" });
  const quotable = await bob.client.v1.statuses.create({ status: "Quotable words from Bob" });
  quotableId = quotable.id;
  // Really trending, not only written into the trends table: the scheduled trends.refresh (every
  // five minutes, also while this file runs) keeps what the posts' interactions justify.
  for (const u of [...posters, ann]) await u.client.v1.statuses.$select(quotable.id).favourite();
  await cat.client.v1.statuses.create({ status: "Cat agrees with this", quotedStatusId: quotable.id } as any);
  const revoked = await cat.client.v1.statuses.create({ status: "Cat's second quote", quotedStatusId: quotable.id } as any);
  const r = await s.api("POST", `/api/v1/statuses/${quotable.id}/quotes/${revoked.id}/revoke`, { token: bob.token });
  expect(r.status).toBe(200);
  const annPost = await ann.client.v1.statuses.create({ status: "Ann's quotable thought" });
  await cat.client.v1.statuses.create({ status: "Cat quoting Ann", quotedStatusId: annPost.id } as any);
  setTrendsAutoApprove(s.ctx.db, true);
  s.ctx.jobs.enqueue("trends.refresh", {});
  await s.drain();
  upsertTrend(s.ctx.db, {
    id: 990_001,
    kind: "status",
    item: quotable.id,
    score: 50,
    maxScore: 50,
    maxScoreAt: Date.now(),
    language: "en",
    at: Date.now(),
  });
  browser = await launch();
  desk = await newPage(browser, 1280, 800);
  await signIn(desk, s.url, ann, "ann");
}, 90_000);

afterAll(() => closeScene(browser, s));

const card = (p: Page, text: string) => p.locator("article.status", { hasText: text });

describe.skipIf(!built)("Explore at 1280×800", () => {
  test("the sidebar leads to Explore: trending posts first", async () => {
    // A refresh like the scheduled one keeps the post trending (its favourites justify it).
    s.ctx.jobs.enqueue("trends.refresh", {});
    await s.drain();
    await desk.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Explore" }).click();
    await desk.getByRole("heading", { name: "Explore", level: 1 }).waitFor();
    const tabs = desk.getByRole("navigation", { name: "Explore" });
    expect(await tabs.getByRole("link", { name: "Posts" }).getAttribute("aria-current")).toBe("page");
    await desk.getByRole("feed", { name: "Trending posts" }).locator("article.status", { hasText: "Quotable words from Bob" }).waitFor();
    await axeLightDark(desk, "explore-desktop-posts");
  });

  test("Hashtags: #cats with its people and posts, and a sparkline", async () => {
    await desk.getByRole("navigation", { name: "Explore" }).getByRole("link", { name: "Hashtags" }).click();
    const list = desk.getByRole("list", { name: "Trending hashtags" });
    const item = list.getByRole("listitem").filter({ hasText: "#cats" });
    await item.waitFor();
    expect(await item.textContent()).toContain("5 people in the past 2 days");
    expect(await item.textContent()).toContain("5 posts this week");
    expect(await item.locator("svg.sparkline polyline").count()).toBe(1);
    await item.getByRole("link").click();
    await desk.waitForURL(/\/tags\/cats$/);
    await desk.goBack();
    await list.waitFor();
    await axeLightDark(desk, "explore-desktop-tags");
  });

  test("News: while nothing trends the page says why; a trending article is a readable card", async () => {
    await desk.getByRole("navigation", { name: "Explore" }).getByRole("link", { name: "News" }).click();
    await desk.getByText("No news is trending yet.").waitFor();
    await desk.getByText(/many people share the same article/).waitFor();
    expect(await axeViolations(desk)).toEqual([]);
    // Once an article trends, it is a readable card that opens it in a new tab.
    const cardId = upsertPreviewCard(
      s.ctx.db,
      880_001,
      "https://news.example/kettles",
      {
        title: "Kettles are back in fashion",
        description: "Why everyone is boiling water on the stove again, and what it says about us.",
        type: "link",
        author_name: "Kay Tull",
        author_url: "",
        author_account_id: null,
        provider_name: "Example News",
        provider_url: "https://news.example/",
        html: "",
        width: 0,
        height: 0,
        image_path: null,
        image_remote_url: null,
        image_description: "",
        blurhash: null,
        embed_url: "",
        language: "en",
        published_at: null,
      },
      Date.now(),
    );
    upsertTrend(s.ctx.db, {
      id: 990_002,
      kind: "link",
      item: String(cardId),
      score: 9,
      maxScore: 9,
      maxScoreAt: Date.now(),
      language: "en",
      at: Date.now(),
    });
    await desk.reload();
    const news = desk.getByRole("list", { name: "Trending news" }).getByRole("link", { name: /Kettles are back in fashion/ });
    await news.waitFor();
    expect(await news.getAttribute("href")).toBe("https://news.example/kettles");
    expect(await news.getAttribute("target")).toBe("_blank");
    expect(await news.textContent()).toContain("Example News");
    expect(await news.textContent()).toContain("Why everyone is boiling water");
    expect(await news.textContent()).toContain("By Kay Tull");
    await axeLightDark(desk, "explore-desktop-news");
  });

  test("For you: Follow follows, Dismiss removes the suggestion for good", async () => {
    await desk.getByRole("navigation", { name: "Explore" }).getByRole("link", { name: "For you" }).click();
    const list = desk.getByRole("list", { name: "Suggested accounts" });
    await list.getByRole("button", { name: "Follow @poster0" }).waitFor();
    await axeLightDark(desk, "explore-desktop-for-you");
    await list.getByRole("button", { name: "Follow @poster0" }).click();
    await list.getByRole("button", { name: "Unfollow @poster0" }).waitFor();
    const [rel] = await ann.client.v1.accounts.relationships.fetch({ id: [posters[0]!.id] });
    expect(rel!.following).toBe(true);
    await list.getByRole("button", { name: "Dismiss @poster1" }).click();
    await desk.getByText("@poster1 won't be suggested again").waitFor();
    expect(await list.getByText("@poster1").count()).toBe(0);
    const left = (await (await s.api("GET", "/api/v2/suggestions", { token: ann.token })).json()) as { account: { acct: string } }[];
    expect(left.map((x) => x.account.acct)).not.toContain("poster1");
  });

  test("Directory: recently active by default, New arrivals and local only ask the server", async () => {
    const first = desk.waitForRequest((r) => r.url().includes("/api/v1/directory"));
    await desk.getByRole("navigation", { name: "Explore" }).getByRole("link", { name: "Directory" }).click();
    const dir = desk.getByRole("list", { name: "Directory" });
    await dir.getByText("Poster number 3, fond of cats").waitFor();
    expect((await first).url()).toContain("order=active");
    const newer = desk.waitForResponse((r) => r.url().includes("/api/v1/directory") && r.url().includes("order=new"));
    await desk.getByRole("button", { name: "New arrivals" }).click();
    await newer;
    expect(await desk.getByRole("button", { name: "New arrivals" }).getAttribute("aria-pressed")).toBe("true");
    await dir.getByText("Poster number 4, fond of cats").waitFor();
    const local = desk.waitForResponse((r) => r.url().includes("/api/v1/directory") && r.url().includes("local=true"));
    await desk.getByLabel("Only from this server").check();
    await local;
    await dir.getByText("@poster2").waitFor();
    await axeLightDark(desk, "explore-desktop-directory");
  });

  test("Directory: Follow buttons from one relationships request; Follow follows, a followed person shows Unfollow", async () => {
    const [p1, p2] = [posters[1]!, posters[2]!];
    await ann.client.v1.accounts.$select(p1.id).follow();
    await ann.client.v1.accounts.$select(p2.id).unfollow();
    const relUrls: string[] = [];
    const onReq = (r: { url(): string }) => {
      if (r.url().includes("/api/v1/accounts/relationships")) relUrls.push(r.url());
    };
    desk.on("request", onReq);
    try {
      await desk.goto(`${s.url}/explore/directory`);
      const dir = desk.getByRole("list", { name: "Directory" });
      await dir.getByRole("button", { name: `Unfollow @${p1.account.username}` }).waitFor();
      const follow = dir.getByRole("button", { name: `Follow @${p2.account.username}`, exact: true });
      await follow.waitFor();
      // One request for the whole page, naming every listed account.
      expect(relUrls.length).toBe(1);
      const ids = new URL(relUrls[0]!).searchParams.getAll("id[]");
      expect(ids).toContain(p1.id);
      expect(ids).toContain(p2.id);
      // Every listed account but the viewer's own, which has no Follow button.
      const listed = (await dir.locator(".directory-card a.account-name").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).map(
        (h) => h!.split("/").pop()!,
      );
      expect(ids.sort()).toEqual(listed.filter((id) => id !== ann.id).sort());
      if (listed.includes(ann.id)) expect(await dir.locator(".directory-card", { hasText: "@ann" }).getByRole("button").count()).toBe(0);
      await axeLightDark(desk, "explore-desktop-directory-follow");
      await follow.click();
      await dir.getByRole("button", { name: `Unfollow @${p2.account.username}` }).waitFor();
      const [rel] = await ann.client.v1.accounts.relationships.fetch({ id: [p2.id] });
      expect(rel!.following).toBe(true);
    } finally {
      desk.off("request", onReq);
    }
  });

  test("Directory: following a locked account shows Withdraw request, which withdraws it", async () => {
    const locked = await s.createUser("lockedlou", { locked: true });
    await locked.client.v1.accounts.updateCredentials({ discoverable: true, note: "Ask first" });
    await desk.goto(`${s.url}/explore/directory`);
    const dir = desk.getByRole("list", { name: "Directory" });
    await dir.getByRole("button", { name: "Follow @lockedlou", exact: true }).click();
    const withdraw = dir.getByRole("button", { name: "Withdraw request to follow @lockedlou" });
    await withdraw.waitFor();
    expect(await withdraw.textContent()).toBe("Withdraw request");
    let [rel] = await ann.client.v1.accounts.relationships.fetch({ id: [locked.id] });
    expect(rel!.requested).toBe(true);
    // Shown the same way after a reload (from the relationships call), then withdrawn.
    await desk.reload();
    await withdraw.click();
    await dir.getByRole("button", { name: "Follow @lockedlou", exact: true }).waitFor();
    [rel] = await ann.client.v1.accounts.relationships.fetch({ id: [locked.id] });
    expect(rel!.requested).toBe(false);
  });
});

/** The hint list re-renders after each keystroke: wait until it shows exactly `n` options. */
async function hintCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction((want) => document.querySelectorAll("#search-hints [role=option]").length === want, n, { timeout: 5000 });
}

describe.skipIf(!built)("search operator hints at 1280×800", () => {
  test("typing shows matching operators with explanations; arrows and Enter insert one, a click another", async () => {
    await desk.goto(`${s.url}/search`);
    const box = desk.getByRole("combobox", { name: "Search people, hashtags or posts" });
    await box.click();
    const hints = desk.getByRole("listbox", { name: "Search operators" });
    // An empty box lists every operator.
    for (const op of ["from:", "has:", "is:", "language:", "before:", "after:", "during:", "in:library", "in:public", '"phrase"', "-word"])
      await hints.getByRole("option").filter({ hasText: op }).first().waitFor();
    await shot(desk, "search-hints-all");
    expect(await axeViolations(desk)).toEqual([]);
    await box.pressSequentially("fr");
    await hintCount(desk, 1);
    expect(await hints.getByRole("option").textContent()).toContain("Posts by one account");
    await box.press("ArrowDown");
    expect(await hints.getByRole("option").getAttribute("aria-selected")).toBe("true");
    await box.press("Enter");
    expect(await box.inputValue()).toBe("from:");
    await box.pressSequentially("bob ha");
    await hints.getByRole("option").filter({ hasText: "has:" }).click();
    expect(await box.inputValue()).toBe("from:bob has:");
    // After has: come its values, each explained.
    await hints.getByRole("option").filter({ hasText: "Posts with a poll" }).waitFor();
    await box.pressSequentially("po");
    await hintCount(desk, 1);
    await box.press("ArrowDown");
    await box.press("Tab");
    expect(await box.inputValue()).toBe("from:bob has:poll");
    await box.pressSequentially(" -");
    await box.press("Escape");
    await hints.waitFor({ state: "detached", timeout: 5000 });
    await desk.emulateMedia({ colorScheme: "dark" });
    await box.fill("");
    await box.pressSequentially("in");
    await hints.getByRole("option").filter({ hasText: "in:library" }).waitFor();
    expect(await axeViolations(desk)).toEqual([]);
    await shot(desk, "search-hints-dark");
    await desk.emulateMedia({ colorScheme: "light" });
  });

  test("results for posts still come back from /api/v2/search", async () => {
    await desk.goto(`${s.url}/search?q=${encodeURIComponent("Quotable")}`);
    await card(desk, "Quotable words from Bob").first().waitFor();
  });
});

describe.skipIf(!built)("quote posts at 1280×800", () => {
  test("a quoted post shows inside the post and opens when clicked; a revoked quote says so", async () => {
    await desk.goto(`${s.url}/home`);
    const quoting = card(desk, "Cat agrees with this");
    const inner = quoting.getByRole("blockquote").or(quoting.locator("blockquote.quote-card"));
    await inner.first().waitFor();
    expect(await inner.first().textContent()).toContain("Quotable words from Bob");
    await card(desk, "Cat's second quote").getByText("The author removed this quote.").waitFor();
    await shot(desk, "quotes-desktop-home");
    expect(await axeViolations(desk)).toEqual([]);
    await inner.first().locator(".content").click();
    await desk.waitForURL(new RegExp(`/statuses/${quotableId}$`));
  });

  test("Quote opens the composer with the post attached, removable; the sent post quotes it with the chosen policy", async () => {
    await desk.goto(`${s.url}/home`);
    const bobs = card(desk, "Quotable words from Bob").filter({ hasNot: desk.locator(".quote-card") });
    await bobs.getByRole("button", { name: "Quote" }).click();
    const form = desk.getByRole("form", { name: "Compose a post" });
    await form.getByText("Quoting @bob").waitFor();
    expect(await form.locator(".quote-card").textContent()).toContain("Quotable words from Bob");
    await form.getByRole("button", { name: "Remove quote" }).click();
    expect(await form.getByText("Quoting @bob").count()).toBe(0);
    await bobs.getByRole("button", { name: "Quote" }).click();
    await form.getByText("Quoting @bob").waitFor();
    await desk.getByLabel("Post text").fill("Ann adds her view");
    await form.locator("#compose-visibility").click();
    await desk.getByRole("menu").getByRole("group", { name: "Who can quote" }).getByRole("menuitemradio", { name: "Followers" }).click();
    await axeLightDark(desk, "quotes-desktop-compose");
    await form.getByRole("button", { name: "Post", exact: true }).click();
    await desk.getByText("Your post was published").waitFor();
    await card(desk, "Ann adds her view").locator(".quote-card").waitFor();
    const [mine] = await ann.client.v1.accounts.$select(ann.id).statuses.list({ limit: 1 });
    const raw = mine as any;
    expect(raw.quote.state).toBe("accepted");
    expect(raw.quote.quotedStatus.id).toBe(quotableId);
    expect(raw.quoteApproval.automatic).toEqual(["followers"]);
  });

  test("a quote of your post is a notification with the quote icon", async () => {
    await desk.goto(`${s.url}/notifications`);
    const n = desk.locator(".notification", { hasText: "quoted your post" });
    await n.waitFor();
    expect(await n.locator(".n-icon-quote svg").count()).toBe(1);
    expect(await n.textContent()).toContain("Cat quoting Ann");
    expect(await axeViolations(desk)).toEqual([]);
  });
});

describe.skipIf(!built)("custom emoji at 1280×800", () => {
  test("names, content, content warnings and poll options show the images with :shortcode: alt", async () => {
    await desk.goto(`${s.url}/home`);
    const poll = desk.locator('article.status[aria-label*="Content warning: Cats"]');
    await poll.waitFor();
    expect(await poll.locator(".display-name img.custom-emoji").first().getAttribute("alt")).toBe(":blobcat:");
    expect(await poll.locator(".cw img.custom-emoji").getAttribute("alt")).toBe(":blobcat:");
    await poll.getByRole("button", { name: "Show more" }).click();
    expect(await poll.locator(".content img.custom-emoji").getAttribute("alt")).toBe(":blobcat:");
    expect(await poll.locator(".poll img.custom-emoji").first().getAttribute("alt")).toBe(":blobcat:");
    // :hearthfire: is only in an option (not the text): it comes from Poll.emojis.
    expect(await poll.locator('.poll img.custom-emoji[alt=":hearthfire:"]').count()).toBe(1);
    const warm = card(desk, "A warm");
    expect(await warm.locator(".content img.custom-emoji").getAttribute("alt")).toBe(":hearthfire:");
    expect(await warm.locator(".content").textContent()).not.toContain(":hearthfire:");
    const src = await warm.locator(".content img.custom-emoji").getAttribute("src");
    expect((await fetch(new URL(src!, s.url))).status).toBe(200);
    await shot(desk, "emoji-desktop-home");
    expect(await axeViolations(desk)).toEqual([]);
  });

  test("a profile shows the emoji in its name, bio and fields", async () => {
    await desk.goto(`${s.url}/accounts/${bob.id}`);
    const name = desk.getByRole("heading", { level: 1, name: "Bob :blobcat:" });
    await name.waitFor();
    expect(await name.locator("img.custom-emoji").getAttribute("alt")).toBe(":blobcat:");
    expect(await desk.locator(".note img.custom-emoji").getAttribute("alt")).toBe(":hearthfire:");
    expect(await desk.locator(".fields dt img.custom-emoji").getAttribute("alt")).toBe(":blobcat:");
    expect(await desk.locator(".fields dd img.custom-emoji").getAttribute("alt")).toBe(":hearthfire:");
    expect(await axeViolations(desk)).toEqual([]);
    await desk.goto(`${s.url}/home`);
    await desk.getByRole("heading", { name: "Home", level: 1 }).waitFor();
  });

  test("the picker's Custom section groups by category and inserts :shortcode:", async () => {
    const box = desk.getByLabel("Post text");
    await box.fill("Hello");
    await desk.getByRole("button", { name: "Emoji" }).click();
    const panel = desk.getByRole("group", { name: "Custom emojis" });
    await panel.getByRole("heading", { name: "Custom" }).waitFor();
    const cats = panel.getByRole("region", { name: "Cats" });
    await cats.getByRole("heading", { name: "Cats" }).waitFor();
    await cats.getByRole("button", { name: ":blobcat:" }).waitFor();
    expect(await cats.getByRole("button", { name: ":hearthfire:" }).count()).toBe(0);
    await panel.getByRole("button", { name: ":hearthfire:" }).waitFor();
    await axeLightDark(desk, "emoji-desktop-picker");
    await cats.getByRole("button", { name: ":blobcat:" }).click();
    expect(await box.inputValue()).toBe("Hello :blobcat: ");
    await box.fill("");
  });
});

describe.skipIf(!built)("at 375×812", () => {
  test("the Search tab opens Explore; its tabs fit and scroll sideways; axe light and dark", async () => {
    phone = await newPage(browser, 375, 812);
    await signIn(phone, s.url, ann, "ann");
    const nav = phone.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Search", exact: true }).click();
    await phone.getByRole("heading", { name: "Explore", level: 1 }).waitFor();
    expect(await nav.getByRole("link", { name: "Search", exact: true }).getAttribute("aria-current")).toBe("page");
    await phone.locator("article.status", { hasText: "Quotable words from Bob" }).first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await axeLightDark(phone, "explore-phone-posts");
    await phone.getByRole("navigation", { name: "Explore" }).getByRole("link", { name: "Hashtags" }).click();
    await phone.getByRole("list", { name: "Trending hashtags" }).getByText("#cats").waitFor();
    await axeLightDark(phone, "explore-phone-tags");
    await phone.getByRole("navigation", { name: "Explore" }).getByRole("link", { name: "Directory" }).click();
    await phone.getByRole("list", { name: "Directory" }).getByText("@poster3").waitFor();
    await axeLightDark(phone, "explore-phone-directory");
  });

  test("searching from Explore keeps the Search tab current and shows operator hints", async () => {
    await phone.goto(`${s.url}/explore`);
    await phone.getByLabel("Search people, hashtags or posts").fill("Quotable");
    await phone.getByLabel("Search people, hashtags or posts").press("Enter");
    await phone.waitForURL(/\/search\?q=Quotable/);
    const nav = phone.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link", { name: "Search", exact: true }).getAttribute("aria-current")).toBe("page");
    const box = phone.getByRole("combobox", { name: "Search people, hashtags or posts" });
    await box.fill("");
    await box.pressSequentially("is");
    const hint = phone.getByRole("listbox", { name: "Search operators" }).getByRole("option");
    await hint.filter({ hasText: "is:" }).waitFor();
    await axeLightDark(phone, "search-hints-phone");
    await hint.filter({ hasText: "is:" }).click();
    expect(await box.inputValue()).toBe("is:");
  });

  test("Quote on a phone opens the compose screen with the quoted post; emoji in names", async () => {
    await phone.goto(`${s.url}/home`);
    const bobs = card(phone, "Quotable words from Bob").filter({ hasNot: phone.locator(".quote-card") });
    expect(
      await phone
        .locator('article.status[aria-label*="Content warning: Cats"]')
        .locator(".display-name img.custom-emoji")
        .first()
        .getAttribute("alt"),
    ).toBe(":blobcat:");
    await bobs.getByRole("button", { name: "Quote" }).click();
    await phone.waitForURL(/\/compose$/);
    await phone.getByText("Quoting @bob").waitFor();
    expect(await phone.locator(".compose .quote-card").textContent()).toContain("Quotable words from Bob");
    await axeLightDark(phone, "quotes-phone-compose");
    await phone.getByRole("button", { name: "Remove quote" }).click();
    expect(await phone.getByText("Quoting @bob").count()).toBe(0);
  });
});
