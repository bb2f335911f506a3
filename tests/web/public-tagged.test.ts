/**
 * The server-rendered /@name/tagged/:tag page (where a featured hashtag's `url` points): the
 * account's own public and unlisted posts with that hashtag, OpenGraph tags, paging, 404s.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestUser } from "../rig";

const s = await startTestServer();
let alice: TestUser;
let bob: TestUser;
const html = { Accept: "text/html" };

function meta(page: string, key: string): string | undefined {
  const re = new RegExp(`<meta (?:property|name)="${key.replace(/[:]/g, "\\:")}" content="([^"]*)">`);
  return re.exec(page)?.[1];
}

beforeAll(async () => {
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  await alice.client.v1.accounts.updateCredentials({ displayName: `Al <b>"x"</b>` });
  const post = (status: string, visibility: "public" | "unlisted" | "private" | "direct" = "public") =>
    alice.client.v1.statuses.create({ status, visibility });
  await post("fresh #Bread from the oven");
  await post("quiet loaf #bread", "unlisted");
  await post("secret dough #bread", "private");
  await post("@bob whispered #bread", "direct");
  await post("just cake #cake");
  await bob.client.v1.statuses.create({ status: "bob's #bread" });
  await alice.client.v1.tags.$select("Bread").feature();
}, 30_000);
afterAll(() => s.stop());

test("the featured hashtag's url serves the account's public posts with that tag", async () => {
  const [featured] = await bob.client.v1.accounts.$select(alice.id).featuredTags.list();
  const url = new URL(featured!.url);
  expect(url.pathname).toBe("/@alice/tagged/bread");
  const res = await s.api("GET", url.pathname, { headers: html });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/html");
  expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  const page = await res.text();
  expect(page).toContain("fresh");
  expect(page).toContain("quiet loaf");
  expect(page).not.toContain("secret dough");
  expect(page).not.toContain("whispered");
  expect(page).not.toContain("just cake");
  expect(page).not.toContain("bob&#39;s");
  expect(page).not.toContain("bob's");
  expect(page).not.toContain("<script");
  expect(page).toContain(`<h1 id="tag-title">#Bread</h1>`);
  expect(page).toContain(`href="${s.ctx.uris.profile("alice")}"`);
  expect(page).toContain(`href="/accounts/${alice.id}"`); // Open in the app
});

test("OpenGraph and Twitter tags, escaped", async () => {
  const page = await (await s.api("GET", "/@alice/tagged/BREAD", { headers: html })).text();
  expect(meta(page, "og:url")).toBe(`${s.ctx.uris.base}/@alice/tagged/bread`);
  expect(meta(page, "og:title")).toBe(`#Bread · Al &lt;b&gt;&quot;x&quot;&lt;/b&gt; (@alice@${s.domain})`);
  expect(meta(page, "og:description")).toBe(`Public posts by Al &lt;b&gt;&quot;x&quot;&lt;/b&gt; (@alice@${s.domain}) tagged #Bread`);
  expect(meta(page, "og:image")).toContain("/avatars/");
  expect(meta(page, "twitter:card")).toBe("summary");
  expect(page).toContain(`<link rel="canonical" href="${s.ctx.uris.base}/@alice/tagged/bread">`);
  expect(page).not.toContain('<b>"x"');
});

test("a tag without posts is an empty page; pages go back in time", async () => {
  const empty = await s.api("GET", "/@bob/tagged/cake", { headers: html });
  expect(empty.status).toBe(200);
  expect(await empty.text()).toContain("No public posts with #cake yet.");

  for (let i = 0; i < 21; i++) await alice.client.v1.statuses.create({ status: `batch ${i} #many` });
  const first = await (await s.api("GET", "/@alice/tagged/many", { headers: html })).text();
  expect(first).toContain("batch 20");
  expect(first).not.toContain("batch 0 ");
  const next = /href="([^"]+\?max_id=\d+)" rel="next"/.exec(first)![1]!;
  const older = await (await s.api("GET", new URL(next).pathname + new URL(next).search, { headers: html })).text();
  expect(older).toContain("batch 0 ");
  expect(older).not.toContain("batch 20");
  expect(older).toContain("Latest posts");
});

test("unknown user, remote handle, invalid tag or extra path → 404 page; HEAD works", async () => {
  for (const p of [
    "/@nobody/tagged/bread",
    "/@alice@remote.example/tagged/bread",
    "/@alice/tagged/%E0%A4%A",
    "/@alice/tagged/no-dashes",
    "/@alice/tagged/bread/more",
    "/@alice/tagged/",
  ]) {
    const res = await s.api("GET", p, { headers: html });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("This page is not here");
  }
  s.ctx.db.query("UPDATE accounts SET suspended_at = ? WHERE id = ?").run(s.ctx.now(), bob.id);
  expect((await s.api("GET", "/@bob/tagged/bread", { headers: html })).status).toBe(404);
  s.ctx.db.query("UPDATE accounts SET suspended_at = NULL WHERE id = ?").run(bob.id);
  const head = await s.api("HEAD", "/@alice/tagged/bread", { headers: html });
  expect(head.status).toBe(200);
});

test("the profile page lists featured hashtags (linking here) and featured profiles", async () => {
  await alice.client.v1.accounts.$select(bob.id).follow();
  await bob.client.v1.accounts.updateCredentials({ displayName: "Bob <i>B</i>" });
  await alice.client.v1.accounts.$select(bob.id).endorse();
  const page = await (await s.api("GET", "/@alice", { headers: html })).text();
  expect(page).toContain(`<h2>Featured</h2>`);
  expect(page).toContain(`<a href="${s.ctx.uris.base}/@alice/tagged/bread">#Bread</a>`);
  expect(page).toContain(`<a href="${s.ctx.uris.profile("bob")}">Bob &lt;i&gt;B&lt;/i&gt;</a>`);
  // older pages and accounts featuring nothing have no such section
  expect(await (await s.api("GET", "/@bob", { headers: html })).text()).not.toContain("<h2>Featured</h2>");
  await alice.client.v1.accounts.$select(bob.id).unfollow();
  const after = await (await s.api("GET", "/@alice", { headers: html })).text();
  expect(after).not.toContain("Bob &lt;i&gt;");
  expect(after).toContain("#Bread</a>");
});
