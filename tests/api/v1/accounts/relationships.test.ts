import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let me: TestUser, a: TestUser, b: TestUser, c: TestUser, d: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  me = await s.createUser("me");
  a = await s.createUser("a");
  b = await s.createUser("b", { locked: true });
  c = await s.createUser("c");
  d = await s.createUser("d");
}, 30_000);
afterAll(() => s.stop());

test("relationships for several accounts at once, in request order", async () => {
  await me.client.v1.accounts.$select(a.id).follow({ notify: true });
  await a.client.v1.accounts.$select(me.id).follow();
  await me.client.v1.accounts.$select(b.id).follow();
  await me.client.v1.accounts.$select(c.id).mute({ notifications: false });
  await d.client.v1.accounts.$select(me.id).block();
  s.ctx.db.query("UPDATE accounts SET suspended_at = 1 WHERE id = ?").run(c.id);
  const res = await s.api("GET", `/api/v1/accounts/relationships?id[]=${d.id}&id[]=${a.id}&id[]=999&id[]=${b.id}&id[]=${c.id}`, {
    token: me.token,
  });
  const rels = (await res.json()) as Record<string, unknown>[];
  expect(rels.map((r) => r.id)).toEqual([d.id, a.id, b.id]);
  expect(rels[0]).toEqual({
    id: d.id,
    following: false,
    showing_reblogs: false,
    notifying: false,
    languages: null,
    followed_by: false,
    blocking: false,
    blocked_by: true,
    muting: false,
    muting_notifications: false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: "",
  });
  expect(rels[1]).toMatchObject({ following: true, followed_by: true, notifying: true, showing_reblogs: true });
  expect(rels[2]).toMatchObject({ following: false, requested: true });
  const withSuspended = (await (
    await s.api("GET", `/api/v1/accounts/relationships?id[]=${c.id}&with_suspended=true`, { token: me.token })
  ).json()) as Record<string, unknown>[];
  expect(withSuspended[0]).toMatchObject({ id: c.id, muting: true, muting_notifications: false });
  // single id without brackets works too
  const single = await me.client.v1.accounts.relationships.fetch({ id: [a.id] });
  expect(single.length).toBe(1);
});

test("familiar followers", async () => {
  // me follows a and b-requested; d follows a: d is a familiar follower of a for nobody, a follows me
  await d.client.v1.accounts.$select(a.id).follow();
  const res = (await (
    await s.api("GET", `/api/v1/accounts/familiar_followers?id[]=${me.id}&id[]=${d.id}`, { token: me.token })
  ).json()) as { id: string; accounts: { id: string }[] }[];
  expect(res.map((r) => r.id)).toEqual([me.id, d.id]);
  // a follows me and I follow a
  expect(res[0]!.accounts.map((x) => x.id)).toEqual([a.id]);
  expect(res[1]!.accounts).toEqual([]);
  // masto.js sends the ids positionally (?0=…&1=…); they are read all the same
  const viaMasto = await me.client.v1.accounts.familiarFollowers.fetch([me.id, d.id]);
  expect(viaMasto.map((r) => r.id)).toEqual([me.id, d.id]);
  expect(viaMasto[0]!.accounts.map((x) => x.id)).toEqual([a.id]);
  // from d's side nobody d follows follows a except... d follows a itself, which is not a follower of a
  const mine = (await (await s.api("GET", `/api/v1/accounts/familiar_followers?id[]=${a.id}`, { token: d.token })).json()) as {
    accounts: unknown[];
  }[];
  expect(mine[0]!.accounts).toEqual([]);
});

test("bad input", async () => {
  expect((await s.api("GET", `/api/v1/accounts/relationships?id[]=${a.id}`)).status).toBe(401);
  expect((await s.api("GET", `/api/v1/accounts/relationships?id[]=${a.id}`, { token: s.token(me.user.id, ["write"]) })).status).toBe(403);
  expect(await (await s.api("GET", `/api/v1/accounts/relationships`, { token: me.token })).json()).toEqual([]);
  expect((await s.api("GET", `/api/v1/accounts/relationships?id[a][b]=1`, { token: me.token })).status).toBe(422);
  expect((await s.api("GET", `/api/v1/accounts/relationships?id[]=1&with_suspended=maybe`, { token: me.token })).status).toBe(422);
  expect((await s.api("GET", `/api/v1/accounts/familiar_followers?id[]=${a.id}`)).status).toBe(401);
});
