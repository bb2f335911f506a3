/**
 * Trends: the trends.refresh job scores tags by distinct accounts today against yesterday and
 * posts by boosts + favourites (Mastodon's Trends::Tags / Statuses), with a minimum of five
 * accounts and a half-life decay; only reviewed items are public unless trendable_by_default
 * is on; the admin API lists and reviews them (manage_taxonomies, admin:read / admin:write).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertRemoteAccount, insertStatus } from "../../../rig/fixtures";

let s: TestServer;
let people: TestUser[];
let admin: TestUser;

const HOUR = 3_600_000;

beforeAll(async () => {
  s = await startTestServer({ fixtures: true, frozen: true, runJobs: false });
  admin = s.fixtures.admin_account;
  people = [];
  for (let i = 0; i < 6; i++) people.push(await s.createUser(`poster${i}`));
}, 30_000);
afterAll(() => s.stop());

async function refresh(): Promise<void> {
  s.ctx.jobs.enqueue("trends.refresh", {});
  await s.drain();
}

async function get(path: string, token?: string): Promise<any> {
  const res = await s.api("GET", path, { token });
  expect(res.status).toBe(200);
  return res.json();
}

const names = (tags: { name: string }[]) => tags.map((t) => t.name);

test("a tag trends once five accounts use it, is hidden until approved, then decays away", async () => {
  for (const p of people.slice(0, 4)) await p.client.v1.statuses.create({ status: "I love #cats", visibility: "public" });
  // The same account many times counts once; unlisted posts do not count.
  for (let i = 0; i < 3; i++) await people[0]!.client.v1.statuses.create({ status: `#cats again ${i}` });
  await people[4]!.client.v1.statuses.create({ status: "quiet #cats", visibility: "unlisted" });
  await refresh();
  expect(names(await get("/api/v1/admin/trends/tags", admin.token))).toEqual([]);

  await people[5]!.client.v1.statuses.create({ status: "me too #Cats" });
  await refresh();
  const pending = await get("/api/v1/admin/trends/tags", admin.token);
  expect(names(pending)).toEqual(["cats"]);
  expect(pending[0]).toMatchObject({ trendable: false, requires_review: true });
  // Not reviewed: not public.
  expect(await get("/api/v1/trends/tags")).toEqual([]);

  const approved = await s.api("POST", `/api/v1/admin/trends/tags/${pending[0].id}/approve`, { token: admin.token });
  expect(approved.status).toBe(200);
  expect(await approved.json()).toMatchObject({ name: "cats", trendable: true, requires_review: false });
  const shown = await s.client().v1.trends.tags.list();
  expect(shown.map((t) => t.name)).toEqual(["cats"]);
  expect(Number(shown[0]!.history![0]!.accounts)).toBe(5);
  expect(names(await get("/api/v1/trends"))).toEqual(["cats"]);

  // Four hours later the score has halved but is still above the threshold.
  s.clock.advance(4 * HOUR);
  await refresh();
  expect(names(await get("/api/v1/trends/tags"))).toEqual(["cats"]);
  // A day later (no new posts) it has decayed away.
  s.clock.advance(20 * HOUR);
  await refresh();
  expect(await get("/api/v1/trends/tags")).toEqual([]);
  expect(await get("/api/v1/admin/trends/tags", admin.token)).toEqual([]);
});

test("auto-approve shows unreviewed tags; a rejected one stays hidden", async () => {
  for (const p of people.slice(0, 5)) await p.client.v1.statuses.create({ status: "#dogs are great" });
  await refresh();
  expect(await get("/api/v1/trends/tags")).toEqual([]);
  s.ctx.db.query("INSERT OR REPLACE INTO settings (key, value) VALUES ('trendable_by_default', 'true')").run();
  expect(names(await get("/api/v1/trends/tags"))).toEqual(["dogs"]);
  const [dogs] = await get("/api/v1/admin/trends/tags", admin.token);
  expect((await s.api("POST", `/api/v1/admin/trends/tags/${dogs.id}/reject`, { token: admin.token })).status).toBe(200);
  expect(await get("/api/v1/trends/tags")).toEqual([]);
  s.ctx.db.query("DELETE FROM settings WHERE key = 'trendable_by_default'").run();
});

test("posts that arrived from federation count like local ones; silenced accounts do not", async () => {
  const remotes = ["a.example", "b.example", "c.example", "d.example"].map((d, i) => insertRemoteAccount(s.ctx, `birder${i}`, d));
  for (const r of remotes) insertStatus(s.ctx, r.id, { text: "#birds", tags: ["birds"] });
  const silenced = insertRemoteAccount(s.ctx, "loud", "e.example", { silenced_at: s.clock.now() });
  insertStatus(s.ctx, silenced.id, { text: "#birds", tags: ["birds"] });
  await refresh();
  expect(names(await get("/api/v1/admin/trends/tags", admin.token))).not.toContain("birds");
  await people[0]!.client.v1.statuses.create({ status: "a local #birds post" });
  await refresh();
  expect(names(await get("/api/v1/admin/trends/tags", admin.token))).toContain("birds");
});

test("a post trends after five favourites and boosts, once approved", async () => {
  const author = s.fixtures.local_account_1;
  const post = await author.client.v1.statuses.create({ status: "look at this sunset", visibility: "public" });
  for (const p of people.slice(0, 3)) await p.client.v1.statuses.$select(post.id).favourite();
  for (const p of people.slice(3, 5)) await p.client.v1.statuses.$select(post.id).reblog();
  await refresh();
  const pending = await get("/api/v1/admin/trends/statuses", admin.token);
  expect(pending.map((x: { id: string }) => x.id)).toEqual([post.id]);
  expect(await get("/api/v1/trends/statuses")).toEqual([]);
  const approved = await s.api("POST", `/api/v1/admin/trends/statuses/${post.id}/approve`, { token: admin.token });
  expect(approved.status).toBe(200);
  expect(await approved.json()).toMatchObject({ id: post.id, content: "<p>look at this sunset</p>" });
  const shown = await people[0]!.client.v1.trends.statuses.list();
  expect(shown.map((x) => x.id)).toEqual([post.id]);
  // Someone who blocks the author does not see it.
  await people[5]!.client.v1.accounts.$select(author.id).block();
  expect(await people[5]!.client.v1.trends.statuses.list()).toEqual([]);
  // Posts halve every two hours from creation: two days later it is gone.
  s.clock.advance(48 * HOUR);
  await refresh();
  expect(await get("/api/v1/trends/statuses")).toEqual([]);
});

test("a link trends when five accounts share it (posts or boosts), once approved; a card unfit for trends does not", async () => {
  const now = s.clock.now();
  const card = (url: string, image: string | null) =>
    s.ctx.db
      .query<{ id: number }, [number, string, string | null, number]>(
        `INSERT INTO preview_cards (id, url, title, description, provider_name, image_remote_url, created_at, updated_at)
         VALUES (?1, ?2, 'A story', 'What happened', 'The Paper', ?3, ?4, ?4) RETURNING id`,
      )
      .get(s.ctx.ids.next(), url, image, now)!.id;
  const story = card("https://paper.example/story", "https://paper.example/story.jpg");
  const bare = card("https://paper.example/bare", null);
  const attach = (statusId: string, cardId: number, url: string) =>
    s.ctx.db
      .query("INSERT INTO preview_cards_statuses (status_id, preview_card_id, url) VALUES (?, ?, ?)")
      .run(Number(statusId), cardId, url);
  const first = await people[0]!.client.v1.statuses.create({ status: "read https://paper.example/story" });
  attach(first.id, story, "https://paper.example/story");
  for (const p of people.slice(1, 3)) {
    const st = await p.client.v1.statuses.create({ status: "https://paper.example/story wow" });
    attach(st.id, story, "https://paper.example/story");
  }
  for (const p of people.slice(0, 5)) {
    const st = await p.client.v1.statuses.create({ status: "https://paper.example/bare" });
    attach(st.id, bare, "https://paper.example/bare");
  }
  await refresh();
  expect(await get("/api/v1/admin/trends/links", admin.token)).toEqual([]);
  // Two boosts of the first post make five distinct accounts.
  for (const p of people.slice(3, 5)) await p.client.v1.statuses.$select(first.id).reblog();
  await refresh();
  const pending = await get("/api/v1/admin/trends/links", admin.token);
  expect(pending.map((l: { url: string }) => l.url)).toEqual(["https://paper.example/story"]);
  expect(pending[0]).toMatchObject({ id: String(story), requires_review: true, trendable: false });
  expect(await get("/api/v1/trends/links")).toEqual([]);
  const linkApproved = await s.api("POST", `/api/v1/admin/trends/links/${story}/approve`, { token: admin.token });
  expect(linkApproved.status).toBe(200);
  expect(await linkApproved.json()).toMatchObject({
    id: String(story),
    url: "https://paper.example/story",
    trendable: true,
    requires_review: false,
  });
  const links = await s.client().v1.trends.links.list();
  expect(links.map((l) => [l.url, l.title, l.providerName])).toEqual([["https://paper.example/story", "A story", "The Paper"]]);
  expect(links[0]!.history[0]).toMatchObject({ uses: "5", accounts: "5" });
  // The link timeline (4.3): the public posts sharing a trending link, newest first; 404 for other links.
  const timeline = await s.api("GET", `/api/v1/timelines/link?url=${encodeURIComponent("https://paper.example/story")}`);
  expect(timeline.status).toBe(200);
  const posts = (await timeline.json()) as { id: string }[];
  expect(posts.length).toBe(3);
  expect(posts.at(-1)!.id).toBe(first.id);
  const page = await s.api("GET", `/api/v1/timelines/link?url=${encodeURIComponent("https://paper.example/story")}&limit=2`);
  expect(page.headers.get("link")).toContain("max_id=");
  expect((await s.api("GET", `/api/v1/timelines/link?url=${encodeURIComponent("https://paper.example/bare")}`)).status).toBe(404);
  expect((await s.api("GET", "/api/v1/timelines/link")).status).toBe(404);
  // Half-life 8 hours from its peak score of 16: still there after a day, gone after 40 hours.
  s.clock.advance(24 * HOUR);
  await refresh();
  expect((await get("/api/v1/trends/links")).length).toBe(1);
  s.clock.advance(16 * HOUR);
  await refresh();
  expect(await get("/api/v1/trends/links")).toEqual([]);
});

test("admin review needs staff and admin scopes", async () => {
  const user = s.fixtures.local_account_2;
  for (const path of ["/api/v1/admin/trends/tags", "/api/v1/admin/trends/statuses", "/api/v1/admin/trends/links"]) {
    expect((await s.api("GET", path, { token: user.token })).status).toBe(403);
    expect((await s.api("GET", path, { token: s.token(admin.user.id, ["read", "write"]) })).status).toBe(403);
    expect((await s.api("GET", path, { token: admin.token })).status).toBe(200);
  }
  const tagId = s.ctx.db.query<{ id: number }, []>("SELECT id FROM tags WHERE name = 'cats'").get()!.id;
  const userWrite = await s.createUser("elevated", { scopes: ["read", "write", "admin:read", "admin:write"] });
  expect((await s.api("POST", `/api/v1/admin/trends/tags/${tagId}/approve`, { token: userWrite.token })).status).toBe(403);
  const adminNoScope = s.token(admin.user.id, ["read", "write", "admin:read"]);
  expect((await s.api("POST", `/api/v1/admin/trends/tags/${tagId}/reject`, { token: adminNoScope })).status).toBe(403);
  for (const path of ["tags/999999/approve", "statuses/999999/reject", "links/999999/approve", "links/abc/reject"])
    expect([path, (await s.api("POST", `/api/v1/admin/trends/${path}`, { token: admin.token })).status]).toEqual([path, 404]);
});
