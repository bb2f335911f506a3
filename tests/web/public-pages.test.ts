/**
 * Server-rendered public pages (/@name, /@name/:id) fetched without JavaScript: OpenGraph and
 * Twitter tags, escaped and sanitized content, thread context, paging, 404s, remote redirects.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestUser } from "../rig";
import { insertStatus } from "../rig/fixtures";
import { sanitizePageHtml as sanitize, textOf } from "../../src/text/sanitize";

const s = await startTestServer();
let alice: TestUser;
let bob: TestUser;
const html = { Accept: "text/html" };
const ids: Record<string, string> = {};

function meta(page: string, key: string): string | undefined {
  const re = new RegExp(`<meta (?:property|name)="${key.replace(/[:]/g, "\\:")}" content="([^"]*)">`);
  return re.exec(page)?.[1];
}

beforeAll(async () => {
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  await alice.client.v1.accounts.updateCredentials({
    displayName: `Al <script>"x"</script>`,
    note: "Bakes bread & <b>breaks</b> things",
    fieldsAttributes: [{ name: "Site", value: "https://example.org/<x>" }],
  });
  const root = await alice.client.v1.statuses.create({
    status: `Hello <img src=x onerror=alert(1)> & "friends" #bread`,
    visibility: "public",
  });
  ids.root = root.id;
  ids.reply = (await bob.client.v1.statuses.create({ status: "@alice lovely", inReplyToId: root.id })).id;
  ids.privateReply = (
    await bob.client.v1.statuses.create({ status: "@alice secret reply", inReplyToId: root.id, visibility: "private" })
  ).id;
  ids.cw = (await alice.client.v1.statuses.create({ status: "the ending", spoilerText: "Film spoilers", visibility: "unlisted" })).id;
  ids.private = (await alice.client.v1.statuses.create({ status: "followers only", visibility: "private" })).id;
  ids.direct = (await alice.client.v1.statuses.create({ status: "@bob psst", visibility: "direct" })).id;
  for (let i = 0; i < 21; i++) insertStatus(s.ctx, alice.account.id, { text: `filler ${i}` });
  const t = s.ctx.now();
  s.ctx.db
    .query("INSERT INTO accounts (id, username, domain, uri, url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .run(s.ctx.ids.next(), "carol", "remote.example", "https://remote.example/users/carol", "https://remote.example/@carol", t, t);
});
afterAll(() => s.stop());

describe("profile page", () => {
  test("has OpenGraph, Twitter and ActivityPub alternate tags, with escaped text", async () => {
    const res = await s.api("GET", "/@alice", { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const page = await res.text();
    expect(meta(page, "og:type")).toBe("profile");
    expect(meta(page, "og:url")).toBe(`${s.ctx.uris.base}/@alice`);
    expect(meta(page, "og:title")).toBe(`Al &lt;script&gt;&quot;x&quot;&lt;/script&gt; (@alice@${s.domain})`);
    expect(meta(page, "og:image")).toContain("/avatars/");
    expect(meta(page, "og:description")).toBe("Bakes bread &amp; &lt;b&gt;breaks&lt;/b&gt; things");
    expect(meta(page, "twitter:card")).toBe("summary");
    expect(page).toContain(`<link rel="alternate" type="application/activity+json" href="${s.ctx.uris.actor("alice")}">`);
    expect(page).not.toContain("<script");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain(`href="/accounts/${alice.id}"`); // Open in the app
    expect(page).toMatch(/example\.org\/<\/span>.*&lt;x&gt;/);
  });

  test("lists only public and unlisted posts, 20 per page, with an older-posts link", async () => {
    const page = await (await s.api("GET", "/@alice", { headers: html })).text();
    expect(page).toContain("filler 20");
    expect(page).not.toContain("followers only");
    expect(page).not.toContain("psst");
    expect(page).not.toContain("lovely"); // bob's reply is on bob's profile, not alice's
    const next = /href="([^"]+\?max_id=\d+)" rel="next"/.exec(page)![1]!;
    const older = await (await s.api("GET", new URL(next).pathname + new URL(next).search, { headers: html })).text();
    expect(older).toContain("Film spoilers");
    expect(older).toContain("Latest posts");
    expect(older).not.toContain("filler 20");
  });

  test("unknown and malformed names get the 404 page; HEAD works", async () => {
    for (const p of ["/@nobody", "/@alice/123/extra", "/@alice/notanid", "/@%E0%A4%A"]) {
      const res = await s.api("GET", p, { headers: html });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("This page is not here");
    }
    const head = await s.api("HEAD", "/@alice", { headers: html });
    expect(head.status).toBe(200);
  });

  test("remote handles redirect to the account's own page; unknown remote is 404", async () => {
    const res = await fetch(`${s.url}/@carol@remote.example`, { redirect: "manual", headers: html });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://remote.example/@carol");
    expect((await fetch(`${s.url}/@dan@remote.example`, { redirect: "manual", headers: html })).status).toBe(404);
    const local = await fetch(`${s.url}/@alice@${s.domain}`, { redirect: "manual", headers: html });
    expect(local.headers.get("location")).toBe(`${s.ctx.uris.base}/@alice`);
  });
});

describe("content negotiation", () => {
  test("ActivityPub Accept gets the actor and the note; a browser's Accept gets HTML", async () => {
    const actor = await s.api("GET", "/@alice", { headers: { Accept: "application/activity+json" } });
    expect(actor.status).toBe(200);
    expect(actor.headers.get("content-type")).toContain("json");
    expect((await actor.json()).id).toBe(s.ctx.uris.actor("alice"));
    const note = await s.api("GET", `/@alice/${ids.root}`, {
      headers: { Accept: 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"' },
    });
    expect(note.status).toBe(200);
    expect((await note.json()).id).toBe(s.ctx.uris.status("alice", ids.root!));
    const page = await s.api("GET", "/@alice", { headers: { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } });
    expect(page.headers.get("content-type")).toContain("text/html");
  });
});

describe("status page", () => {
  test("shows the post with public replies, article tags and escaped content", async () => {
    const res = await s.api("GET", `/@alice/${ids.root}`, { headers: html });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(meta(page, "og:type")).toBe("article");
    expect(meta(page, "og:url")).toBe(s.ctx.uris.statusUrl("alice", ids.root!));
    expect(meta(page, "og:description")).toBe("Hello &lt;img src=x onerror=alert(1)&gt; &amp; &quot;friends&quot; #bread");
    expect(meta(page, "article:published_time")).toMatch(/^\d{4}-/);
    expect(page).toContain(`<link rel="alternate" type="application/activity+json" href="${s.ctx.uris.status("alice", ids.root!)}">`);
    expect(page).not.toMatch(/<img src=x/i);
    expect(page).toContain("lovely");
    expect(page).not.toContain("secret reply");
    expect(page).toContain("1 reply");
    expect(page).toContain(`href="/statuses/${ids.root}"`);
  });

  test("a reply shows its ancestor", async () => {
    const page = await (await s.api("GET", `/@bob/${ids.reply}`, { headers: html })).text();
    expect(page).toContain("Earlier in the thread");
    expect(page).toContain("bread</span>");
  });

  test("a content warning hides the text behind <details> and in the description", async () => {
    const page = await (await s.api("GET", `/@alice/${ids.cw}`, { headers: html })).text();
    expect(meta(page, "og:description")).toBe("Content warning: Film spoilers");
    expect(page).toContain('<details class="cw"><summary>Content warning: Film spoilers</summary>');
  });

  test("private, direct, other authors' and unknown statuses are 404", async () => {
    for (const p of [
      `/@alice/${ids.private}`,
      `/@alice/${ids.direct}`,
      `/@bob/${ids.root}`,
      `/@alice/${ids.privateReply}`,
      "/@alice/999999",
    ]) {
      const res = await s.api("GET", p, { headers: html });
      expect(res.status).toBe(404);
      const body = await res.text();
      expect(body).not.toContain("followers only");
      expect(body).not.toContain("psst");
    }
  });

  test("an image post uses the image for og:image and a large Twitter card", async () => {
    const row = insertStatus(s.ctx, alice.account.id, { text: "pic", media: true });
    s.ctx.db.query("UPDATE media_attachments SET description = 'A <b> loaf' WHERE status_id = ?").run(row.id);
    const page = await (await s.api("GET", `/@alice/${row.id}`, { headers: html })).text();
    expect(meta(page, "og:image")).toContain("/system/");
    expect(meta(page, "og:image:alt")).toBe("A &lt;b&gt; loaf");
    expect(meta(page, "twitter:card")).toBe("summary_large_image");
    expect(page).toContain(`alt="A &lt;b&gt; loaf"`);
  });
});

describe("helpers", () => {
  test("sanitize keeps simple markup and drops scripts, handlers and bad links", () => {
    expect(sanitize(`<p onclick="x()">hi <a href="javascript:alert(1)">x</a> <a href="https://a.example/" class="u-url">y</a></p>`)).toBe(
      `<p>hi <a rel="nofollow noopener noreferrer ugc">x</a> <a href="https://a.example/" class="u-url" rel="nofollow noopener noreferrer ugc">y</a></p>`,
    );
    expect(
      sanitize(`<script>&lt;img src=x onerror=alert(1)&gt;</script><style>*{}</style><img src=x onerror=alert(1)><div>ok</div><!-- c -->`),
    ).toBe("ok");
    expect(sanitize(`<a href="//evil.example/">x</a>`)).not.toContain("evil");
    expect(textOf("<p>a &amp; b</p><p>c<br>d</p>")).toBe("a & b\n\nc\nd");
  });
});
