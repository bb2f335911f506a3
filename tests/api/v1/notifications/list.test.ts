import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { linkPath, makeBlock, makeNotification, makeStatus, makeUsers } from "../timelines/fixtures";

let s: TestServer;
let me: TestUser, a: TestUser, b: TestUser, c: TestUser, d: TestUser;
const n: Record<string, number> = {};
let mine: number, mention: number, boost: number;
const ids = (list: any[]) => list.map((x) => x.id as string);
const nid = (...names: string[]) => names.map((k) => String(n[k]));

beforeAll(async () => {
  s = await startTestServer();
  [me, a, b, c, d] = await makeUsers(s, "nme", "na", "nb", "nc", "nd");
  const ctx = s.ctx;
  mine = makeStatus(ctx, me.account.id, { text: "my post" }).id;
  mention = makeStatus(ctx, a.account.id, { text: "@nme hi", mentions: [me.account.id] }).id;
  boost = makeStatus(ctx, a.account.id, { reblogOf: mine }).id;
  const hidden = makeStatus(ctx, b.account.id, { text: "followers only", visibility: 2 }).id;
  const dStatus = makeStatus(ctx, d.account.id, { text: "@nme from d", mentions: [me.account.id] }).id;
  n.mention = makeNotification(ctx, me.account.id, a.account.id, "mention", mention);
  n.favourite = makeNotification(ctx, me.account.id, b.account.id, "favourite", mine);
  n.hidden = makeNotification(ctx, me.account.id, b.account.id, "status", hidden);
  n.follow = makeNotification(ctx, me.account.id, c.account.id, "follow");
  n.reblog = makeNotification(ctx, me.account.id, a.account.id, "reblog", boost);
  n.blocked = makeNotification(ctx, me.account.id, d.account.id, "mention", dStatus);
  n.theirs = makeNotification(ctx, a.account.id, me.account.id, "follow");
  makeBlock(ctx, me.account.id, d.account.id);
});
afterAll(() => s.stop());

describe("GET /api/v1/notifications", () => {
  test("newest first; entity shape; invisible statuses and blocked senders skipped", async () => {
    const res = await s.api("GET", "/api/v1/notifications", { token: me.token });
    const list = await res.json();
    expect(ids(list)).toEqual(nid("reblog", "follow", "favourite", "mention"));
    const follow = list[1];
    expect(Object.keys(follow).sort()).toEqual(["account", "created_at", "group_key", "id", "type"]);
    // grouped types carry their group's key (see tests/api/v2/notifications), others ungrouped-<id>
    expect(follow).toMatchObject({
      type: "follow",
      group_key: expect.stringMatching(/^follow-\d+$/),
      account: { id: c.id, username: "nc" },
    });
    expect(list[3].group_key).toBe(`ungrouped-${n.mention}`);
    expect(follow.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // a reblog notification shows the boosted status (mine), not the boost
    expect(list[0].status.id).toBe(String(mine));
    expect(list[0].account.id).toBe(a.id);
    expect(list[3].status).toMatchObject({ id: String(mention), account: { id: a.id } });
    expect(list[3].status.mentions.map((m: any) => m.id)).toEqual([me.id]);
    const viaMasto = await me.client.v1.notifications.list();
    expect(viaMasto.map((x) => x.groupKey)).toEqual(list.map((x: any) => x.group_key));
  });

  test("types[], exclude_types[] and account_id", async () => {
    const q = async (qs: string) => ids(await (await s.api("GET", `/api/v1/notifications?${qs}`, { token: me.token })).json());
    expect(await q("types[]=mention")).toEqual(nid("mention"));
    expect(await q("types[]=mention&types[]=follow")).toEqual(nid("follow", "mention"));
    expect(await q("exclude_types[]=follow&exclude_types[]=reblog")).toEqual(nid("favourite", "mention"));
    expect(await q(`account_id=${a.id}`)).toEqual(nid("reblog", "mention"));
    expect(await q(`account_id=${a.id}&types[]=mention`)).toEqual(nid("mention"));
    expect(await q("account_id=abc")).toEqual([]);
    expect(ids(await me.client.v1.notifications.list({ excludeTypes: ["follow", "favourite"] }))).toEqual(nid("reblog", "mention"));
    expect(ids(await me.client.v1.notifications.list({ types: ["favourite"] }))).toEqual(nid("favourite"));
  });

  test("pagination: limit, Link next/prev that work, masto.js paginator", async () => {
    const r1 = await s.api("GET", "/api/v1/notifications?limit=2", { token: me.token });
    expect(ids(await r1.json())).toEqual(nid("reblog", "follow"));
    // the hidden row is a gap in the page, not an end of pagination
    const r2 = await s.api("GET", linkPath(r1, "next", s.url)!, { token: me.token });
    expect(ids(await r2.json())).toEqual(nid("favourite"));
    const r3 = await s.api("GET", linkPath(r2, "next", s.url)!, { token: me.token });
    expect(ids(await r3.json())).toEqual(nid("mention"));
    const back = await s.api("GET", linkPath(r2, "prev", s.url)!, { token: me.token });
    expect(ids(await back.json())).toEqual(nid("reblog", "follow"));
    expect(ids(await (await s.api("GET", `/api/v1/notifications?since_id=${n.favourite}`, { token: me.token })).json())).toEqual(
      nid("reblog", "follow"),
    );
    expect(ids(await (await s.api("GET", `/api/v1/notifications?min_id=${n.mention}&limit=1`, { token: me.token })).json())).toEqual(
      nid("favourite"),
    );
    const walked: string[] = [];
    for await (const page of me.client.v1.notifications.list({ limit: 1 })) walked.push(...ids(page));
    expect(walked).toEqual(nid("reblog", "follow", "favourite", "mention"));
  });

  test("auth: no token 401, token without read:notifications 403", async () => {
    expect((await s.api("GET", "/api/v1/notifications")).status).toBe(401);
    expect((await s.api("GET", "/api/v1/notifications", { token: s.token(me.user.id, ["read:statuses"]) })).status).toBe(403);
    expect((await s.api("GET", "/api/v1/notifications", { token: s.token(me.user.id, ["read:notifications"]) })).status).toBe(200);
  });
});

describe("GET /api/v1/notifications/:id", () => {
  test("own notification", async () => {
    const x = await me.client.v1.notifications.$select(String(n.favourite)).fetch();
    expect(x).toMatchObject({ id: String(n.favourite), type: "favourite", status: { id: String(mine) } });
  });

  test("unknown, malformed, hidden and other users' ids are 404", async () => {
    for (const id of ["999999999", "abc", String(n.theirs), String(n.hidden)]) {
      const res = await s.api("GET", `/api/v1/notifications/${id}`, { token: me.token });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "Record not found" });
    }
    expect((await s.api("GET", `/api/v1/notifications/${n.theirs}`, { token: a.token })).status).toBe(200);
  });
});

describe("GET /api/v1/notifications/unread_count", () => {
  test("counts after the notifications marker, capped by limit", async () => {
    const count = async (qs = "") =>
      (await (await s.api("GET", `/api/v1/notifications/unread_count${qs}`, { token: me.token })).json()).count;
    expect(await count()).toBe(4); // what the list shows: no invisible status, no blocked sender
    expect(await count("?limit=2")).toBe(2);
    expect(await count("?limit=5000")).toBe(4);
    expect(await count("?limit=abc")).toBe(4);
    expect(await count("?types[]=mention")).toBe(1);
    expect(await count("?exclude_types[]=follow")).toBe(3);
    expect(await count(`?account_id=${a.id}`)).toBe(2);
    await me.client.v1.markers.create({ notifications: { lastReadId: String(n.follow) } });
    expect(await count()).toBe(1);
    expect((await me.client.v1.notifications.unreadCount.fetch()).count).toBe(1);
    await me.client.v1.markers.create({ notifications: { lastReadId: String(n.reblog) } });
    expect(await count()).toBe(0);
    expect((await s.api("GET", "/api/v1/notifications/unread_count")).status).toBe(401);
    expect((await s.api("GET", "/api/v1/notifications/unread_count", { token: s.token(me.user.id, ["read:accounts"]) })).status).toBe(403);
  });
});
