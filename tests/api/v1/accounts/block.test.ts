import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertStatus } from "../../../rig/fixtures";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  carol = await s.createUser("carol");
}, 30_000);
afterAll(() => s.stop());

test("block removes follows both ways, cleans feeds and hides statuses", async () => {
  await alice.client.v1.accounts.$select(bob.id).follow();
  await bob.client.v1.accounts.$select(alice.id).follow();
  const bobPost = insertStatus(s.ctx, Number(bob.id), { text: "bob says" });
  const alicePost = insertStatus(s.ctx, Number(alice.id), { text: "alice says" });
  expect(s.count("home_feeds", "account_id = ? AND status_id = ?", alice.id, bobPost.id)).toBe(1);

  const rel = await alice.client.v1.accounts.$select(bob.id).block();
  expect(rel).toMatchObject({ blocking: true, following: false, followedBy: false });
  expect(s.count("follows")).toBe(0);
  expect(s.count("home_feeds", "account_id = ? AND status_id = ?", alice.id, bobPost.id)).toBe(0);
  expect(s.count("home_feeds", "account_id = ? AND status_id = ?", bob.id, alicePost.id)).toBe(0);
  const counts = s.ctx.db.query<{ n: number }, []>("SELECT sum(followers_count + following_count) AS n FROM accounts").get()!;
  expect(counts.n).toBe(0);

  const [bobView] = await bob.client.v1.accounts.relationships.fetch({ id: [alice.id] });
  expect(bobView).toMatchObject({ blockedBy: true, blocking: false });
  // both sides see an empty list of the other's statuses
  expect(await bob.client.v1.accounts.$select(alice.id).statuses.list()).toEqual([]);
  expect(await alice.client.v1.accounts.$select(bob.id).statuses.list()).toEqual([]);
  // blocked accounts cannot follow
  expect((await s.api("POST", `/api/v1/accounts/${alice.id}/follow`, { token: bob.token })).status).toBe(403);

  const blocks = await alice.client.v1.blocks.list();
  expect(blocks.map((a) => a.id)).toEqual([bob.id]);

  const un = await alice.client.v1.accounts.$select(bob.id).unblock();
  expect(un.blocking).toBe(false);
  expect((await bob.client.v1.accounts.$select(alice.id).statuses.list()).map((x) => x.id)).toEqual([alicePost.id.toString()]);
});

test("mute hides from the home feed, honours notifications and duration; unmute restores", async () => {
  await alice.client.v1.accounts.$select(carol.id).follow();
  const post = insertStatus(s.ctx, Number(carol.id), { text: "carol" });
  expect(s.count("home_feeds", "account_id = ? AND status_id = ?", alice.id, post.id)).toBe(1);
  const rel = await alice.client.v1.accounts.$select(carol.id).mute({ notifications: false, duration: 3600 });
  expect(rel).toMatchObject({ muting: true, mutingNotifications: false, following: true });
  expect(s.count("home_feeds", "account_id = ? AND status_id = ?", alice.id, post.id)).toBe(0);
  const row = s.ctx.db.query<{ expires_at: number }, [string]>("SELECT expires_at FROM mutes WHERE account_id = ?").get(alice.id)!;
  expect(Math.abs(row.expires_at - (Date.now() + 3600_000))).toBeLessThan(60_000);

  const again = await alice.client.v1.accounts.$select(carol.id).mute();
  expect(again).toMatchObject({ muting: true, mutingNotifications: true });
  expect(s.count("mutes")).toBe(1);

  const res = await s.api("GET", "/api/v1/mutes", { token: alice.token });
  const mutes = (await res.json()) as { id: string; mute_expires_at: string | null }[];
  expect(mutes.map((m) => m.id)).toEqual([carol.id]);
  expect(mutes[0]!.mute_expires_at).toBeNull();

  const un = await alice.client.v1.accounts.$select(carol.id).unmute();
  expect(un.muting).toBe(false);
  expect(s.count("home_feeds", "account_id = ? AND status_id = ?", alice.id, post.id)).toBe(1);
});

test("private note on an account", async () => {
  const rel = await alice.client.v1.accounts.$select(bob.id).note.create({ comment: "met at the meetup" });
  expect(rel.note).toBe("met at the meetup");
  const [r] = await alice.client.v1.accounts.relationships.fetch({ id: [bob.id] });
  expect(r!.note).toBe("met at the meetup");
  await alice.client.v1.accounts.$select(bob.id).note.create({ comment: "" });
  expect(s.count("account_notes")).toBe(0);
  const long = await s.api("POST", `/api/v1/accounts/${bob.id}/note`, { token: alice.token, json: { comment: "x".repeat(2001) } });
  expect(long.status).toBe(422);
  expect(s.count("account_notes")).toBe(0);
});

test("bad input: scopes, tokens, unknown ids, wrong types", async () => {
  const n = s.count("blocks") + s.count("mutes");
  const readOnly = s.token(alice.user.id, ["read"]);
  for (const action of ["block", "unblock", "mute", "unmute", "note"]) {
    expect((await s.api("POST", `/api/v1/accounts/${bob.id}/${action}`, { token: readOnly })).status).toBe(403);
    expect((await s.api("POST", `/api/v1/accounts/${bob.id}/${action}`)).status).toBe(401);
    expect((await s.api("POST", `/api/v1/accounts/123456789/${action}`, { token: alice.token })).status).toBe(404);
  }
  expect((await s.api("POST", `/api/v1/accounts/${bob.id}/mute`, { token: alice.token, json: { duration: "forever" } })).status).toBe(422);
  expect((await s.api("POST", `/api/v1/accounts/${bob.id}/mute`, { token: alice.token, json: { notifications: "maybe" } })).status).toBe(
    422,
  );
  expect((await s.api("POST", `/api/v1/accounts/${bob.id}/mute`, { token: alice.token, json: { duration: -5 } })).status).toBe(422);
  expect((await s.api("POST", `/api/v1/accounts/${bob.id}/note`, { token: alice.token, json: { comment: { a: 1 } } })).status).toBe(422);
  expect((await s.api("GET", `/api/v1/blocks`, { token: s.token(alice.user.id, ["write"]) })).status).toBe(403);
  expect((await s.api("GET", `/api/v1/mutes`)).status).toBe(401);
  // write:blocks alone may block but not mute
  const blocksOnly = s.token(alice.user.id, ["write:blocks"]);
  expect((await s.api("POST", `/api/v1/accounts/${bob.id}/mute`, { token: blocksOnly })).status).toBe(403);
  expect(s.count("blocks") + s.count("mutes")).toBe(n);
});
