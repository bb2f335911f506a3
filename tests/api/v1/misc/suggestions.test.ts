/**
 * Follow suggestions (v1 and v2) from friends of friends and recently active local accounts,
 * dismissing one (stored), and the profile directory's order, local filter and paging.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertRemoteAccount } from "../../../rig/fixtures";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser, erin: TestUser;

beforeAll(async () => {
  s = await startTestServer({ frozen: true, runJobs: false });
  alice = await s.createUser("alice");
  s.clock.advance(1000);
  bob = await s.createUser("bob");
  s.clock.advance(1000);
  carol = await s.createUser("carol");
  s.clock.advance(1000);
  dave = await s.createUser("dave");
  s.clock.advance(1000);
  erin = await s.createUser("erin");
}, 30_000);
afterAll(() => s.stop());

test("friends of friends and recently active local accounts are suggested; dismissing is stored", async () => {
  expect(await alice.client.v2.suggestions.list()).toEqual([]);
  await alice.client.v1.accounts.$select(bob.id).follow();
  await bob.client.v1.accounts.$select(carol.id).follow();
  await bob.client.v1.accounts.$select(alice.id).follow();
  await dave.client.v1.statuses.create({ status: "dave was here" });

  const v2 = await alice.client.v2.suggestions.list();
  expect(v2.map((x) => [x.account.id, x.sources])).toEqual([
    [carol.id, ["friends_of_friends"]],
    [dave.id, ["most_interactions"]],
  ]);
  expect(v2[0]!.source).toBe("past_interactions");
  // Neither herself nor bob (already followed) nor erin (no tie, no posts).
  const v1 = await alice.client.v1.suggestions.list();
  expect(v1.map((a) => a.id)).toEqual([carol.id, dave.id]);

  expect((await s.api("DELETE", `/api/v1/suggestions/${carol.id}`, { token: alice.token })).status).toBe(200);
  expect(s.count("suggestion_dismissals", "account_id = ?", alice.id)).toBe(1);
  expect((await alice.client.v1.suggestions.list()).map((a) => a.id)).toEqual([dave.id]);
  expect((await s.api("DELETE", "/api/v1/suggestions/123", { token: alice.token })).status).toBe(404);
  // An account that hides its follows does not pass its follows on.
  s.ctx.db.query("UPDATE accounts SET hide_collections = 1 WHERE id = ?").run(bob.id);
  await bob.client.v1.accounts.$select(erin.id).follow();
  expect((await alice.client.v1.suggestions.list()).map((a) => a.id)).toEqual([dave.id]);
  // Not discoverable: never suggested.
  s.ctx.db.query("UPDATE accounts SET discoverable = 0 WHERE id = ?").run(dave.id);
  expect(await alice.client.v1.suggestions.list()).toEqual([]);
  s.ctx.db.query("UPDATE accounts SET discoverable = 1 WHERE id = ?").run(dave.id);
});

test("the directory lists discoverable accounts by activity or age, local only on request", async () => {
  const remote = insertRemoteAccount(s.ctx, "faraway", "far.example", { last_status_at: s.clock.now() + 5000 });
  s.clock.advance(10_000);
  await carol.client.v1.statuses.create({ status: "carol's latest" });
  s.ctx.db.query("UPDATE accounts SET discoverable = 0 WHERE id = ?").run(erin.id);

  const active = await s.client().v1.directory.list({ order: "active" });
  expect(active.map((a) => a.id).slice(0, 3)).toEqual([carol.id, String(remote.id), dave.id]);
  expect(active.map((a) => a.id)).not.toContain(erin.id);
  const fresh = await s.client().v1.directory.list({ order: "new" });
  expect(fresh.map((a) => a.id)).toEqual([String(remote.id), dave.id, carol.id, bob.id, alice.id]);
  const local = await s.client().v1.directory.list({ order: "new", local: true });
  expect(local.map((a) => a.id)).toEqual([dave.id, carol.id, bob.id, alice.id]);
  const paged = await s.client().v1.directory.list({ order: "new", local: true, offset: 1, limit: 2 });
  expect(paged.map((a) => a.id)).toEqual([carol.id, bob.id]);
  // A viewer who blocks an account does not see it.
  await alice.client.v1.accounts.$select(dave.id).block();
  expect((await alice.client.v1.directory.list({ order: "new", local: true })).map((a) => a.id)).toEqual([carol.id, bob.id, alice.id]);
});
