/** GET /api/v1/tags/:name, POST /api/v1/tags/:name/follow|unfollow|feature|unfeature. */
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

const DAY = 86_400_000;

test("a known tag: name as first typed, url, a week of history counting public posts, viewer flags", async () => {
  insertStatus(s.ctx, Number(bob.id), { text: "#Caturday one", tags: ["Caturday"] });
  insertStatus(s.ctx, Number(bob.id), { text: "#caturday two", tags: ["caturday"] });
  insertStatus(s.ctx, Number(alice.id), { text: "#caturday three", tags: ["caturday"] });
  insertStatus(s.ctx, Number(alice.id), { text: "#caturday hidden", tags: ["caturday"], visibility: "private" });
  const tag = await alice.client.v1.tags.$select("CATURDAY").fetch();
  const id = s.ctx.db.query<{ id: number }, []>("SELECT id FROM tags WHERE name = 'caturday'").get()!.id;
  expect(tag).toMatchObject({ id: String(id), name: "Caturday", url: `${s.url}/tags/caturday`, following: false, featuring: false });
  const today = Math.floor(Date.now() / DAY) * DAY;
  expect(tag.history).toHaveLength(7);
  expect(tag.history![0]).toEqual({ day: String(today / 1000), uses: "3", accounts: "2" });
  expect(tag.history![6]).toEqual({ day: String((today - 6 * DAY) / 1000), uses: "0", accounts: "0" });

  // Anonymous: no viewer flags.
  const anon = await (await s.api("GET", "/api/v1/tags/caturday")).json();
  expect(anon.following).toBeUndefined();
  expect(anon.featuring).toBeUndefined();
  expect(anon.name).toBe("Caturday");
});

test("any valid name answers, unknown ones unsaved; invalid names are 404; nothing is written", async () => {
  const before = s.count("tags");
  const res = await s.api("GET", `/api/v1/tags/${encodeURIComponent("Ünbekannt")}`, { token: alice.token });
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({
    id: "",
    name: "Ünbekannt",
    url: `${s.url}/tags/${encodeURIComponent("ünbekannt")}`,
    following: false,
    featuring: false,
  });
  expect(body.history.every((h: { uses: string }) => h.uses === "0")).toBe(true);
  for (const bad of ["123", "a-b", "a%20b", "%23", "x".repeat(501)]) {
    const r = await s.api("GET", `/api/v1/tags/${bad}`);
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: "Record not found" });
    expect((await s.api("POST", `/api/v1/tags/${bad}/follow`, { token: alice.token })).status).toBe(404);
    expect((await s.api("POST", `/api/v1/tags/${bad}/feature`, { token: alice.token })).status).toBe(404);
  }
  expect(s.count("tags")).toBe(before);
  expect(s.count("tag_follows")).toBe(0);
  expect(s.count("featured_tags")).toBe(0);
});

test("follow and unfollow are idempotent, create the tag when new, and set `following`", async () => {
  const t1 = await alice.client.v1.tags.$select("NewTag").follow();
  expect(t1).toMatchObject({ name: "NewTag", following: true, featuring: false });
  expect(t1.id).not.toBe("");
  const t2 = await alice.client.v1.tags.$select("newtag").follow();
  expect(t2).toMatchObject({ id: t1.id, name: "NewTag", following: true });
  expect(s.count("tag_follows", "account_id = ?", alice.id)).toBe(1);
  expect(s.count("tags", "name = 'newtag'")).toBe(1);
  // Bob's view is his own.
  expect((await bob.client.v1.tags.$select("newtag").fetch()).following).toBe(false);
  // A leading # is accepted, as Mastodon's clients sometimes send it.
  expect((await s.api("GET", "/api/v1/tags/%23newtag", { token: alice.token })).status).toBe(200);

  const u1 = await alice.client.v1.tags.$select("newtag").unfollow();
  expect(u1.following).toBe(false);
  const u2 = await alice.client.v1.tags.$select("newtag").unfollow();
  expect(u2.following).toBe(false);
  expect(s.count("tag_follows")).toBe(0);
  // Unfollowing a tag that does not exist answers and writes nothing.
  const tags = s.count("tags");
  const u3 = await alice.client.v1.tags.$select("neverseen").unfollow();
  expect(u3).toMatchObject({ id: "", name: "neverseen", following: false });
  expect(s.count("tags")).toBe(tags);
});

test("feature and unfeature through the tag (4.4) are idempotent and set `featuring`", async () => {
  const f1 = await alice.client.v1.tags.$select("Knitting").feature();
  expect(f1).toMatchObject({ name: "Knitting", featuring: true, following: false });
  await alice.client.v1.tags.$select("knitting").feature();
  expect(s.count("featured_tags", "account_id = ?", alice.id)).toBe(1);
  const list = await alice.client.v1.featuredTags.list();
  expect(list.map((f) => f.name)).toEqual(["Knitting"]);
  const u = await alice.client.v1.tags.$select("knitting").unfeature();
  expect(u.featuring).toBe(false);
  expect((await alice.client.v1.tags.$select("knitting").unfeature()).featuring).toBe(false);
  expect(s.count("featured_tags")).toBe(0);
});

test("scopes and tokens: 401 without a token, 403 with the wrong scope, nothing written", async () => {
  const readOnly = s.token(alice.user.id, ["read"]);
  const followsOnly = s.token(alice.user.id, ["write:follows"]);
  const accountsOnly = s.token(alice.user.id, ["write:accounts"]);
  for (const action of ["follow", "unfollow", "feature", "unfeature"]) {
    expect((await s.api("POST", `/api/v1/tags/scoped/${action}`)).status).toBe(401);
    expect((await s.api("POST", `/api/v1/tags/scoped/${action}`, { token: "nope" })).status).toBe(401);
    expect((await s.api("POST", `/api/v1/tags/scoped/${action}`, { token: readOnly })).status).toBe(403);
  }
  expect((await s.api("POST", "/api/v1/tags/scoped/follow", { token: accountsOnly })).status).toBe(403);
  expect((await s.api("POST", "/api/v1/tags/scoped/feature", { token: followsOnly })).status).toBe(403);
  expect(s.count("tags", "name = 'scoped'")).toBe(0);
  expect(s.count("tag_follows")).toBe(0);
  expect(s.count("featured_tags")).toBe(0);
  // The legacy `follow` scope covers write:follows, as in Mastodon.
  const legacy = s.token(alice.user.id, ["follow"]);
  expect((await s.api("POST", "/api/v1/tags/scoped/follow", { token: legacy })).status).toBe(200);
  expect((await s.api("POST", "/api/v1/tags/scoped/unfollow", { token: followsOnly })).status).toBe(200);
  expect(s.count("tag_follows")).toBe(0);
  // A bad token on the public GET is still 401.
  expect((await s.api("GET", "/api/v1/tags/scoped", { token: "nope" })).status).toBe(401);
});
