import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { deleteLocalAccount } from "../../../../src/services/registrations/delete-local-account";
import { linkPath, makeFollow, makeStatus, makeUsers } from "../timelines/fixtures";

let s: TestServer;
let owner: TestUser, bob: TestUser, carol: TestUser, dan: TestUser, eve: TestUser, stranger: TestUser;
let listId: string;

beforeAll(async () => {
  s = await startTestServer();
  [owner, bob, carol, dan, eve, stranger] = await makeUsers(s, "laowner", "labob", "lacarol", "ladan", "laeve", "lastranger");
  for (const u of [bob, carol, dan, eve]) makeFollow(s.ctx, owner.account.id, u.account.id);
  listId = (await owner.client.v1.lists.create({ title: "Members" })).id;
});
afterAll(() => s.stop());

const members = (id = listId) => s.count("list_accounts", "list_id = ?", Number(id));
const ids = (list: { id: string }[]) => list.map((a) => a.id);
/** Members come highest account id first (users made in parallel get ids in no fixed order). */
const byIdDesc = (...us: TestUser[]) => us.map((u) => u.id).sort((a, b) => Number(b) - Number(a));

describe("/api/v1/lists/:id/accounts", () => {
  test("add, list (highest account id first) and remove followed accounts (masto.js)", async () => {
    const api = owner.client.v1.lists.$select(listId).accounts;
    await api.create({ accountIds: [bob.id, carol.id] });
    const got = await api.list();
    expect(ids(got)).toEqual(byIdDesc(bob, carol));
    expect(got.find((a) => a.id === carol.id)!.acct).toBe("lacarol");
    await api.remove({ accountIds: [carol.id] });
    expect(ids(await api.list())).toEqual([bob.id]);
    // removing a non-member is fine
    await api.remove({ accountIds: [carol.id, "99999999"] });
    expect(members()).toBe(1);
  });

  test("Link pagination by account id, limit=0 returns everyone without a Link", async () => {
    const l = (await owner.client.v1.lists.create({ title: "Paged" })).id;
    await owner.client.v1.lists.$select(l).accounts.create({ accountIds: [bob.id, carol.id, dan.id, eve.id] });
    const all = byIdDesc(bob, carol, dan, eve);
    const r1 = await s.api("GET", `/api/v1/lists/${l}/accounts?limit=2`, { token: owner.token });
    expect(ids(await r1.json())).toEqual(all.slice(0, 2));
    const next = linkPath(r1, "next", s.url)!;
    expect(next).toContain(`max_id=${all[1]}`);
    const r2 = await s.api("GET", next, { token: owner.token });
    expect(ids(await r2.json())).toEqual(all.slice(2));
    const prev = linkPath(r2, "prev", s.url)!;
    expect(ids(await (await s.api("GET", prev, { token: owner.token })).json())).toEqual(all.slice(0, 2));
    const r0 = await s.api("GET", `/api/v1/lists/${l}/accounts?limit=0`, { token: owner.token });
    expect(ids(await r0.json())).toEqual(all);
    expect(r0.headers.get("link")).toBeNull();
    const walked: string[] = [];
    for await (const page of owner.client.v1.lists.$select(l).accounts.list({ limit: 1 })) walked.push(...ids(page));
    expect(walked).toEqual(all);
  });

  test("not followed → 422, already a member → 422, unknown account or list → 404; nothing written", async () => {
    const before = members();
    const feed = s.count("list_feeds", "list_id = ?", Number(listId));
    const cases: [unknown, number, RegExp][] = [
      [{ account_ids: [stranger.id] }, 422, /follow relationship missing/],
      [{ account_ids: [dan.id, stranger.id] }, 422, /follow relationship missing/],
      [{ account_ids: [bob.id] }, 422, /already been taken/],
      [{ account_ids: [dan.id, dan.id] }, 422, /already been taken/],
      [{ account_ids: [dan.id, "99999999"] }, 404, /Record not found/],
      [{ account_ids: ["abc"] }, 404, /Record not found/],
      [{ account_ids: [owner.id] }, 422, /follow relationship missing/],
      [{}, 422, /account_ids/],
      [{ account_ids: [] }, 422, /account_ids/],
      [{ account_ids: [{ id: dan.id }] }, 422, /account_ids must be an array of strings/],
    ];
    for (const [json, status, msg] of cases) {
      const r = await s.api("POST", `/api/v1/lists/${listId}/accounts`, { token: owner.token, json });
      expect([r.status, (await r.json()).error]).toEqual([status, expect.stringMatching(msg)]);
    }
    expect(members()).toBe(before);
    expect(s.count("list_feeds", "list_id = ?", Number(listId))).toBe(feed);
    // form-encoded account_ids[] works too
    const r = await s.api("POST", `/api/v1/lists/${listId}/accounts`, {
      token: owner.token,
      body: `account_ids[]=${dan.id}`,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({});
    expect(members()).toBe(before + 1);
    await owner.client.v1.lists.$select(listId).accounts.remove({ accountIds: [dan.id] });
  });

  test("other users' lists: 404 for read, add and remove; nothing changes", async () => {
    makeFollow(s.ctx, stranger.account.id, bob.account.id);
    const before = members();
    for (const [method, json] of [
      ["GET", undefined],
      ["POST", { account_ids: [bob.id] }],
      ["DELETE", { account_ids: [bob.id] }],
    ] as const) {
      const r = await s.api(method, `/api/v1/lists/${listId}/accounts`, { token: stranger.token, json });
      expect(r.status).toBe(404);
    }
    expect((await s.api("GET", "/api/v1/lists/424242/accounts", { token: owner.token })).status).toBe(404);
    expect(members()).toBe(before);
  });

  test("auth: 401 without a token, 403 without write:lists / read:lists", async () => {
    const before = members();
    expect((await s.api("GET", `/api/v1/lists/${listId}/accounts`)).status).toBe(401);
    expect((await s.api("POST", `/api/v1/lists/${listId}/accounts`, { json: { account_ids: [carol.id] } })).status).toBe(401);
    const read = s.token(owner.user.id, ["read"]);
    expect((await s.api("POST", `/api/v1/lists/${listId}/accounts`, { token: read, json: { account_ids: [carol.id] } })).status).toBe(403);
    expect((await s.api("DELETE", `/api/v1/lists/${listId}/accounts`, { token: read, json: { account_ids: [bob.id] } })).status).toBe(403);
    expect((await s.api("GET", `/api/v1/lists/${listId}/accounts`, { token: s.token(owner.user.id, ["read:accounts"]) })).status).toBe(403);
    expect(members()).toBe(before);
  });
});

describe("GET /api/v1/accounts/:id/lists", () => {
  test("the viewer's lists that contain the account, never someone else's", async () => {
    const mine = await owner.client.v1.accounts.$select(bob.id).lists.list();
    expect(mine.map((l) => l.title)).toEqual(["Members", "Paged"]);
    expect(await owner.client.v1.accounts.$select(stranger.id).lists.list()).toEqual([]);
    // stranger follows bob but has no list with him
    expect(await stranger.client.v1.accounts.$select(bob.id).lists.list()).toEqual([]);
    expect((await s.api("GET", "/api/v1/accounts/99999999/lists", { token: owner.token })).status).toBe(404);
    expect((await s.api("GET", `/api/v1/accounts/${bob.id}/lists`)).status).toBe(401);
    expect((await s.api("GET", `/api/v1/accounts/${bob.id}/lists`, { token: s.token(owner.user.id, ["read:statuses"]) })).status).toBe(403);
  });
});

describe("membership upkeep", () => {
  test("unfollowing (or blocking) removes the account from all of your lists and their feeds", async () => {
    const u = await s.createUser("laupkeep");
    const [x, y] = await makeUsers(s, "lax", "lay");
    await u.client.v1.accounts.$select(x.id).follow();
    await u.client.v1.accounts.$select(y.id).follow();
    const a = await u.client.v1.lists.create({ title: "A" });
    const b = await u.client.v1.lists.create({ title: "B" });
    await u.client.v1.lists.$select(a.id).accounts.create({ accountIds: [x.id, y.id] });
    await u.client.v1.lists.$select(b.id).accounts.create({ accountIds: [x.id] });
    makeStatus(s.ctx, x.account.id, { text: "x posts" });
    expect(s.count("list_feeds", "list_id IN (?, ?)", Number(a.id), Number(b.id))).toBe(2);
    // someone else's membership of x is untouched
    await owner.client.v1.lists.$select(listId).accounts.create({ accountIds: [carol.id] });
    await u.client.v1.accounts.$select(x.id).unfollow();
    expect(ids(await u.client.v1.lists.$select(a.id).accounts.list())).toEqual([y.id]);
    expect(await u.client.v1.lists.$select(b.id).accounts.list()).toEqual([]);
    expect(s.count("list_feeds", "list_id IN (?, ?)", Number(a.id), Number(b.id))).toBe(0);
    await u.client.v1.accounts.$select(y.id).block();
    expect(await u.client.v1.lists.$select(a.id).accounts.list()).toEqual([]);
    expect(ids(await owner.client.v1.lists.$select(listId).accounts.list())).toContain(carol.id);
  });

  test("deleting a list deletes its memberships and feed; deleting an account cascades", async () => {
    const u = await s.createUser("lacascade");
    const [m] = await makeUsers(s, "lamember");
    makeFollow(s.ctx, u.account.id, m.account.id);
    const l = await u.client.v1.lists.create({ title: "Doomed" });
    await u.client.v1.lists.$select(l.id).accounts.create({ accountIds: [m.id] });
    makeStatus(s.ctx, m.account.id, { text: "in the list" });
    expect([members(l.id), s.count("list_feeds", "list_id = ?", Number(l.id))]).toEqual([1, 1]);
    await u.client.v1.lists.$select(l.id).remove();
    expect([members(l.id), s.count("list_feeds", "list_id = ?", Number(l.id))]).toEqual([0, 0]);
    // the member's account goes away: its memberships go too
    const l2 = await u.client.v1.lists.create({ title: "Survivor" });
    await u.client.v1.lists.$select(l2.id).accounts.create({ accountIds: [m.id] });
    expect(deleteLocalAccount(s.ctx, m.account.id)).toBe(true);
    expect([members(l2.id), s.count("list_feeds", "list_id = ?", Number(l2.id))]).toEqual([0, 0]);
    // the owner's account goes away: its lists go too
    expect(deleteLocalAccount(s.ctx, u.account.id)).toBe(true);
    expect(s.count("lists", "id = ?", Number(l2.id))).toBe(0);
  });
});
