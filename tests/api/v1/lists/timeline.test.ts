import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { listTimelineSql } from "../../../../src/db/queries/list-timeline";
import { linkPath, makeBlock, makeFollow, makeMute, makeStatus, makeUsers } from "../timelines/fixtures";

let s: TestServer;
let owner: TestUser, bob: TestUser, carol: TestUser, dan: TestUser, frank: TestUser, gina: TestUser, stranger: TestUser, other: TestUser;
const bobIds: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  [owner, bob, carol, dan, frank, gina, stranger, other] = await makeUsers(
    s,
    "ltowner",
    "ltbob",
    "ltcarol",
    "ltdan",
    "ltfrank",
    "ltgina",
    "ltstranger",
    "ltother",
  );
  for (const u of [bob, carol, dan, gina]) makeFollow(s.ctx, owner.account.id, u.account.id);
  makeFollow(s.ctx, owner.account.id, frank.account.id, { showReblogs: false });
  for (let i = 1; i <= 5; i++) bobIds.unshift(String(makeStatus(s.ctx, bob.account.id, { text: `bob ${i}` }).id));
});
afterAll(() => s.stop());

const ids = (list: { id: string }[]) => list.map((x) => x.id);
async function newList(title: string, members: TestUser[], extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.api("POST", "/api/v1/lists", { token: owner.token, json: { title, ...extra } });
  const id = (await r.json()).id as string;
  if (members.length) await owner.client.v1.lists.$select(id).accounts.create({ accountIds: members.map((m) => m.id) });
  return id;
}
const timeline = async (id: string, q = "limit=40") =>
  ids(await (await s.api("GET", `/api/v1/timelines/list/${id}?${q}`, { token: owner.token })).json());

describe("GET /api/v1/timelines/list/:list_id", () => {
  test("members' earlier and new posts, newest first, private ones too, never direct or non-members'", async () => {
    const l = await newList("Bob", [bob]);
    expect(await timeline(l)).toEqual(bobIds);
    const priv = String(makeStatus(s.ctx, bob.account.id, { text: "followers only", visibility: 2 }).id);
    makeStatus(s.ctx, bob.account.id, { text: "dm", visibility: 3, mentions: [owner.account.id] });
    makeStatus(s.ctx, gina.account.id, { text: "not a member" });
    const list = await owner.client.v1.timelines.list.$select(l).list({ limit: 40 });
    expect(ids(list)).toEqual([priv, ...bobIds]);
    expect(list[0]!.visibility).toBe("private");
    expect(list[0]!.favourited).toBe(false);
    expect(list[0]!.account.id).toBe(bob.id);
  });

  test("max_id / since_id / min_id, Link headers and the masto.js paginator", async () => {
    const l = await newList("Paging", [bob]);
    const all = await timeline(l);
    expect(all.length).toBe(6);
    const r1 = await s.api("GET", `/api/v1/timelines/list/${l}?limit=2`, { token: owner.token });
    expect(ids(await r1.json())).toEqual(all.slice(0, 2));
    const next = linkPath(r1, "next", s.url)!;
    expect(next).toContain(`max_id=${all[1]}`);
    const r2 = await s.api("GET", next, { token: owner.token });
    expect(ids(await r2.json())).toEqual(all.slice(2, 4));
    const prev = linkPath(r2, "prev", s.url)!;
    expect(ids(await (await s.api("GET", prev, { token: owner.token })).json())).toEqual(all.slice(0, 2));
    expect(await timeline(l, `since_id=${all[4]}&limit=2`)).toEqual(all.slice(0, 2));
    expect(await timeline(l, `min_id=${all[4]}&limit=2`)).toEqual(all.slice(2, 4));
    expect(await timeline(l, `max_id=${all[0]}&since_id=${all[3]}`)).toEqual(all.slice(1, 3));
    const empty = await s.api("GET", `/api/v1/timelines/list/${l}?min_id=${all[0]}`, { token: owner.token });
    expect(await empty.json()).toEqual([]);
    expect(empty.headers.get("link")).toBeNull();
    const walked: string[] = [];
    for await (const page of owner.client.v1.timelines.list.$select(l).list({ limit: 4 })) walked.push(...ids(page));
    expect(walked).toEqual(all);
  });

  test("replies policies: followed, list and none (on fan-out and on backfill alike)", async () => {
    const before = {
      followed: await newList("F", [bob, carol], { replies_policy: "followed" }),
      list: await newList("L", [bob, carol]),
      none: await newList("N", [bob, carol], { replies_policy: "none" }),
    };
    const base = makeStatus(s.ctx, stranger.account.id, { text: "root" }).id;
    const reply = (to: TestUser, text: string) =>
      String(makeStatus(s.ctx, bob.account.id, { text, inReplyTo: { id: base, accountId: to.account.id } }).id);
    const toMember = reply(carol, "to carol (member, followed)");
    const toFollowed = reply(gina, "to gina (followed, not a member)");
    const toStranger = reply(stranger, "to a stranger");
    const toOwner = reply(owner, "to the owner");
    const toSelf = reply(bob, "thread");
    const unknown = String(
      makeStatus(s.ctx, bob.account.id, { text: "reply to an unknown account", inReplyTo: { id: base, accountId: null as any } }).id,
    );
    const after = {
      followed: await newList("F2", [bob, carol], { replies_policy: "followed" }),
      list: await newList("L2", [bob, carol]),
      none: await newList("N2", [bob, carol], { replies_policy: "none" }),
    };
    const expected = {
      followed: [toSelf, toOwner, toFollowed, toMember],
      list: [toSelf, toOwner, toMember],
      none: [toSelf, toOwner],
    };
    const replies = [toMember, toFollowed, toStranger, toOwner, toSelf, unknown];
    for (const k of ["followed", "list", "none"] as const) {
      for (const l of [before[k], after[k]]) expect((await timeline(l)).filter((id) => replies.includes(id))).toEqual(expected[k]);
    }
    // changing the policy keeps the feed (as Mastodon) and applies to new posts
    await owner.client.v1.lists.$select(before.none).update({ title: "N", repliesPolicy: "followed" } as any);
    const later = reply(gina, "later, to gina");
    expect((await timeline(before.none))[0]).toBe(later);
  });

  test("boosts by members (unless their boosts are hidden); blocked, muted and blocking authors are filtered", async () => {
    const l = await newList("Boosts", [bob, frank, dan]);
    const ginaPost = makeStatus(s.ctx, gina.account.id, { text: "gina" });
    const bobBoost = String(makeStatus(s.ctx, bob.account.id, { reblogOf: ginaPost.id }).id);
    const frankBoost = String(makeStatus(s.ctx, frank.account.id, { reblogOf: ginaPost.id }).id);
    const frankOwn = String(makeStatus(s.ctx, frank.account.id, { text: "frank's own" }).id);
    const danPost = String(makeStatus(s.ctx, dan.account.id, { text: "dan" }).id);
    let got = await timeline(l);
    expect(got.slice(0, 3)).toEqual([danPost, frankOwn, bobBoost]);
    expect(got).not.toContain(frankBoost);
    const list = await owner.client.v1.timelines.list.$select(l).list({ limit: 3 });
    expect(list[2]!.reblog?.id).toBe(String(ginaPost.id));
    // read-time filters, as on home
    makeMute(s.ctx, owner.account.id, dan.account.id);
    const blocker = await s.createUser("ltblocker");
    const blocked = makeStatus(s.ctx, blocker.account.id, { text: "I block the owner" });
    makeBlock(s.ctx, blocker.account.id, owner.account.id);
    const boostOfBlocker = String(makeStatus(s.ctx, bob.account.id, { reblogOf: blocked.id }).id);
    got = await timeline(l);
    expect(got).not.toContain(danPost);
    expect(got).not.toContain(boostOfBlocker);
    expect(got).toContain(frankOwn);
    s.ctx.db.query("DELETE FROM mutes WHERE account_id = ?").run(owner.account.id);
    expect(await timeline(l)).toContain(danPost);
  });

  test("a deleted status leaves the list feed", async () => {
    const l = await newList("Deletes", [bob]);
    const st = await bob.client.v1.statuses.create({ status: "soon gone" });
    expect((await timeline(l))[0]).toBe(st.id);
    await bob.client.v1.statuses.$select(st.id).remove();
    expect(await timeline(l)).not.toContain(st.id);
    expect(s.count("list_feeds", "status_id = ?", Number(st.id))).toBe(0);
  });

  test("someone else's or unknown list 404; 401 without token; 403 without read:lists", async () => {
    const l = await newList("Mine", [bob]);
    for (const id of [l, "99999999", "abc"]) {
      const r = await s.api("GET", `/api/v1/timelines/list/${id}`, { token: id === l ? other.token : owner.token });
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({ error: "Record not found" });
    }
    expect((await s.api("GET", `/api/v1/timelines/list/${l}`)).status).toBe(401);
    expect((await s.api("GET", `/api/v1/timelines/list/${l}`, { token: s.token(owner.user.id, ["read:statuses"]) })).status).toBe(403);
    expect((await s.api("GET", `/api/v1/timelines/list/${l}`, { token: s.token(owner.user.id, ["read:lists"]) })).status).toBe(200);
  });

  test("query plan: one range scan of list_feeds' primary key, no temp B-tree", () => {
    for (const page of [{ limit: 20 }, { limit: 20, maxId: 5 }, { limit: 20, minId: 5 }, { limit: 20, sinceId: 1, maxId: 9 }]) {
      const q = listTimelineSql(1, 1, page, 0);
      const plan = s.ctx.db
        .query<{ detail: string }, any[]>(`EXPLAIN QUERY PLAN ${q.sql}`)
        .all(...q.args)
        .map((r) => r.detail);
      const text = plan.join("\n");
      expect(plan[0]).toMatch(/^SEARCH lf USING PRIMARY KEY \(list_id=\?/);
      expect(text).not.toMatch(/TEMP B-TREE/);
      expect(text).not.toMatch(/^SCAN /m);
    }
  });
});

describe("exclusive lists", () => {
  test("members' posts skip the owner's home feed while the list is exclusive; other followers still get them", async () => {
    const [ex, fan] = await makeUsers(s, "ltexclusive", "ltfan");
    makeFollow(s.ctx, owner.account.id, ex.account.id);
    makeFollow(s.ctx, fan.account.id, ex.account.id);
    const inclusive = await newList("Inclusive", [ex]);
    const first = String(makeStatus(s.ctx, ex.account.id, { text: "before exclusive" }).id);
    const home = async (u: TestUser) => ids(await u.client.v1.timelines.home.list({ limit: 40 }));
    expect(await home(owner)).toContain(first);
    const exclusive = await newList("Exclusive", [ex], { exclusive: true });
    const second = String(makeStatus(s.ctx, ex.account.id, { text: "while exclusive" }).id);
    const boost = String(makeStatus(s.ctx, ex.account.id, { reblogOf: Number(bobIds[0]) }).id);
    expect(await home(owner)).not.toContain(second);
    expect(await home(owner)).not.toContain(boost);
    expect(await home(fan)).toContain(second);
    expect((await timeline(exclusive)).slice(0, 2)).toEqual([boost, second]);
    expect((await timeline(inclusive)).slice(0, 2)).toEqual([boost, second]);
    // unmuting refills home from the member's posts, but not while the list is exclusive
    makeMute(s.ctx, owner.account.id, ex.account.id);
    await owner.client.v1.accounts.$select(ex.id).unmute();
    expect(await home(owner)).not.toContain(second);
    await owner.client.v1.lists.$select(exclusive).update({ title: "Exclusive", exclusive: false });
    const third = String(makeStatus(s.ctx, ex.account.id, { text: "no longer exclusive" }).id);
    expect(await home(owner)).toContain(third);
  });
});
