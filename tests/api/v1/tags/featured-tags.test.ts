/**
 * /api/v1/featured_tags (list, create, delete, suggestions), /api/v1/accounts/:id/featured_tags,
 * and the actor's featuredTags collection.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertStatus } from "../../../rig/fixtures";

let s: TestServer;
let alice: TestUser, bob: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
}, 30_000);
afterAll(() => s.stop());

test("feature a tag: counts the owner's public and unlisted posts with it; url is the owner's tagged page", async () => {
  const a = Number(alice.id);
  insertStatus(s.ctx, a, { text: "#Photo 1", tags: ["Photo"] });
  insertStatus(s.ctx, a, { text: "#photo 2", tags: ["photo"], visibility: "unlisted" });
  insertStatus(s.ctx, a, { text: "#photo private", tags: ["photo"], visibility: "private" });
  const last = insertStatus(s.ctx, a, { text: "#photo 3", tags: ["photo"] });
  insertStatus(s.ctx, Number(bob.id), { text: "#photo by bob", tags: ["photo"] });

  const f = await alice.client.v1.featuredTags.create({ name: "#Photo" });
  expect(f).toEqual({
    id: expect.any(String),
    name: "Photo",
    url: `${s.url}/@alice/tagged/photo`,
    statusesCount: 3,
    lastStatusAt: new Date(last.created_at).toISOString(),
  });
  // Raw JSON has Mastodon's snake_case fields and an integer count.
  const raw = await (await s.api("GET", "/api/v1/featured_tags", { token: alice.token })).json();
  expect(raw).toEqual([
    {
      id: f.id,
      name: "Photo",
      url: `${s.url}/@alice/tagged/photo`,
      statuses_count: 3,
      last_status_at: new Date(last.created_at).toISOString(),
    },
  ]);
  // Featuring again returns the same record.
  const again = await alice.client.v1.featuredTags.create({ name: "photo" });
  expect(again.id).toBe(f.id);
  expect(s.count("featured_tags")).toBe(1);

  // A tag never used: zero and null.
  const fresh = await alice.client.v1.featuredTags.create({ name: "Unused" });
  expect(fresh).toMatchObject({ name: "Unused", statusesCount: 0, lastStatusAt: null });
  // Most used first.
  expect((await alice.client.v1.featuredTags.list()).map((x) => x.name)).toEqual(["Photo", "Unused"]);
  // The tag knows it is featured.
  expect((await alice.client.v1.tags.$select("photo").fetch()).featuring).toBe(true);
});

test("anyone can read an account's featured tags; a suspended account shows none; unknown ids 404", async () => {
  const list = await bob.client.v1.accounts.$select(alice.id).featuredTags.list();
  expect(list.map((x) => x.name)).toEqual(["Photo", "Unused"]);
  const anon = await s.api("GET", `/api/v1/accounts/${alice.id}/featured_tags`);
  expect(anon.status).toBe(200);
  expect((await anon.json()).map((x: { statuses_count: number }) => x.statuses_count)).toEqual([3, 0]);
  expect(await (await s.api("GET", `/api/v1/accounts/${bob.id}/featured_tags`)).json()).toEqual([]);
  expect((await s.api("GET", "/api/v1/accounts/999999/featured_tags")).status).toBe(404);
  expect((await s.api("GET", "/api/v1/accounts/nope/featured_tags")).status).toBe(404);
  const zed = await s.createUser("zed");
  await zed.client.v1.featuredTags.create({ name: "gone" });
  s.ctx.db.query("UPDATE accounts SET suspended_at = ? WHERE id = ?").run(Date.now(), zed.id);
  expect(await (await s.api("GET", `/api/v1/accounts/${zed.id}/featured_tags`)).json()).toEqual([]);
});

test("the actor document links a featuredTags collection of Hashtags", async () => {
  const headers = { Accept: "application/activity+json" };
  const actor = await (await fetch(`${s.url}/users/alice`, { headers })).json();
  expect(actor.featuredTags).toBe(`${s.url}/users/alice/collections/tags`);
  const col = await (await fetch(actor.featuredTags, { headers })).json();
  expect(col).toMatchObject({ id: actor.featuredTags, type: "Collection", totalItems: 2 });
  expect(col.items).toContainEqual({ type: "Hashtag", href: `${s.url}/tags/photo`, name: "#Photo" });
  expect((await fetch(`${s.url}/users/nobody/collections/tags`, { headers })).status).toBe(404);
});

test("suggestions: the viewer's most used recent tags, not yet featured, as Tags", async () => {
  const b = Number(bob.id);
  for (let i = 0; i < 3; i++) insertStatus(s.ctx, b, { text: "#cats", tags: ["cats"] });
  insertStatus(s.ctx, b, { text: "#dogs", tags: ["dogs"] });
  await bob.client.v1.tags.$select("birds").feature();
  insertStatus(s.ctx, b, { text: "#birds", tags: ["birds"] });
  const sug = await bob.client.v1.featuredTags.suggestions.list();
  // Most used first; ties go to the more recently used. Featured #birds is left out.
  expect(sug.map((t) => t.name)).toEqual(["cats", "dogs", "Photo"]);
  expect(sug[0]).toMatchObject({ name: "cats", featuring: false, following: false });
  expect(sug.find((t) => t.name === "cats")!.history![0]!.uses).toBe("3");
});

test("delete: own only (404 for others' and unknown ids), answers {}", async () => {
  const [photo] = (await alice.client.v1.featuredTags.list()).filter((x) => x.name === "Photo");
  const other = await s.api("DELETE", `/api/v1/featured_tags/${photo!.id}`, { token: bob.token });
  expect(other.status).toBe(404);
  expect(await other.json()).toEqual({ error: "Record not found" });
  expect((await s.api("DELETE", "/api/v1/featured_tags/12345", { token: alice.token })).status).toBe(404);
  expect((await s.api("DELETE", "/api/v1/featured_tags/abc", { token: alice.token })).status).toBe(404);
  expect(s.count("featured_tags", "account_id = ?", alice.id)).toBe(2);
  const res = await s.api("DELETE", `/api/v1/featured_tags/${photo!.id}`, { token: alice.token });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({});
  expect(s.count("featured_tags", "id = ?", photo!.id)).toBe(0);
  await alice.client.v1.featuredTags.$select((await alice.client.v1.featuredTags.list())[0]!.id).remove();
  expect(s.count("featured_tags", "account_id = ?", alice.id)).toBe(0);
});

test("validation: blank, invalid and wrongly typed names are 422; at most ten", async () => {
  const cases: [unknown, string][] = [
    [undefined, "Validation failed: Name can't be blank"],
    ["", "Validation failed: Name can't be blank"],
    ["  #  ", "Validation failed: Name can't be blank"],
    ["123", "Validation failed: Tag is invalid"],
    ["two words", "Validation failed: Tag is invalid"],
    ["a-b", "Validation failed: Tag is invalid"],
  ];
  const tags = s.count("tags");
  for (const [name, error] of cases) {
    const res = await s.api("POST", "/api/v1/featured_tags", { token: alice.token, json: name === undefined ? {} : { name } });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toBe(error);
  }
  const typed = await s.api("POST", "/api/v1/featured_tags", { token: alice.token, json: { name: ["a"] } });
  expect(typed.status).toBe(422);
  expect(s.count("featured_tags", "account_id = ?", alice.id)).toBe(0);
  expect(s.count("tags")).toBe(tags);

  for (let i = 0; i < 10; i++) await alice.client.v1.featuredTags.create({ name: `tag${i}x` });
  const over = await s.api("POST", "/api/v1/featured_tags", { token: alice.token, form: { name: "eleventh" } });
  expect(over.status).toBe(422);
  expect((await over.json()).error).toBe("Validation failed: You have already featured the maximum number of hashtags");
  expect((await s.api("POST", "/api/v1/tags/eleventh/feature", { token: alice.token })).status).toBe(422);
  expect(s.count("featured_tags", "account_id = ?", alice.id)).toBe(10);
  // Re-featuring one of the ten is still fine.
  expect((await s.api("POST", "/api/v1/featured_tags", { token: alice.token, form: { name: "tag3x" } })).status).toBe(200);
});

test("scopes: read:accounts to list, write:accounts to change; 401 without a token", async () => {
  const readOnly = s.token(alice.user.id, ["read"]);
  const wrongRead = s.token(alice.user.id, ["read:statuses", "write:follows"]);
  const n = s.count("featured_tags");
  expect((await s.api("GET", "/api/v1/featured_tags")).status).toBe(401);
  expect((await s.api("GET", "/api/v1/featured_tags/suggestions")).status).toBe(401);
  expect((await s.api("POST", "/api/v1/featured_tags", { form: { name: "x" } })).status).toBe(401);
  expect((await s.api("GET", "/api/v1/featured_tags", { token: wrongRead })).status).toBe(403);
  expect((await s.api("GET", "/api/v1/featured_tags/suggestions", { token: wrongRead })).status).toBe(403);
  expect((await s.api("GET", "/api/v1/featured_tags", { token: readOnly })).status).toBe(200);
  expect((await s.api("POST", "/api/v1/featured_tags", { token: readOnly, form: { name: "scoped" } })).status).toBe(403);
  expect((await s.api("POST", "/api/v1/featured_tags", { token: wrongRead, form: { name: "scoped" } })).status).toBe(403);
  const id = (await alice.client.v1.featuredTags.list())[0]!.id;
  expect((await s.api("DELETE", `/api/v1/featured_tags/${id}`, { token: readOnly })).status).toBe(403);
  expect((await s.api("DELETE", `/api/v1/featured_tags/${id}`)).status).toBe(401);
  expect(s.count("featured_tags")).toBe(n);
  expect(s.count("tags", "name = 'scoped'")).toBe(0);
});
