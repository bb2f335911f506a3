/** GET /api/v1/followed_tags: newest follow first, Link-paginated by the follow's id. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let alice: TestUser, bob: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  for (const name of ["one", "Two", "three", "four", "five"]) await alice.client.v1.tags.$select(name).follow();
  await bob.client.v1.tags.$select("bobs").follow();
}, 30_000);
afterAll(() => s.stop());

test("lists own followed tags as Tag entities, newest first", async () => {
  const tags = await alice.client.v1.followedTags.list();
  expect(tags.map((t) => t.name)).toEqual(["five", "four", "three", "Two", "one"]);
  expect(tags.every((t) => t.following === true && t.history?.length === 7)).toBe(true);
  expect(tags[3]!.url).toBe(`${s.url}/tags/two`);
});

test("pages with limit and the Link header (max_id / min_id are follow ids)", async () => {
  const res = await s.api("GET", "/api/v1/followed_tags?limit=2", { token: alice.token });
  expect(res.status).toBe(200);
  expect((await res.json()).map((t: { name: string }) => t.name)).toEqual(["five", "four"]);
  const link = res.headers.get("Link")!;
  const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
  const prev = /<([^>]+)>; rel="prev"/.exec(link)![1]!;
  expect(next).toContain("limit=2");
  const followIds = s.ctx.db
    .query<{ id: number }, [string]>("SELECT id FROM tag_follows WHERE account_id = ? ORDER BY id DESC")
    .all(alice.id)
    .map((r) => String(r.id));
  expect(next).toContain(`max_id=${followIds[1]}`);
  const page2 = await (await fetch(next, { headers: { Authorization: `Bearer ${alice.token}` } })).json();
  expect(page2.map((t: { name: string }) => t.name)).toEqual(["three", "Two"]);
  const before = await (await fetch(prev, { headers: { Authorization: `Bearer ${alice.token}` } })).json();
  expect(before).toEqual([]);

  // masto.js follows the Link header.
  const names: string[] = [];
  for await (const page of alice.client.v1.followedTags.list({ limit: 2 })) names.push(...page.map((t) => t.name));
  expect(names).toEqual(["five", "four", "three", "Two", "one"]);
});

test("limit defaults to 100 and caps at 200; bad limits fall back", async () => {
  s.ctx.db.transaction(() => {
    for (let i = 0; i < 210; i++) {
      const tagId = s.ctx.ids.next();
      s.ctx.db
        .query("INSERT INTO tags (id, name, display_name, created_at) VALUES (?, ?, ?, ?)")
        .run(tagId, `bulk${i}`, `bulk${i}`, Date.now());
      s.ctx.db
        .query("INSERT INTO tag_follows (id, account_id, tag_id, created_at) VALUES (?, ?, ?, ?)")
        .run(s.ctx.ids.next(), bob.id, tagId, Date.now());
    }
  })();
  const len = async (q: string) => (await (await s.api("GET", `/api/v1/followed_tags${q}`, { token: bob.token })).json()).length;
  expect(await len("")).toBe(100);
  expect(await len("?limit=1000")).toBe(200);
  expect(await len("?limit=abc")).toBe(100);
  expect(await len("?limit=3")).toBe(3);
});

test("needs a user token with read:follows", async () => {
  expect((await s.api("GET", "/api/v1/followed_tags")).status).toBe(401);
  expect((await s.api("GET", "/api/v1/followed_tags", { token: "nope" })).status).toBe(401);
  const wrong = s.token(alice.user.id, ["read:statuses"]);
  expect((await s.api("GET", "/api/v1/followed_tags", { token: wrong })).status).toBe(403);
  const right = s.token(alice.user.id, ["read:follows"]);
  expect((await (await s.api("GET", "/api/v1/followed_tags", { token: right })).json()).length).toBe(5);
  const legacy = s.token(alice.user.id, ["follow"]);
  expect((await s.api("GET", "/api/v1/followed_tags", { token: legacy })).status).toBe(200);
});
