import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { linkPath } from "../../v1/timelines/fixtures";
import { walkGroups } from "../../../../src/db/queries/notification-groups";

let s: TestServer;
let me: TestUser;
const u: TestUser[] = [];
let p1: string, p2: string, m1: string, m2: string;
const nid = (from: TestUser, type: string) =>
  String(
    (
      s.ctx.db
        .query("SELECT id FROM notifications WHERE account_id = ? AND from_account_id = ? AND type = ? ORDER BY id DESC LIMIT 1")
        .get(me.account.id, from.account.id, type) as { id: number }
    ).id,
  );
const get = async (qs = "", token = me.token) => {
  const res = await s.api("GET", `/api/v2/notifications${qs}`, { token });
  return { res, body: (await res.json()) as any };
};
const kinds = (body: any) => body.notification_groups.map((g: any) => `${g.type}:${g.notifications_count}`);

beforeAll(async () => {
  s = await startTestServer();
  me = await s.createUser("gme");
  for (let i = 1; i <= 9; i++) u[i] = await s.createUser(`gu${i}`);
  p1 = (await me.client.v1.statuses.create({ status: "first post" })).id;
  p2 = (await me.client.v1.statuses.create({ status: "second post" })).id;
  for (let i = 1; i <= 9; i++) await u[i]!.client.v1.statuses.$select(p1).favourite();
  await u[1]!.client.v1.statuses.$select(p2).reblog();
  await u[2]!.client.v1.statuses.$select(p2).reblog();
  for (let i = 1; i <= 3; i++) await u[i]!.client.v1.accounts.$select(me.id).follow();
  m1 = (await u[4]!.client.v1.statuses.create({ status: "@gme hello there" })).id;
  await u[5]!.client.v1.statuses.$select(p2).favourite();
  m2 = (await u[4]!.client.v1.statuses.create({ status: "@gme second mention" })).id;
});
afterAll(() => s.stop());

describe("GET /api/v2/notifications", () => {
  test("favourites, boosts and follows are grouped with counts and samples; mentions are not", async () => {
    const { res, body } = await get();
    expect(res.status).toBe(200);
    expect(Object.keys(body)).toEqual(["accounts", "statuses", "notification_groups"]);
    expect(kinds(body)).toEqual(["mention:1", "favourite:1", "mention:1", "follow:3", "reblog:2", "favourite:9"]);
    const [mention2, fav2, mention1, follows, reblogs, fav1] = body.notification_groups;
    expect(mention2).toEqual({
      group_key: `ungrouped-${nid(u[4]!, "mention")}`,
      notifications_count: 1,
      type: "mention",
      most_recent_notification_id: nid(u[4]!, "mention"),
      page_min_id: nid(u[4]!, "mention"),
      page_max_id: nid(u[4]!, "mention"),
      latest_page_notification_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      sample_account_ids: [u[4]!.id],
      status_id: m2,
    });
    expect(mention1.status_id).toBe(m1);
    expect(fav2).toMatchObject({
      status_id: p2,
      sample_account_ids: [u[5]!.id],
      group_key: expect.stringMatching(new RegExp(`^favourite-${p2}-\\d+$`)),
    });
    expect(follows.group_key).toMatch(/^follow-\d+$/);
    expect(follows.sample_account_ids).toEqual([u[3]!.id, u[2]!.id, u[1]!.id]);
    expect(follows.status_id).toBeUndefined();
    expect(reblogs).toMatchObject({
      status_id: p2,
      sample_account_ids: [u[2]!.id, u[1]!.id],
      most_recent_notification_id: nid(u[2]!, "reblog"),
    });
    expect(reblogs.group_key).toMatch(new RegExp(`^reblog-${p2}-\\d+$`));
    // at most 8 sample accounts, newest first; the last page covers the whole group
    expect(fav1.sample_account_ids).toEqual([9, 8, 7, 6, 5, 4, 3, 2].map((i) => u[i]!.id));
    expect(fav1.most_recent_notification_id).toBe(nid(u[9]!, "favourite"));
    expect(fav1.page_max_id).toBe(nid(u[9]!, "favourite"));
    expect(fav1.page_min_id).toBe(nid(u[1]!, "favourite"));
    // accounts and statuses once each, at the root
    const accountIds = body.accounts.map((a: any) => a.id);
    expect(new Set(accountIds).size).toBe(accountIds.length);
    expect(accountIds.sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => u[i]!.id).sort());
    expect(body.accounts[0]).toHaveProperty("username");
    expect(body.statuses.map((x: any) => x.id)).toEqual([m2, p2, m1, p1]);
    expect(body.statuses[1].favourites_count).toBe(1);
  });

  test("masto.js reads it, and v1 carries the same group keys", async () => {
    const r = await me.client.v2.notifications.list({ limit: 40 });
    expect(r.notificationGroups.map((g) => g.type)).toEqual(["mention", "favourite", "mention", "follow", "reblog", "favourite"]);
    expect(r.notificationGroups[5]!.notificationsCount).toBe(9);
    const v1 = await me.client.v1.notifications.list({ limit: 40 });
    const fav1 = v1.filter((n) => n.type === "favourite" && n.status?.id === p1);
    expect(fav1).toHaveLength(9);
    expect(new Set(fav1.map((n) => n.groupKey))).toEqual(new Set([r.notificationGroups[5]!.groupKey]));
    const mention = v1.find((n) => n.type === "mention")!;
    expect(mention.groupKey).toBe(`ungrouped-${mention.id}`);
  });

  test("pagination counts groups; Link next and prev work; min_id walks up", async () => {
    const p1r = await get("?limit=2");
    expect(kinds(p1r.body)).toEqual(["mention:1", "favourite:1"]);
    const next = linkPath(p1r.res, "next", s.url)!;
    expect(next).toContain(`max_id=${nid(u[5]!, "favourite")}`);
    expect(next).toContain("limit=2");
    const p2r = await get(next.replace("/api/v2/notifications", ""));
    expect(kinds(p2r.body)).toEqual(["mention:1", "follow:3"]);
    // A page covers notifications down to its oldest group's newest one, so a group's older
    // notifications come back on the next page under the same key (clients merge them).
    expect(p2r.body.notification_groups[1].page_min_id).toBe(nid(u[3]!, "follow"));
    const p3r = await get(linkPath(p2r.res, "next", s.url)!.replace("/api/v2/notifications", ""));
    expect(kinds(p3r.body)).toEqual(["follow:2", "reblog:2"]);
    expect(p3r.body.notification_groups[0].group_key).toBe(p2r.body.notification_groups[1].group_key);
    const p4r = await get(linkPath(p3r.res, "next", s.url)!.replace("/api/v2/notifications", ""));
    expect(kinds(p4r.body)).toEqual(["reblog:1", "favourite:9"]);
    expect(p4r.body.notification_groups[1].page_min_id).toBe(nid(u[9]!, "favourite"));
    const p5r = await get(linkPath(p4r.res, "next", s.url)!.replace("/api/v2/notifications", ""));
    expect(kinds(p5r.body)).toEqual(["favourite:8"]);
    // a short page reaches the start of the group
    expect(p5r.body.notification_groups[0].page_min_id).toBe(nid(u[1]!, "favourite"));
    // and its next link starts below everything it covered
    expect(linkPath(p5r.res, "next", s.url)).toContain(`max_id=${nid(u[1]!, "favourite")}`);
    const p6r = await get(linkPath(p5r.res, "next", s.url)!.replace("/api/v2/notifications", ""));
    expect(p6r.body.notification_groups).toEqual([]);
    expect(p6r.res.headers.get("link")).toBeNull();
    const back = await get(linkPath(p3r.res, "prev", s.url)!.replace("/api/v2/notifications", ""));
    expect(kinds(back.body)).toEqual(["mention:1", "follow:3"]);
    const up = await get(`?min_id=${nid(u[3]!, "follow")}&limit=2`);
    expect(kinds(up.body)).toEqual(["favourite:1", "mention:1"]);
    const short = await get(`?limit=3&max_id=${nid(u[1]!, "follow")}`);
    expect(kinds(short.body)).toEqual(["reblog:2", "favourite:9"]);
    expect(short.body.notification_groups[1].page_min_id).toBe(nid(u[1]!, "favourite"));
    const since = await get(`?since_id=${nid(u[3]!, "follow")}`);
    expect(kinds(since.body)).toEqual(["mention:1", "favourite:1", "mention:1"]);
    const walked: string[] = [];
    for await (const page of me.client.v2.notifications.list({ limit: 4 })) walked.push(...page.notificationGroups.map((g) => g.type));
    expect(walked).toEqual(["mention", "favourite", "mention", "follow", "follow", "reblog", "favourite"]);
  });

  test("types[], exclude_types[], account_id and grouped_types[]", async () => {
    expect(kinds((await get("?types[]=favourite")).body)).toEqual(["favourite:1", "favourite:9"]);
    expect(kinds((await get("?exclude_types[]=mention&exclude_types[]=follow")).body)).toEqual(["favourite:1", "reblog:2", "favourite:9"]);
    // the group's other senders still count, as in Mastodon
    expect(kinds((await get(`?account_id=${u[4]!.id}`)).body)).toEqual(["mention:1", "mention:1", "favourite:9"]);
    expect(kinds((await get("?account_id=nope")).body)).toEqual([]);
    const only = await me.client.v2.notifications.list({ types: ["follow"] });
    expect(only.notificationGroups.map((g) => g.notificationsCount)).toEqual([3]);
    // favourites and boosts are not grouped when the client cannot show them grouped
    const { body } = await get("?grouped_types[]=follow");
    expect(body.notification_groups).toHaveLength(15);
    expect(body.notification_groups.filter((g: any) => g.type === "follow").map((g: any) => g.notifications_count)).toEqual([3]);
    for (const g of body.notification_groups.filter((x: any) => x.type !== "follow")) {
      expect(g.notifications_count).toBe(1);
      expect(g.group_key).toMatch(/^ungrouped-\d+$/);
    }
  });

  test("expand_accounts=partial_avatars gives the newest sender in full and the others partially", async () => {
    const { body } = await get("?expand_accounts=partial_avatars&types[]=favourite&types[]=follow");
    expect(Object.keys(body)).toEqual(["accounts", "partial_accounts", "statuses", "notification_groups"]);
    expect(body.accounts.map((a: any) => a.id).sort()).toEqual([u[5]!.id, u[3]!.id, u[9]!.id].sort());
    const partial = body.partial_accounts;
    expect(partial.map((a: any) => a.id).sort()).toEqual([1, 2, 4, 6, 7, 8].map((i) => u[i]!.id).sort());
    expect(Object.keys(partial[0]).sort()).toEqual(["acct", "avatar", "avatar_static", "bot", "id", "locked", "url"]);
    const bad = await get("?expand_accounts=everything");
    expect(bad.res.status).toBe(400);
    expect(bad.body.error).toContain("expand_accounts");
  });

  test("auth: no token or a bad one 401, token without read:notifications 403", async () => {
    expect((await s.api("GET", "/api/v2/notifications")).status).toBe(401);
    expect((await s.api("GET", "/api/v2/notifications", { token: "not-a-token" })).status).toBe(401);
    expect((await s.api("GET", "/api/v2/notifications", { token: s.token(me.user.id, ["read:statuses"]) })).status).toBe(403);
    expect((await s.api("GET", "/api/v2/notifications", { token: s.token(me.user.id, ["read:notifications"]) })).status).toBe(200);
    // another user sees only their own
    expect(kinds((await get("", u[7]!.token)).body)).toEqual([]);
  });
});

describe("suspended senders", () => {
  // Last in the file: it suspends two senders and lifts the suspension at the end.
  test("are left out of groups, counts and samples, the same whether filtered in JavaScript or probed in SQL", async () => {
    const suspend = (ids: string[], at: number | null) =>
      s.ctx.db.query(`UPDATE accounts SET suspended_at = ? WHERE id IN (${ids.map(() => "?").join(",")})`).run(at, ...ids);
    suspend([u[4]!.id, u[6]!.id], Date.now());
    try {
      const { body } = await get();
      expect(kinds(body)).toEqual(["favourite:1", "follow:3", "reblog:2", "favourite:7"]);
      const fav1 = body.notification_groups[3];
      expect(fav1.sample_account_ids).not.toContain(u[6]!.id);
      expect(fav1.sample_account_ids).not.toContain(u[4]!.id);
      expect(body.accounts.map((a: any) => a.id)).not.toContain(u[4]!.id);
      // The walk drops their rows after reading them (few suspended accounts) or SQL leaves them
      // out (many: `few` 0 forces it): the same representatives, rows read, bottom and end.
      for (const w of [{ limit: 1 }, { limit: 2 }, { limit: 3 }, { limit: 40 }, { limit: 2, maxId: Number(nid(u[5]!, "favourite")) }])
        for (const f of [{}, { types: ["favourite", "mention"] }]) {
          const walk = { ...w, asc: false };
          const js = walkGroups(s.ctx, Number(me.id), f, walk, null);
          const sql = walkGroups(s.ctx, Number(me.id), f, walk, null, 0);
          expect(js.reps.length).toBeGreaterThan(0);
          expect(js).toEqual(sql);
        }
    } finally {
      suspend([u[4]!.id, u[6]!.id], null);
    }
    expect(kinds((await get()).body)).toEqual(["mention:1", "favourite:1", "mention:1", "follow:3", "reblog:2", "favourite:9"]);
  });
});
