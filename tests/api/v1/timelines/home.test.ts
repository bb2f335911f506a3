import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { homeTimelineSql } from "../../../../src/db/queries/timelines";
import { linkPath, makeBlock, makeFollow, makeMute, makeStatus, makeUsers } from "./fixtures";

let s: TestServer;
let viewer: TestUser, bob: TestUser, carol: TestUser, dan: TestUser, eve: TestUser, frank: TestUser, gina: TestUser;
const bobIds: number[] = [];
const ids = (list: any[]) => list.map((x) => x.id as string);

beforeAll(async () => {
  s = await startTestServer();
  [viewer, bob, carol, dan, eve, frank, gina] = await makeUsers(s, "hviewer", "hbob", "hcarol", "hdan", "heve", "hfrank", "hgina");
  const c = s.ctx;
  for (const u of [bob, carol, dan, eve]) makeFollow(c, viewer.account.id, u.account.id);
  makeFollow(c, viewer.account.id, frank.account.id, { showReblogs: false });
  for (let i = 1; i <= 5; i++) bobIds.push(makeStatus(c, bob.account.id, { text: `bob ${i}` }).id);
  makeBlock(c, viewer.account.id, carol.account.id);
  makeMute(c, viewer.account.id, dan.account.id);
  makeBlock(c, eve.account.id, viewer.account.id);
});
afterAll(() => s.stop());

describe("GET /api/v1/timelines/home", () => {
  test("newest first, own posts and followed posts (private too), with viewer flags", async () => {
    const own = makeStatus(s.ctx, viewer.account.id, { text: "mine" });
    const priv = makeStatus(s.ctx, bob.account.id, { text: "followers only", visibility: 2 });
    const list = await viewer.client.v1.timelines.home.list({ limit: 40 });
    expect(ids(list).slice(0, 2)).toEqual([String(priv.id), String(own.id)]);
    expect(ids(list).slice(2, 7)).toEqual(bobIds.map(String).reverse());
    expect(list[0]!.visibility).toBe("private");
    expect(list[0]!.favourited).toBe(false);
    // Someone who doesn't follow bob sees neither
    expect(await gina.client.v1.timelines.home.list()).toEqual([]);
  });

  test("blocked, muted and blocking authors and their boosts are filtered; show_reblogs=0 hides boosts", async () => {
    const c = s.ctx;
    const hidden = [
      makeStatus(c, carol.account.id, { text: "blocked author" }),
      makeStatus(c, dan.account.id, { text: "muted author" }),
      makeStatus(c, eve.account.id, { text: "author blocks viewer" }),
    ];
    const boostOfBlocked = makeStatus(c, bob.account.id, { reblogOf: hidden[0]!.id });
    const boostOfMuted = makeStatus(c, bob.account.id, { reblogOf: hidden[1]!.id });
    const frankBoost = makeStatus(c, frank.account.id, { reblogOf: bobIds[0] });
    // as if show_reblogs was switched off after the boost reached the feed
    c.db.query("INSERT OR IGNORE INTO home_feeds (account_id, status_id) VALUES (?, ?)").run(viewer.account.id, frankBoost.id);
    const frankPost = makeStatus(c, frank.account.id, { text: "frank's own" });
    const ginaPost = makeStatus(c, gina.account.id, { text: "gina" });
    const bobBoost = makeStatus(c, bob.account.id, { reblogOf: ginaPost.id });
    expect(
      s.count(
        "home_feeds",
        "account_id = ? AND status_id IN (?, ?, ?)",
        viewer.account.id,
        boostOfBlocked.id,
        frankBoost.id,
        hidden[0]!.id,
      ),
    ).toBe(3);
    const list = await viewer.client.v1.timelines.home.list({ limit: 40 });
    const got = ids(list);
    for (const h of [...hidden, boostOfBlocked, boostOfMuted, frankBoost]) expect(got).not.toContain(String(h.id));
    expect(got.slice(0, 2)).toEqual([String(bobBoost.id), String(frankPost.id)]);
    expect(list[0]!.reblog?.id).toBe(String(ginaPost.id));
    expect(list[0]!.reblog?.account.id).toBe(gina.id);
  });

  test("max_id / since_id / min_id and Link headers that work when followed", async () => {
    const all = ids(await bob.client.v1.timelines.home.list({ limit: 40 }));
    expect(all.length).toBeGreaterThanOrEqual(5);
    const r1 = await s.api("GET", "/api/v1/timelines/home?limit=2", { token: bob.token });
    expect(ids(await r1.json())).toEqual(all.slice(0, 2));
    const next = linkPath(r1, "next", s.url)!;
    expect(next).toContain(`max_id=${all[1]}`);
    expect(next).toContain("limit=2");
    const r2 = await s.api("GET", next, { token: bob.token });
    expect(ids(await r2.json())).toEqual(all.slice(2, 4));
    const prev = linkPath(r2, "prev", s.url)!;
    expect(prev).toContain(`min_id=${all[2]}`);
    const r3 = await s.api("GET", prev, { token: bob.token });
    expect(ids(await r3.json())).toEqual(all.slice(0, 2));
    // since_id: newest items above the id; min_id: the ones immediately above it
    const sinceRes = await s.api("GET", `/api/v1/timelines/home?since_id=${all[4]}&limit=2`, { token: bob.token });
    expect(ids(await sinceRes.json())).toEqual(all.slice(0, 2));
    const minRes = await s.api("GET", `/api/v1/timelines/home?min_id=${all[4]}&limit=2`, { token: bob.token });
    expect(ids(await minRes.json())).toEqual(all.slice(2, 4));
    const maxRes = await s.api("GET", `/api/v1/timelines/home?max_id=${all[0]}&since_id=${all[3]}`, { token: bob.token });
    expect(ids(await maxRes.json())).toEqual(all.slice(1, 3));
    // an empty page has no Link header
    const empty = await s.api("GET", `/api/v1/timelines/home?min_id=${all[0]}`, { token: bob.token });
    expect(await empty.json()).toEqual([]);
    expect(empty.headers.get("link")).toBeNull();
  });

  test("masto.js paginator walks the whole feed in order", async () => {
    const all = ids(await bob.client.v1.timelines.home.list({ limit: 40 }));
    const walked: string[] = [];
    for await (const page of bob.client.v1.timelines.home.list({ limit: 2 })) walked.push(...ids(page));
    expect(walked).toEqual(all);
  });

  test("limit bounds: 1000 → 40, abc → 20, 0 → 20", async () => {
    const heavy = await s.createUser("hheavy");
    for (let i = 0; i < 45; i++) makeStatus(s.ctx, heavy.account.id, { text: `n${i}` });
    const len = async (q: string) => (await (await s.api("GET", `/api/v1/timelines/home?${q}`, { token: heavy.token })).json()).length;
    expect(await len("limit=1000")).toBe(40);
    expect(await len("limit=abc")).toBe(20);
    expect(await len("limit=0")).toBe(20);
    expect(await len("")).toBe(20);
    expect(await len("limit=3")).toBe(3);
  });

  test("auth: no token 401, bad token 401, token without read:statuses 403", async () => {
    expect((await s.api("GET", "/api/v1/timelines/home")).status).toBe(401);
    expect((await s.api("GET", "/api/v1/timelines/home", { token: "nope" })).status).toBe(401);
    const t = s.token(viewer.user.id, ["read:accounts"]);
    const res = await s.api("GET", "/api/v1/timelines/home", { token: t });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBeString();
    const ok = s.token(viewer.user.id, ["read:statuses"]);
    expect((await s.api("GET", "/api/v1/timelines/home", { token: ok })).status).toBe(200);
  });

  test("a suspended author's posts and boosts of their posts disappear, and come back when unsuspended", async () => {
    const c = s.ctx;
    const [gone, booster] = await makeUsers(s, "hgone", "hbooster");
    makeFollow(c, viewer.account.id, gone.account.id);
    makeFollow(c, viewer.account.id, booster.account.id);
    const post = makeStatus(c, gone.account.id, { text: "soon suspended" });
    const boost = makeStatus(c, booster.account.id, { reblogOf: post.id });
    const home = async () => ids(await viewer.client.v1.timelines.home.list({ limit: 40 }));
    expect((await home()).slice(0, 2)).toEqual([String(boost.id), String(post.id)]);
    c.db.query("UPDATE accounts SET suspended_at = 1 WHERE id = ?").run(gone.account.id);
    expect(await home()).not.toContain(String(post.id));
    expect(await home()).not.toContain(String(boost.id));
    c.db.query("UPDATE accounts SET suspended_at = NULL WHERE id = ?").run(gone.account.id);
    expect((await home()).slice(0, 2)).toEqual([String(boost.id), String(post.id)]);
  });

  test("query plan: one range scan of home_feeds' primary key, no temp B-tree", () => {
    for (const page of [{ limit: 20 }, { limit: 20, maxId: 5 }, { limit: 20, minId: 5 }, { limit: 20, sinceId: 1, maxId: 9 }]) {
      const q = homeTimelineSql(1, page, 0);
      const plan = s.ctx.db
        .query<{ detail: string }, any[]>(`EXPLAIN QUERY PLAN ${q.sql}`)
        .all(...q.args)
        .map((r) => r.detail);
      const text = plan.join("\n");
      expect(plan[0]).toMatch(/^SEARCH hf USING PRIMARY KEY \(account_id=\?/);
      expect(text).not.toMatch(/TEMP B-TREE/);
      expect(text).not.toMatch(/^SCAN /m);
      expect(text).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
    }
  });
});
