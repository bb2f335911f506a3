import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { linkPath } from "../../v1/timelines/fixtures";

let s: TestServer;
let me: TestUser, other: TestUser;
const u: TestUser[] = [];
let post: string, boosted: string, theirPost: string, mention: string;
let favKey: string, reblogKey: string, followKey: string, theirKey: string;
const ids = (list: any[]) => list.map((x) => x.id as string);
const nidOf = (accountId: number, from: TestUser, type: string) =>
  String(
    (
      s.ctx.db
        .query("SELECT id FROM notifications WHERE account_id = ? AND from_account_id = ? AND type = ?")
        .get(accountId, from.account.id, type) as { id: number }
    ).id,
  );
const keyOf = (accountId: number, type: string) =>
  (
    s.ctx.db.query("SELECT group_key FROM notifications WHERE account_id = ? AND type = ? LIMIT 1").get(accountId, type) as {
      group_key: string;
    }
  ).group_key;

beforeAll(async () => {
  s = await startTestServer();
  me = await s.createUser("kme");
  other = await s.createUser("kother");
  for (let i = 1; i <= 5; i++) u[i] = await s.createUser(`ku${i}`);
  post = (await me.client.v1.statuses.create({ status: "liked a lot" })).id;
  boosted = (await me.client.v1.statuses.create({ status: "boosted twice" })).id;
  theirPost = (await other.client.v1.statuses.create({ status: "not mine" })).id;
  for (let i = 1; i <= 5; i++) await u[i]!.client.v1.statuses.$select(post).favourite();
  await u[1]!.client.v1.statuses.$select(boosted).reblog();
  await u[2]!.client.v1.statuses.$select(boosted).reblog();
  await u[3]!.client.v1.accounts.$select(me.id).follow();
  await u[4]!.client.v1.accounts.$select(me.id).follow();
  mention = (await u[5]!.client.v1.statuses.create({ status: "@kme ping" })).id;
  await me.client.v1.statuses.$select(theirPost).favourite();
  favKey = keyOf(me.account.id, "favourite");
  reblogKey = keyOf(me.account.id, "reblog");
  followKey = keyOf(me.account.id, "follow");
  theirKey = keyOf(other.account.id, "favourite");
});
afterAll(() => s.stop());

describe("GET /api/v2/notifications/:group_key", () => {
  test("a whole group, without page fields", async () => {
    const r = await (await s.api("GET", `/api/v2/notifications/${favKey}`, { token: me.token })).json();
    expect(r.notification_groups).toEqual([
      {
        group_key: favKey,
        notifications_count: 5,
        type: "favourite",
        most_recent_notification_id: nidOf(me.account.id, u[5]!, "favourite"),
        sample_account_ids: [5, 4, 3, 2, 1].map((i) => u[i]!.id),
        status_id: post,
      },
    ]);
    expect(ids(r.accounts)).toEqual([5, 4, 3, 2, 1].map((i) => u[i]!.id));
    expect(ids(r.statuses)).toEqual([post]);
    const viaMasto = await me.client.v2.notifications.$select(followKey).fetch();
    expect(viaMasto.notificationGroups[0]).toMatchObject({ type: "follow", notificationsCount: 2, sampleAccountIds: [u[4]!.id, u[3]!.id] });
    const single = await me.client.v2.notifications.$select(`ungrouped-${nidOf(me.account.id, u[5]!, "mention")}`).fetch();
    expect(single.notificationGroups[0]).toMatchObject({ type: "mention", notificationsCount: 1, statusId: mention });
  });

  test("unknown, malformed and other users' keys are 404", async () => {
    for (const key of [
      "favourite-1-1",
      "nope",
      "ungrouped-abc",
      "ungrouped-99999999",
      theirKey,
      `ungrouped-${nidOf(other.account.id, me, "favourite")}`,
    ]) {
      const res = await s.api("GET", `/api/v2/notifications/${encodeURIComponent(key)}`, { token: me.token });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "Record not found" });
    }
    expect((await s.api("GET", `/api/v2/notifications/${theirKey}`, { token: other.token })).status).toBe(200);
    expect((await s.api("GET", `/api/v2/notifications/${favKey}`)).status).toBe(401);
    expect((await s.api("GET", `/api/v2/notifications/${favKey}`, { token: s.token(me.user.id, ["write:notifications"]) })).status).toBe(
      403,
    );
  });
});

describe("GET /api/v2/notifications/:group_key/accounts", () => {
  test("everyone in the group, newest first, paged with Link", async () => {
    expect(ids(await me.client.v2.notifications.$select(favKey).accounts.fetch())).toEqual([5, 4, 3, 2, 1].map((i) => u[i]!.id));
    const r1 = await s.api("GET", `/api/v2/notifications/${favKey}/accounts?limit=2`, { token: me.token });
    expect(ids(await r1.json())).toEqual([u[5]!.id, u[4]!.id]);
    const r2 = await s.api("GET", linkPath(r1, "next", s.url)!, { token: me.token });
    expect(ids(await r2.json())).toEqual([u[3]!.id, u[2]!.id]);
    const r3 = await s.api("GET", linkPath(r2, "next", s.url)!, { token: me.token });
    expect(ids(await r3.json())).toEqual([u[1]!.id]);
    expect(linkPath(r3, "next", s.url)).toBeUndefined();
    expect(linkPath(r3, "prev", s.url)).toBeDefined();
  });

  test("unknown and other users' keys give an empty list; scopes as Mastodon", async () => {
    expect(await (await s.api("GET", `/api/v2/notifications/${theirKey}/accounts`, { token: me.token })).json()).toEqual([]);
    expect(await (await s.api("GET", "/api/v2/notifications/favourite-1-1/accounts", { token: me.token })).json()).toEqual([]);
    expect((await s.api("GET", `/api/v2/notifications/${favKey}/accounts`)).status).toBe(401);
    expect((await s.api("GET", `/api/v2/notifications/${favKey}/accounts`, { token: s.token(me.user.id, ["read:accounts"]) })).status).toBe(
      403,
    );
  });
});

describe("GET /api/v2/notifications/unread_count", () => {
  test("counts groups newer than the notifications marker", async () => {
    const count = async (qs = "") =>
      (await (await s.api("GET", `/api/v2/notifications/unread_count${qs}`, { token: me.token })).json()).count;
    expect(await count()).toBe(4); // favourites, boosts, follows, the mention
    expect(await count("?limit=2")).toBe(2);
    expect(await count("?types[]=follow&types[]=mention")).toBe(2);
    expect(await count("?exclude_types[]=favourite")).toBe(3);
    expect(await count("?grouped_types[]=follow")).toBe(9);
    expect(await count(`?account_id=${u[1]!.id}`)).toBe(2);
    await me.client.v1.markers.create({ notifications: { lastReadId: nidOf(me.account.id, u[3]!, "follow") } });
    expect(await count()).toBe(2); // the second follow joins the follow group; the mention
    expect((await me.client.v2.notifications.unreadCount.fetch()).count).toBe(2);
    await me.client.v1.markers.create({ notifications: { lastReadId: nidOf(me.account.id, u[5]!, "mention") } });
    expect(await count()).toBe(0);
    expect((await s.api("GET", "/api/v2/notifications/unread_count")).status).toBe(401);
    expect((await s.api("GET", "/api/v2/notifications/unread_count", { token: s.token(me.user.id, ["read:statuses"]) })).status).toBe(403);
  });
});

describe("POST /api/v2/notifications/:group_key/dismiss", () => {
  test("needs write:notifications and a token; nothing is deleted otherwise", async () => {
    const before = s.count("notifications", "account_id = ?", me.account.id);
    expect((await s.api("POST", `/api/v2/notifications/${reblogKey}/dismiss`)).status).toBe(401);
    expect((await s.api("POST", `/api/v2/notifications/${reblogKey}/dismiss`, { token: s.token(me.user.id, ["read"]) })).status).toBe(403);
    // other users' groups and unknown keys: {} as in Mastodon, and nothing happens
    const res = await s.api("POST", `/api/v2/notifications/${theirKey}/dismiss`, { token: me.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(
      (await s.api("POST", `/api/v2/notifications/ungrouped-${nidOf(other.account.id, me, "favourite")}/dismiss`, { token: me.token }))
        .status,
    ).toBe(200);
    expect((await s.api("POST", "/api/v2/notifications/nope/dismiss", { token: me.token })).status).toBe(200);
    expect(s.count("notifications", "account_id = ?", me.account.id)).toBe(before);
    expect(s.count("notifications", "account_id = ?", other.account.id)).toBe(1);
  });

  test("removes the whole group, and single notifications by their ungrouped key", async () => {
    await me.client.v2.notifications.$select(reblogKey).dismiss();
    expect(s.count("notifications", "account_id = ? AND type = 'reblog'", me.account.id)).toBe(0);
    expect(s.count("notifications", "account_id = ? AND type = 'favourite'", me.account.id)).toBe(5);
    const mentionKey = `ungrouped-${nidOf(me.account.id, u[5]!, "mention")}`;
    const res = await s.api("POST", `/api/v2/notifications/${mentionKey}/dismiss`, { token: me.token });
    expect(await res.json()).toEqual({});
    const list = await me.client.v2.notifications.list();
    expect(list.notificationGroups.map((g) => g.type)).toEqual(["follow", "favourite"]);
    expect((await s.api("GET", `/api/v2/notifications/${reblogKey}`, { token: me.token })).status).toBe(404);
  });

  test("clear removes everything", async () => {
    expect((await s.api("POST", "/api/v2/notifications/clear", { token: s.token(me.user.id, ["read"]) })).status).toBe(403);
    expect(s.count("notifications", "account_id = ?", me.account.id)).toBeGreaterThan(0);
    expect(await (await s.api("POST", "/api/v2/notifications/clear", { token: me.token })).json()).toEqual({});
    expect(s.count("notifications", "account_id = ?", me.account.id)).toBe(0);
    expect(s.count("notifications", "account_id = ?", other.account.id)).toBe(1);
  });
});
