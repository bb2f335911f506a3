import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertStatus } from "../../../rig/fixtures";

let s: TestServer;
let me: TestUser, kate: TestUser, lock: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  me = await s.createUser("me");
  kate = await s.createUser("kate");
  lock = await s.createUser("lock");
  insertStatus(s.ctx, Number(kate.id), { text: "I love #Kittens and kites", tags: ["Kittens"] });
  insertStatus(s.ctx, Number(lock.id), { text: "secret kites", visibility: "private" });
  insertStatus(s.ctx, Number(kate.id), { text: "unlisted kites", visibility: "unlisted" });
}, 30_000);
afterAll(() => s.stop());

test("accounts, hashtags and statuses", async () => {
  const res = await me.client.v2.search.list({ q: "ki" });
  expect(res.accounts).toEqual([]);
  expect(res.hashtags).toMatchObject([{ name: "Kittens", url: `${s.url}/tags/kittens`, following: false, featuring: false }]);
  expect(res.hashtags[0]!.history).toHaveLength(7);
  expect(res.hashtags[0]!.history![0]).toMatchObject({ uses: "1", accounts: "1" });
  const r2 = await me.client.v2.search.list({ q: "kate" });
  expect(r2.accounts.map((a) => a.acct)).toEqual(["kate"]);
  // Mastodon 4.5's searchable set: public posts of indexable accounts, and the viewer's library
  // (unlisted and private posts only once the viewer interacted with them)
  const kites = await me.client.v2.search.list({ q: "kites", type: "statuses" });
  expect(kites.statuses.map((x) => x.content).sort()).toEqual(["<p>I love #Kittens and kites</p>"]);
  expect(kites.accounts).toEqual([]);
  expect(kites.hashtags).toEqual([]);
  // a private post needs the viewer to see it (follow) and to have interacted with it (favourite)
  const secret = s.ctx.db.query<{ id: number }, [string]>("SELECT id FROM statuses WHERE text = ?").get("secret kites")!;
  await s.api("POST", `/api/v1/accounts/${lock.id}/follow`, { token: me.token });
  expect((await me.client.v2.search.list({ q: "kites", type: "statuses" })).statuses).toHaveLength(1);
  await me.client.v1.statuses.$select(String(secret.id)).favourite();
  expect((await me.client.v2.search.list({ q: "kites", type: "statuses" })).statuses).toHaveLength(2);
  expect((await me.client.v2.search.list({ q: "kites", type: "statuses", accountId: lock.id })).statuses).toHaveLength(1);
  expect((await me.client.v2.search.list({ q: "#kitt", type: "hashtags" })).hashtags).toHaveLength(1);
});

test("logged out: public only, no offset or resolve", async () => {
  const res = await s.api("GET", "/api/v2/search?q=kites");
  expect(res.status).toBe(200);
  const body = await res.json();
  expect(body.statuses.map((x: { content: string }) => x.content)).toEqual(["<p>I love #Kittens and kites</p>"]);
  expect((await s.api("GET", "/api/v2/search?q=kites&offset=1")).status).toBe(401);
  expect((await s.api("GET", "/api/v2/search?q=kites&resolve=true")).status).toBe(401);
});

test("bad input", async () => {
  expect((await s.api("GET", "/api/v2/search", { token: me.token })).status).toBe(400);
  expect((await s.api("GET", "/api/v2/search?q=a&limit=x", { token: me.token })).status).toBe(422);
  expect((await s.api("GET", "/api/v2/search?q=a", { token: s.token(me.user.id, ["write"]) })).status).toBe(403);
  expect((await s.api("GET", "/api/v2/search?q=a", { token: "bogus" })).status).toBe(401);
  const unknownType = await (await s.api("GET", "/api/v2/search?q=kate&type=foo", { token: me.token })).json();
  expect(unknownType).toEqual({ accounts: [], statuses: [], hashtags: [] });
});
