import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let me: TestUser, other: TestUser;
// Mastodon's defaults: private mentions from strangers and limited accounts are filtered.
const DEFAULTS = {
  for_not_following: "accept",
  for_not_followers: "accept",
  for_new_accounts: "accept",
  for_private_mentions: "filter",
  for_limited_accounts: "filter",
  for_bots: "accept",
  summary: { pending_requests_count: 0, pending_notifications_count: 0 },
};

beforeAll(async () => {
  s = await startTestServer();
  me = await s.createUser("pme");
  other = await s.createUser("pother");
});
afterAll(() => s.stop());

describe("/api/v2/notifications/policy", () => {
  test("defaults, update, persistence", async () => {
    expect(await (await s.api("GET", "/api/v2/notifications/policy", { token: me.token })).json()).toEqual(DEFAULTS);
    const res = await s.api("PATCH", "/api/v2/notifications/policy", {
      token: me.token,
      json: { for_not_following: "filter", for_new_accounts: "drop" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...DEFAULTS, for_not_following: "filter", for_new_accounts: "drop" });
    const viaMasto = await me.client.v2.notifications.policy.update({ forPrivateMentions: "filter" });
    expect(viaMasto).toMatchObject({ forNotFollowing: "filter", forNewAccounts: "drop", forPrivateMentions: "filter", forBots: "accept" });
    expect(await me.client.v2.notifications.policy.fetch()).toMatchObject({ forNotFollowing: "filter", forPrivateMentions: "filter" });
    // per account
    expect(await (await s.api("GET", "/api/v2/notifications/policy", { token: other.token })).json()).toEqual(DEFAULTS);
  });

  test("bad values are 422 and change nothing; scopes and tokens", async () => {
    const before = await (await s.api("GET", "/api/v2/notifications/policy", { token: me.token })).json();
    const bad = await s.api("PATCH", "/api/v2/notifications/policy", {
      token: me.token,
      form: { for_not_following: "accept", for_bots: "maybe" },
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toBe("Validation failed: For bots is not included in the list");
    expect((await s.api("PATCH", "/api/v2/notifications/policy", { token: me.token, json: { for_bots: ["drop"] } })).status).toBe(422);
    expect(
      (await s.api("PATCH", "/api/v2/notifications/policy", { token: s.token(me.user.id, ["read"]), json: { for_bots: "drop" } })).status,
    ).toBe(403);
    expect((await s.api("PATCH", "/api/v2/notifications/policy", { json: { for_bots: "drop" } })).status).toBe(401);
    expect((await s.api("GET", "/api/v2/notifications/policy", { token: s.token(me.user.id, ["read:statuses"]) })).status).toBe(403);
    expect(await (await s.api("GET", "/api/v2/notifications/policy", { token: me.token })).json()).toEqual(before);
    expect(s.count("notification_policies", "account_id = ?", other.account.id)).toBe(0);
  });
});

describe("/api/v1/notifications/policy", () => {
  test("the boolean shape reads and writes the same policy", async () => {
    const v1 = await (await s.api("GET", "/api/v1/notifications/policy", { token: other.token })).json();
    expect(v1).toEqual({
      filter_not_following: false,
      filter_not_followers: false,
      filter_new_accounts: false,
      filter_private_mentions: true,
      summary: DEFAULTS.summary,
    });
    const put = await s.api("PUT", "/api/v1/notifications/policy", {
      token: other.token,
      form: { filter_private_mentions: "true", filter_not_followers: "1" },
    });
    expect(await put.json()).toMatchObject({ filter_private_mentions: true, filter_not_followers: true, filter_not_following: false });
    expect(await (await s.api("GET", "/api/v2/notifications/policy", { token: other.token })).json()).toMatchObject({
      for_private_mentions: "filter",
      for_not_followers: "filter",
    });
    expect(
      (await s.api("PUT", "/api/v1/notifications/policy", { token: other.token, form: { filter_new_accounts: "perhaps" } })).status,
    ).toBe(422);
    expect(
      (
        await s.api("PUT", "/api/v1/notifications/policy", {
          token: s.token(other.user.id, ["read"]),
          form: { filter_new_accounts: "true" },
        })
      ).status,
    ).toBe(403);
    expect((await s.api("GET", "/api/v1/notifications/policy")).status).toBe(401);
  });
});

describe("/api/v1/notifications/requests", () => {
  test("nothing is held back: an empty list, 404 for single requests", async () => {
    expect(await me.client.v1.notifications.requests.list()).toEqual([]);
    expect(await (await s.api("GET", "/api/v1/notifications/requests/merged", { token: me.token })).json()).toEqual({ merged: true });
    expect((await s.api("GET", "/api/v1/notifications/requests/123", { token: me.token })).status).toBe(404);
    expect((await s.api("POST", "/api/v1/notifications/requests/123/accept", { token: me.token })).status).toBe(404);
    expect((await s.api("POST", "/api/v1/notifications/requests/123/dismiss", { token: me.token })).status).toBe(404);
    expect(await (await s.api("POST", "/api/v1/notifications/requests/accept", { token: me.token, form: { "id[]": "1" } })).json()).toEqual(
      {},
    );
    expect((await s.api("POST", "/api/v1/notifications/requests/dismiss", { token: s.token(me.user.id, ["read"]) })).status).toBe(403);
    expect((await s.api("GET", "/api/v1/notifications/requests", { token: s.token(me.user.id, ["write"]) })).status).toBe(403);
    expect((await s.api("GET", "/api/v1/notifications/requests")).status).toBe(401);
  });
});

describe("a policy set to drop", () => {
  const notes = (u: TestUser, type?: string) =>
    s.count("notifications", type ? "account_id = ? AND type = ?" : "account_id = ?", ...(type ? [u.account.id, type] : [u.account.id]));

  test("for_not_following drops notifications from accounts the user does not follow", async () => {
    const r = await s.createUser("dropper1");
    const stranger = await s.createUser("stranger1");
    const friend = await s.createUser("friend1");
    await r.client.v1.accounts.$select(friend.id).follow();
    await r.client.v2.notifications.policy.update({ forNotFollowing: "drop" });
    const post = (await r.client.v1.statuses.create({ status: "drop test" })).id;
    await stranger.client.v1.statuses.$select(post).favourite();
    await stranger.client.v1.accounts.$select(r.id).follow();
    expect(notes(r)).toBe(0);
    await friend.client.v1.statuses.$select(post).favourite();
    expect(notes(r, "favourite")).toBe(1);
    // "filter" keeps them, held back (tests/api/v1/notifications/requests.test.ts)
    await r.client.v2.notifications.policy.update({ forNotFollowing: "filter" });
    await stranger.client.v1.statuses.$select(post).reblog();
    expect(s.count("notifications", "account_id = ? AND type = 'reblog' AND filtered = 1", r.account.id)).toBe(1);
  });

  test("for_private_mentions drops direct mentions from strangers, except answers and staff", async () => {
    const r = await s.createUser("dropper2");
    const stranger = await s.createUser("stranger2");
    const staff = await s.createUser("staff2", { role: "admin" });
    await r.client.v2.notifications.policy.update({ forPrivateMentions: "drop" });
    await stranger.client.v1.statuses.create({ status: "@dropper2 psst", visibility: "direct" });
    expect(notes(r)).toBe(0);
    await stranger.client.v1.statuses.create({ status: "@dropper2 in public" });
    expect(notes(r, "mention")).toBe(1);
    await staff.client.v1.statuses.create({ status: "@dropper2 from the moderators", visibility: "direct" });
    expect(notes(r, "mention")).toBe(2);
    const mine = await r.client.v1.statuses.create({ status: "@stranger2 hello?", visibility: "direct" });
    await stranger.client.v1.statuses.create({ status: "@dropper2 hi back", visibility: "direct", inReplyToId: mine.id });
    expect(notes(r, "mention")).toBe(3);
  });

  test("for_new_accounts drops notifications from accounts younger than 30 days", async () => {
    const r = await s.createUser("dropper3");
    const young = await s.createUser("young3");
    const old = await s.createUser("old3");
    s.ctx.db.query("UPDATE accounts SET created_at = ? WHERE id = ?").run(Date.now() - 31 * 86_400_000, old.account.id);
    await r.client.v2.notifications.policy.update({ forNewAccounts: "drop" });
    await young.client.v1.accounts.$select(r.id).follow();
    await old.client.v1.accounts.$select(r.id).follow();
    expect(
      (s.ctx.db.query("SELECT from_account_id AS f FROM notifications WHERE account_id = ?").all(r.account.id) as { f: number }[]).map(
        (x) => x.f,
      ),
    ).toEqual([old.account.id]);
  });
});
