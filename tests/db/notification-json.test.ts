/**
 * The notification lists served from the status and account caches (src/db/views/notification-json.ts,
 * notification-groups-json.ts) answer byte for byte what the uncached views give
 * (JSON.stringify(notificationList(…)) and JSON.stringify(groupedNotifications(…))) over HTTP:
 * mentions, favourites, boosts, follows, polls, admin.report, moderation_warning, keyword-filtered
 * statuses, and senders muted, blocked, blocking or suspended; with filters, pages and caches
 * warm, cold and invalidated.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { makeBlock, makeFollow, makeMute, makeNotification, makeStatus, makeUsers } from "../api/v1/timelines/fixtures";
import { staffUser } from "../api/v1/admin/helpers";
import { notify } from "../../src/services/notifications/notify";
import type { Params } from "../../src/http/params";
import { readPage } from "../../src/http/pagination";
import { VISIBILITY_SQL } from "../../src/db/queries/timelines";
import { notificationIds, notificationRowsPage } from "../../src/db/queries/notifications-page";
import { notificationListJson } from "../../src/db/views/notification-json";
import { groupedNotificationsJson } from "../../src/db/views/notification-groups-json";
import { notificationList } from "../../src/db/views/notifications";
import {
  effectiveGroupKey,
  groupDataFromWalk,
  groupRepresentatives,
  newestOfGroup,
  walkGroups,
} from "../../src/db/queries/notification-groups";
import { emptyGroupedResults, groupedNotifications, SAMPLE_ACCOUNTS } from "../../src/db/views/notification-groups";
import { readNotificationFilter } from "../../src/api/v1/notifications/filter";
import { readExpandAccounts, readGroupedTypes } from "../../src/api/v2/notifications/params";

let s: TestServer;
let me: TestUser, mod: TestUser;
let a: TestUser, b: TestUser, c: TestUser, d: TestUser, e: TestUser, f: TestUser, g: TestUser, h: TestUser;
let mine: number, mention: number, pollStatus: number;

/** The uncached v1 list for `input` (the endpoint's query, parsed). */
function slowV1(input: Params): string {
  const filter = readNotificationFilter(input);
  if (!filter) return "[]";
  return JSON.stringify(notificationList(s.ctx, notificationIds(s.ctx, me.account.id, filter, readPage(input, 40, 80)).ids, me.account.id));
}

/** The uncached v2 list for `input`, paged as src/api/v2/notifications/list.ts pages. */
function slowV2(input: Params): string {
  const expand = readExpandAccounts(input);
  const filter = readNotificationFilter(input);
  if (!filter) return JSON.stringify(emptyGroupedResults(expand));
  const page = readPage(input, 40, 80);
  const asc = page.minId !== undefined;
  const reps = groupRepresentatives(s.ctx, me.account.id, filter, { ...page, asc }, readGroupedTypes(input));
  if (reps.length === 0) return JSON.stringify(emptyGroupedResults(expand));
  const first = reps[0]!.row.id;
  const last = reps[reps.length - 1]!.row.id;
  let range = { lo: last, hi: first };
  if (reps.length < page.limit) {
    range = asc
      ? { lo: last, hi: page.maxId !== undefined ? page.maxId - 1 : Number.MAX_SAFE_INTEGER }
      : { lo: page.sinceId !== undefined ? page.sinceId + 1 : 0, hi: first };
  }
  return JSON.stringify(groupedNotifications(s.ctx, me.account.id, reps, { range, expand }));
}

/** GET `path?qs` as `me`, checked against `slow(input)`; answers the parsed body. */
async function same(path: string, qs: string, input: Params, slow: (input: Params) => string): Promise<any> {
  const res = await s.api("GET", `${path}${qs ? `?${qs}` : ""}`, { token: me.token });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).toBe(slow(input));
  return JSON.parse(text);
}
const v1 = (qs = "", input: Params = {}) => same("/api/v1/notifications", qs, input, slowV1);
const v2 = (qs = "", input: Params = {}) => same("/api/v2/notifications", qs, input, slowV2);

beforeAll(async () => {
  s = await startTestServer();
  me = await s.createUser("njme");
  mod = await staffUser(s, "njmod", "admin");
  [a, b, c, d, e, f, g, h] = await makeUsers(s, "nja", "njb", "njc", "njd", "nje", "njf", "njg", "njh");
  const ctx = s.ctx;
  const id = (u: TestUser) => u.account.id;
  makeFollow(ctx, id(me), id(b));
  mine = makeStatus(ctx, id(me), { text: "my post" }).id;
  // Favourites and boosts of my post (grouped), a boost notification pointing at the boost itself.
  for (const u of [a, b, c]) makeNotification(ctx, id(me), id(u), "favourite", mine);
  makeNotification(ctx, id(me), id(a), "reblog", mine);
  makeNotification(ctx, id(me), id(b), "reblog", makeStatus(ctx, id(b), { reblogOf: mine }).id);
  for (const u of [c, d, f]) makeNotification(ctx, id(me), id(u), "follow");
  // A mention the viewer's keyword filter matches, a private post of someone followed, a private
  // post of someone not followed (invisible), a direct mention from a stranger (policy-filtered).
  mention = makeStatus(ctx, id(a), { text: "@njme the finale tonight #telly", mentions: [id(me)], tags: ["telly"], media: true }).id;
  makeNotification(ctx, id(me), id(a), "mention", mention);
  makeNotification(ctx, id(me), id(b), "status", makeStatus(ctx, id(b), { text: "followers only", visibility: 2 }).id);
  makeNotification(ctx, id(me), id(c), "status", makeStatus(ctx, id(c), { text: "not for me", visibility: 2 }).id);
  makeNotification(ctx, id(me), id(c), "mention", makeStatus(ctx, id(c), { text: "@njme psst", visibility: 3, mentions: [id(me)] }).id);
  // Senders then muted, blocked, blocking the viewer, suspended.
  for (const u of [d, e, f, g])
    makeNotification(
      ctx,
      id(me),
      id(u),
      "mention",
      makeStatus(ctx, id(u), { text: `@njme from ${u.account.username}`, mentions: [id(me)] }).id,
    );
  makeMute(ctx, id(me), id(e));
  makeBlock(ctx, id(me), id(d));
  makeBlock(ctx, id(g), id(me));
  ctx.db.query("UPDATE accounts SET suspended_at = ? WHERE id = ?").run(ctx.now(), id(f));
  // A report for staff.
  const reportId = ctx.ids.next();
  ctx.db
    .query("INSERT INTO reports (id, account_id, target_account_id, comment, created_at) VALUES (?, ?, ?, 'spam <b>', ?)")
    .run(reportId, id(c), id(a), ctx.now());
  notify(ctx, { accountId: id(me), fromAccountId: id(c), type: "admin.report", reportId });
  // A poll the viewer voted in, and its end.
  const polled = await s.api("POST", "/api/v1/statuses", {
    token: a.token,
    json: { status: "pick one", poll: { options: ["x", "y"], expires_in: 600 } },
  });
  const poll = await polled.json();
  pollStatus = Number(poll.id);
  expect((await s.api("POST", `/api/v1/polls/${poll.poll.id}/votes`, { token: me.token, json: { choices: ["0"] } })).status).toBe(200);
  makeNotification(ctx, id(me), id(a), "poll", pollStatus);
  // A moderation warning for the viewer.
  expect(
    (await s.api("POST", `/api/v1/admin/accounts/${me.id}/action`, { token: mod.token, json: { type: "none", text: "Be nice" } })).status,
  ).toBe(200);
  // A keyword filter of the viewer's.
  expect(
    (
      await s.api("POST", "/api/v2/filters", {
        token: me.token,
        json: { title: "Spoilers", context: ["notifications"], keywords_attributes: [{ keyword: "finale" }] },
      })
    ).status,
  ).toBe(200);
  await s.drain();
}, 30_000);
afterAll(() => s.stop());

describe("v1 notifications from the caches", () => {
  test("every type, byte for byte the uncached list, cold and warm", async () => {
    const list = await v1();
    expect(await v1()).toEqual(list);
    const types = list.map((n: any) => n.type);
    for (const t of ["mention", "favourite", "reblog", "follow", "status", "poll", "admin.report", "moderation_warning"])
      expect(types).toContain(t);
    const from = (u: TestUser) => list.filter((n: any) => n.account.id === u.id).map((n: any) => n.type);
    // blocked senders are hidden, blocking and suspended senders' statuses too; a muted sender's mention stays
    expect(from(d)).toEqual([]);
    expect(from(g)).toEqual([]);
    expect(from(f)).toEqual(["follow"]);
    expect(from(e)).toEqual(["mention"]);
    // the private post of someone not followed and the policy-filtered direct mention are left out
    expect(
      list
        .filter((n: any) => n.account.id === c.id)
        .map((n: any) => n.type)
        .sort(),
    ).toEqual(["admin.report", "favourite", "follow"]);
    const m = list.find((n: any) => n.status?.id === String(mention));
    expect(m.status.filtered.map((r: any) => [r.filter.title, r.keyword_matches])).toEqual([["Spoilers", ["finale"]]]);
    expect(m.status.tags.map((t: any) => t.name)).toEqual(["telly"]);
    expect(m.status.media_attachments.length).toBe(1);
    expect(list.find((n: any) => n.type === "poll").status.poll).toMatchObject({ voted: true, own_votes: [0] });
    expect(list.find((n: any) => n.type === "admin.report").report).toMatchObject({ comment: "spam <b>", target_account: { id: a.id } });
    expect(list.find((n: any) => n.type === "moderation_warning").moderation_warning).toMatchObject({ action: "none", text: "Be nice" });
    expect(list.filter((n: any) => n.type === "reblog").map((n: any) => n.status.id)).toEqual([String(mine), String(mine)]);
  });

  test("filters, pages and include_filtered", async () => {
    await v1("types[]=mention&types[]=poll", { types: ["mention", "poll"] });
    await v1("exclude_types[]=follow", { exclude_types: ["follow"] });
    await v1(`account_id=${a.id}`, { account_id: a.id });
    await v1(`account_id=${c.id}`, { account_id: c.id });
    const all = await v1("include_filtered=true", { include_filtered: "true" });
    expect(all.some((n: any) => n.status?.visibility === "direct")).toBe(true);
    const first = await v1("limit=3", { limit: "3" });
    const next = first[first.length - 1].id;
    await v1(`limit=3&max_id=${next}`, { limit: "3", max_id: next });
    await v1(`limit=3&min_id=${next}`, { limit: "3", min_id: next });
    await v1(`since_id=${next}`, { since_id: next });
  });

  test("changes show at once: the viewer's favourite, an edit, the sender's new display name", async () => {
    expect((await s.api("POST", `/api/v1/statuses/${mention}/favourite`, { token: me.token })).status).toBe(200);
    s.ctx.db.query("UPDATE statuses SET content = '<p>edited finale</p>' WHERE id = ?").run(mention);
    expect((await s.api("PATCH", "/api/v1/accounts/update_credentials", { token: a.token, json: { display_name: "Ayy" } })).status).toBe(
      200,
    );
    const m = (await v1()).find((n: any) => n.status?.id === String(mention));
    expect(m.status).toMatchObject({ favourited: true, content: "<p>edited finale</p>", account: { display_name: "Ayy" } });
    expect(m.account.display_name).toBe("Ayy");
  });
});

describe("v2 grouped notifications from the caches", () => {
  test("every type, byte for byte the uncached groups, cold and warm", async () => {
    const body = await v2();
    expect(await v2()).toEqual(body);
    const groups = body.notification_groups;
    const fav = groups.find((x: any) => x.type === "favourite");
    expect(fav).toMatchObject({ notifications_count: 3, sample_account_ids: [c.id, b.id, a.id], status_id: String(mine) });
    // one boost notification points at my post, the other at the boost: two groups, one status
    expect(groups.filter((x: any) => x.type === "reblog").map((x: any) => [x.notifications_count, x.status_id])).toEqual([
      [1, String(mine)],
      [1, String(mine)],
    ]);
    expect(groups.find((x: any) => x.type === "follow").sample_account_ids).toEqual([c.id]); // blocked d and suspended f left out
    expect(groups.find((x: any) => x.type === "admin.report").report.comment).toBe("spam <b>");
    expect(groups.find((x: any) => x.type === "moderation_warning").moderation_warning.text).toBe("Be nice");
    expect(body.statuses.find((x: any) => x.id === String(mention)).filtered[0].filter.title).toBe("Spoilers");
    expect(body.statuses.find((x: any) => x.id === String(pollStatus)).poll.voted).toBe(true);
    expect(groups.some((x: any) => [e.id].includes(x.sample_account_ids[0]))).toBe(true);
    for (const u of [g, f]) expect(groups.some((x: any) => x.sample_account_ids.includes(u.id))).toBe(false);
  });

  test("filters, expand_accounts, grouped_types and pages (both ways)", async () => {
    await v2("expand_accounts=partial_avatars", { expand_accounts: "partial_avatars" });
    await v2("grouped_types[]=favourite", { grouped_types: ["favourite"] });
    await v2("types[]=favourite&types[]=follow", { types: ["favourite", "follow"] });
    await v2("exclude_types[]=mention", { exclude_types: ["mention"] });
    await v2(`account_id=${b.id}`, { account_id: b.id });
    await v2("include_filtered=true", { include_filtered: "true" });
    let max: string | undefined;
    for (let i = 0; i < 8; i++) {
      const page = await v2(`limit=2${max ? `&max_id=${max}` : ""}`, max ? { limit: "2", max_id: max } : { limit: "2" });
      if (page.notification_groups.length === 0) break;
      max = page.notification_groups.at(-1).most_recent_notification_id;
    }
    await v2(`limit=2&min_id=${max}`, { limit: "2", min_id: max });
    await v2(`since_id=${max}`, { since_id: max });
  });

  test("a group reaching below what the walk read is counted in full", async () => {
    // Twenty-five newer mentions push the older favourites far below a two-group page's walk.
    for (let i = 0; i < 25; i++)
      makeNotification(
        s.ctx,
        me.account.id,
        h.account.id,
        "mention",
        makeStatus(s.ctx, h.account.id, { text: `@njme ${i}`, mentions: [me.account.id] }).id,
      );
    makeNotification(s.ctx, me.account.id, h.account.id, "favourite", mine);
    const page = await v2("limit=2", { limit: "2" });
    expect(page.notification_groups[0]).toMatchObject({
      type: "favourite",
      notifications_count: 4,
      sample_account_ids: [h.id, c.id, b.id, a.id],
    });
    await v2("limit=40", { limit: "40" });
  });

  test("a single group", async () => {
    const body = await v2();
    for (const grp of body.notification_groups) {
      const res = await s.api("GET", `/api/v2/notifications/${grp.group_key}`, { token: me.token });
      const row = newestOfGroup(s.ctx, me.account.id, grp.group_key)!;
      expect(await res.text()).toBe(
        JSON.stringify(
          groupedNotifications(s.ctx, me.account.id, [{ row, key: effectiveGroupKey(row, null) }], { range: null, expand: "full" }),
        ),
      );
    }
  });
});

test("inside a transaction (no caches there) the same text comes from the uncached views", () => {
  const ctx = s.ctx;
  const viewer = me.account.id;
  const page = readPage({}, 40, 80);
  ctx.db
    .transaction(() => {
      expect(notificationListJson(ctx, notificationRowsPage(ctx, viewer, {}, page), viewer)).toBe(slowV1({}));
      const walk = walkGroups(ctx, viewer, {}, { ...page, asc: false }, null);
      const range = { lo: walk.reps.at(-1)!.row.id, hi: walk.reps[0]!.row.id };
      const data = (keys: string[], lo: number, hi: number) => groupDataFromWalk(ctx, viewer, walk, keys, lo, hi, SAMPLE_ACCOUNTS);
      for (const expand of ["full", "partial_avatars"] as const) {
        const out = groupedNotificationsJson(ctx, viewer, walk.reps, { range, expand, data });
        expect(out.json).toBe(JSON.stringify(groupedNotifications(ctx, viewer, walk.reps, { range, expand })));
        expect(out.groups.length).toBe(JSON.parse(out.json).notification_groups.length);
      }
    })
    .immediate();
});

test("the visibility query probes an index per listed id (never scans a table)", () => {
  const plan = s.ctx.db
    .query<{ detail: string }, any[]>(`EXPLAIN QUERY PLAN ${VISIBILITY_SQL}`)
    .all(1, "[1,2]", "[3]", "[4]")
    .map((r) => r.detail);
  expect(plan.filter((d) => d.startsWith("SCAN ")).every((d) => d.startsWith("SCAN j VIRTUAL TABLE"))).toBe(true);
  expect(plan.filter((d) => d.startsWith("SEARCH ")).length).toBe(5);
});
