/**
 * Notification filtering and requests: a policy set to "filter" stores notifications filtered
 * (out of lists, unread counts and streams unless include_filtered), gathers mentions in one
 * request per sender, and accept / dismiss (single and batch) resolve them.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeUsers, payloadOf, WsProbe } from "../../../streaming/probe";

let s: TestServer;
let me: TestUser, friend: TestUser, stranger: TestUser, pest: TestUser, third: TestUser, fourth: TestUser, other: TestUser;
let wsUrl: string;
let myPost = "";

beforeAll(async () => {
  s = await startTestServer();
  wsUrl = s.url.replace(/^http/, "ws");
  [me, friend, stranger, pest, third, fourth, other] = await makeUsers(s, [
    "rqme",
    "rqfriend",
    "rqstranger",
    "rqpest",
    "rqthird",
    "rqfourth",
    "rqother",
  ] as const);
  await me.client.v1.accounts.$select(friend.id).follow();
  myPost = (await me.client.v1.statuses.create({ status: "my post" })).id;
  const res = await s.api("PATCH", "/api/v2/notifications/policy", { token: me.token, json: { for_not_following: "filter" } });
  expect(res.status).toBe(200);
}, 15000);
afterAll(() => s.stop());

async function mention(from: TestUser, text: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.api("POST", "/api/v1/statuses", { token: from.token, json: { status: text, ...extra } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { id: string }).id;
}
async function getJson(path: string, token = me.token): Promise<any> {
  const r = await s.api("GET", path, { token });
  expect(r.status).toBe(200);
  return r.json();
}
const v1Ids = async (qs = "") => ((await getJson(`/api/v1/notifications${qs}`)) as any[]).map((n) => `${n.type}:${n.account.acct}`);
const v2Kinds = async (qs = "") =>
  ((await getJson(`/api/v2/notifications${qs}`)).notification_groups as any[]).map((g) => `${g.type}:${g.notifications_count}`);
const unread = async (version: 1 | 2, qs = "") => (await getJson(`/api/v${version}/notifications/unread_count${qs}`)).count as number;
const summary = async (u = me) => (await getJson("/api/v2/notifications/policy", u.token)).summary;
const requestOf = (u: TestUser, owner = me) =>
  s.ctx.db
    .query("SELECT id, notifications_count AS n FROM notification_requests WHERE account_id = ? AND from_account_id = ?")
    .get(owner.account.id, u.account.id) as { id: number; n: number } | null;

/** A user-stream socket of `me`, after a round trip proving the subscription was handled. */
async function userStream(): Promise<WsProbe> {
  const p = await WsProbe.open(`${wsUrl}/api/v1/streaming`, [me.token]);
  p.send({ type: "subscribe", stream: "user" });
  p.send({ type: "subscribe", stream: "nope" });
  await p.next((m) => m.error === "Unknown stream type");
  return p;
}

describe("filtering by policy", () => {
  let first = "",
    second = "";

  test("a stranger's mentions become a request, hidden from lists, counts and the stream", async () => {
    const ws = await userStream();
    first = await mention(stranger, "@rqme hello from a stranger");
    await stranger.client.v1.statuses.$select(myPost).favourite();
    second = await mention(stranger, "@rqme are you there?");
    // a followed account is not filtered, and its notification is streamed
    const fromFriend = await mention(friend, "@rqme hi, it's me");
    const ev = await ws.next((m) => m.event === "notification");
    expect(payloadOf(ev).status.id).toBe(fromFriend);
    await s.drain();
    expect(ws.messages.filter((m) => m.event === "notification").length).toBe(1);
    ws.close();

    expect(s.count("notifications", "account_id = ? AND from_account_id = ? AND filtered = 1", me.account.id, stranger.account.id)).toBe(3);
    expect(s.count("notifications", "account_id = ? AND from_account_id = ? AND filtered = 0", me.account.id, friend.account.id)).toBe(1);
    expect(await v1Ids()).toEqual(["mention:rqfriend"]);
    expect(await v2Kinds()).toEqual(["mention:1"]);
    expect(await unread(1)).toBe(1);
    expect(await unread(2)).toBe(1);
    expect(await summary()).toEqual({ pending_requests_count: 1, pending_notifications_count: 2 });
    const v1Policy = await getJson("/api/v1/notifications/policy");
    expect(v1Policy).toMatchObject({ filter_not_following: true, summary: { pending_requests_count: 1, pending_notifications_count: 2 } });
  });

  test("include_filtered and account_id show them", async () => {
    expect(await v1Ids("?include_filtered=true")).toEqual([
      "mention:rqfriend",
      "mention:rqstranger",
      "favourite:rqstranger",
      "mention:rqstranger",
    ]);
    expect(await v2Kinds("?include_filtered=true")).toEqual(["mention:1", "mention:1", "favourite:1", "mention:1"]);
    expect(await unread(1, "?include_filtered=1")).toBe(4);
    expect(await unread(2, "?include_filtered=true")).toBe(4);
    expect(await v1Ids(`?account_id=${stranger.id}`)).toEqual(["mention:rqstranger", "favourite:rqstranger", "mention:rqstranger"]);
    expect(await v1Ids("?include_filtered=false")).toEqual(["mention:rqfriend"]);
    const viaMasto = await me.client.v2.notifications.list({ includeFiltered: true });
    expect(viaMasto.notificationGroups.length).toBe(4);
  });

  test("the request: list, show and Link pagination", async () => {
    const res = await s.api("GET", "/api/v1/notifications/requests", { token: me.token });
    expect(res.status).toBe(200);
    const list = (await res.json()) as any[];
    expect(list.length).toBe(1);
    const r = list[0];
    expect(Object.keys(r)).toEqual(["id", "created_at", "updated_at", "notifications_count", "account", "last_status"]);
    expect(r).toMatchObject({
      id: String(requestOf(stranger)!.id),
      notifications_count: "2",
      account: { id: stranger.id, acct: "rqstranger" },
      last_status: { id: second },
    });
    expect(r.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(res.headers.get("link")).toContain(`max_id=${r.id}`);
    const viaMasto = await me.client.v1.notifications.requests.list();
    expect(viaMasto.map((x) => x.account.id)).toEqual([stranger.id]);
    expect(await getJson(`/api/v1/notifications/requests/${r.id}`)).toEqual(r);
    // another request, to page through
    await mention(pest, "@rqme buy my stuff");
    const page1 = await s.api("GET", "/api/v1/notifications/requests?limit=1", { token: me.token });
    const p1 = (await page1.json()) as any[];
    expect(p1.map((x) => x.account.id)).toEqual([pest.id]);
    const next = /<([^>]+)>; rel="next"/.exec(page1.headers.get("link") ?? "")![1]!;
    expect(((await getJson(new URL(next).pathname + new URL(next).search)) as any[]).map((x) => x.account.id)).toEqual([stranger.id]);
    expect(await summary()).toEqual({ pending_requests_count: 2, pending_notifications_count: 3 });
    expect(first).not.toBe("");
  });

  test("accepting merges the sender's notifications, streams notifications_merged and lets later ones through", async () => {
    const ws = await userStream();
    const id = requestOf(stranger)!.id;
    const res = await s.api("POST", `/api/v1/notifications/requests/${id}/accept`, { token: me.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    const merged = await ws.next((m) => m.event === "notifications_merged");
    expect(merged).toEqual({ stream: ["user"], event: "notifications_merged", payload: "1" });
    expect(await getJson("/api/v1/notifications/requests/merged")).toEqual({ merged: true });
    expect(requestOf(stranger)).toBeNull();
    expect(s.count("notification_permissions", "account_id = ? AND from_account_id = ?", me.account.id, stranger.account.id)).toBe(1);
    expect(await v1Ids()).toEqual(["mention:rqfriend", "mention:rqstranger", "favourite:rqstranger", "mention:rqstranger"]);
    // the merged favourite is grouped again
    const fav = ((await getJson("/api/v2/notifications")).notification_groups as any[]).find((g) => g.type === "favourite");
    expect(fav.group_key).toMatch(new RegExp(`^favourite-${myPost}-\\d+$`));
    expect(await unread(1)).toBe(4);
    expect((await s.api("GET", `/api/v1/notifications/requests/${id}`, { token: me.token })).status).toBe(404);
    expect(await summary()).toEqual({ pending_requests_count: 1, pending_notifications_count: 1 });
    // later mentions from the accepted sender arrive normally, streamed
    const later = await mention(stranger, "@rqme thanks for accepting");
    const ev = await ws.next((m) => m.event === "notification");
    expect(payloadOf(ev).status.id).toBe(later);
    expect(requestOf(stranger)).toBeNull();
    ws.close();
  });

  test("dismissing drops the request and the sender's filtered notifications; a new mention opens a new one", async () => {
    await pest.client.v1.statuses.$select(myPost).favourite();
    const id = requestOf(pest)!.id;
    expect(s.count("notifications", "account_id = ? AND from_account_id = ? AND filtered = 1", me.account.id, pest.account.id)).toBe(2);
    const res = await s.api("POST", `/api/v1/notifications/requests/${id}/dismiss`, { token: me.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(requestOf(pest)).toBeNull();
    expect(s.count("notifications", "account_id = ? AND from_account_id = ?", me.account.id, pest.account.id)).toBe(0);
    expect(s.count("notification_permissions", "from_account_id = ?", pest.account.id)).toBe(0);
    expect(await summary()).toEqual({ pending_requests_count: 0, pending_notifications_count: 0 });
    await mention(pest, "@rqme I'm back");
    expect(requestOf(pest)!.id).not.toBe(id);
    expect(requestOf(pest)!.n).toBe(1);
  });

  test("batch accept and dismiss act on the user's own requests only", async () => {
    await mention(third, "@rqme third here");
    await mention(fourth, "@rqme fourth here");
    await other.client.v2.notifications.policy.update({ forNotFollowing: "filter" });
    await mention(third, "@rqother hi other");
    const mine3 = requestOf(third)!.id,
      mine4 = requestOf(fourth)!.id,
      theirs = requestOf(third, other)!.id;
    const acc = await s.api("POST", "/api/v1/notifications/requests/accept", {
      token: me.token,
      json: { id: [String(mine3), String(theirs), "999999", "nope"] },
    });
    expect(acc.status).toBe(200);
    expect(await acc.json()).toEqual({});
    expect(requestOf(third)).toBeNull();
    expect(requestOf(third, other)!.id).toBe(theirs);
    expect(s.count("notifications", "account_id = ? AND filtered = 1", other.account.id)).toBe(1);
    expect(await v1Ids(`?account_id=${third.id}`)).toEqual(["mention:rqthird"]);
    expect((await v1Ids()).includes("mention:rqthird")).toBe(true);
    const dis = await s.api("POST", "/api/v1/notifications/requests/dismiss", { token: me.token, form: { "id[]": String(mine4) } });
    expect(dis.status).toBe(200);
    expect(requestOf(fourth)).toBeNull();
    expect(s.count("notifications", "account_id = ? AND from_account_id = ?", me.account.id, fourth.account.id)).toBe(0);
    // masto.js sends the same (its types forget the id[] parameter)
    await mention(fourth, "@rqme again");
    const accept = me.client.v1.notifications.requests.accept as unknown as (p: { id: string[] }) => Promise<void>;
    await accept({ id: [String(requestOf(fourth)!.id)] });
    expect(requestOf(fourth)).toBeNull();
    // nothing to do is fine
    expect((await s.api("POST", "/api/v1/notifications/requests/dismiss", { token: me.token })).status).toBe(200);
  });

  test("deleting the filtered post updates the request, and removes it once empty", async () => {
    const a = await mention(pest, "@rqme one more");
    expect(requestOf(pest)!.n).toBe(2);
    expect((await s.api("DELETE", `/api/v1/statuses/${a}`, { token: pest.token })).status).toBe(200);
    expect(requestOf(pest)!.n).toBe(1);
    const [r] = (await getJson("/api/v1/notifications/requests")) as any[];
    expect(r.account.id).toBe(pest.id);
    expect(r.last_status.content).toContain("back");
    expect((await s.api("DELETE", `/api/v1/statuses/${r.last_status.id}`, { token: pest.token })).status).toBe(200);
    expect(requestOf(pest)).toBeNull();
  });
});

describe("policy rules", () => {
  test("private mentions: filtered from strangers, not when answering the user's own, nor from staff", async () => {
    const [r, dm, staff] = await makeUsers(s, ["rqpriv", "rqdm", "rqstaff"] as const);
    s.ctx.db.query("UPDATE users SET role = 'moderator' WHERE id = ?").run(staff.user.id);
    await r.client.v2.notifications.policy.update({ forPrivateMentions: "filter" });
    await mention(dm, "@rqpriv psst", { visibility: "direct" });
    await mention(dm, "@rqpriv in public");
    expect(s.count("notifications", "account_id = ? AND filtered = 1", r.account.id)).toBe(1);
    const mine = await mention(r, "@rqdm hello?", { visibility: "direct" });
    await mention(dm, "@rqpriv hi back", { visibility: "direct", in_reply_to_id: mine });
    await mention(staff, "@rqpriv from the moderators", { visibility: "direct" });
    expect(s.count("notifications", "account_id = ? AND filtered = 1", r.account.id)).toBe(1);
    expect(s.count("notifications", "account_id = ? AND filtered = 0", r.account.id)).toBe(3);
  });

  test("drop still drops, and drop wins over filter", async () => {
    const [r, x] = await makeUsers(s, ["rqdrop", "rqx"] as const);
    await r.client.v2.notifications.policy.update({ forNotFollowing: "filter", forNotFollowers: "drop" });
    await mention(x, "@rqdrop hello");
    expect(s.count("notifications", "account_id = ?", r.account.id)).toBe(0);
    expect(s.count("notification_requests", "account_id = ?", r.account.id)).toBe(0);
  });
});

describe("bad input", () => {
  test("unknown ids, other users' requests, scopes and tokens", async () => {
    await mention(third, "@rqother one more");
    await mention(pest, "@rqme last one");
    const theirs = requestOf(third, other)!.id;
    const mine = requestOf(pest)!.id;
    const before = { n: s.count("notifications"), r: s.count("notification_requests"), p: s.count("notification_permissions") };
    for (const path of [
      `/api/v1/notifications/requests/${theirs}`,
      "/api/v1/notifications/requests/999999",
      "/api/v1/notifications/requests/abc",
    ]) {
      const g = await s.api("GET", path, { token: me.token });
      expect(g.status).toBe(404);
      expect(await g.json()).toEqual({ error: "Record not found" });
      expect((await s.api("POST", `${path}/accept`, { token: me.token })).status).toBe(404);
      expect((await s.api("POST", `${path}/dismiss`, { token: me.token })).status).toBe(404);
    }
    const readOnly = s.token(me.user.id, ["read"]);
    const writeOnly = s.token(me.user.id, ["write:notifications"]);
    expect((await s.api("POST", `/api/v1/notifications/requests/${mine}/accept`, { token: readOnly })).status).toBe(403);
    expect((await s.api("POST", `/api/v1/notifications/requests/${mine}/dismiss`, { token: readOnly })).status).toBe(403);
    expect((await s.api("POST", "/api/v1/notifications/requests/accept", { token: readOnly, json: { id: [String(mine)] } })).status).toBe(
      403,
    );
    expect(
      (
        await s.api("POST", "/api/v1/notifications/requests/dismiss", {
          token: s.token(me.user.id, ["read:notifications"]),
          json: { id: [String(mine)] },
        })
      ).status,
    ).toBe(403);
    expect((await s.api("GET", "/api/v1/notifications/requests", { token: writeOnly })).status).toBe(403);
    expect((await s.api("GET", `/api/v1/notifications/requests/${mine}`, { token: writeOnly })).status).toBe(403);
    expect((await s.api("GET", "/api/v1/notifications/requests/merged", { token: s.token(me.user.id, ["read:statuses"]) })).status).toBe(
      403,
    );
    expect((await s.api("GET", "/api/v1/notifications/requests")).status).toBe(401);
    expect((await s.api("POST", `/api/v1/notifications/requests/${mine}/accept`)).status).toBe(401);
    expect((await s.api("POST", "/api/v1/notifications/requests/dismiss", { json: { id: [String(mine)] } })).status).toBe(401);
    const badType = await s.api("POST", "/api/v1/notifications/requests/accept", { token: me.token, json: { id: [{ x: 1 }] } });
    expect(badType.status).toBe(422);
    expect((await s.api("GET", "/api/v1/notifications?include_filtered=perhaps", { token: me.token })).status).toBe(422);
    expect({ n: s.count("notifications"), r: s.count("notification_requests"), p: s.count("notification_permissions") }).toEqual(before);
    // a read token can read
    expect((await s.api("GET", `/api/v1/notifications/requests/${mine}`, { token: readOnly })).status).toBe(200);
  });
});
