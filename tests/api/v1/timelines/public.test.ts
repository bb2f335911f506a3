import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import type { StatusRow } from "../../../../src/db/rows";
import { publicTimelineSql, tagTimelineSql } from "../../../../src/db/queries/timelines";
import { linkPath, makeBlock, makeMute, makeRemoteAccount, makeStatus, makeUsers } from "./fixtures";

let s: TestServer;
let viewer: TestUser, pa: TestUser, pb: TestUser, pc: TestUser, sus: TestUser;
let st: Record<string, StatusRow> = {};
const ids = (list: any[]) => list.map((x) => x.id as string);
const sid = (...names: string[]) => names.map((n) => String(st[n]!.id));
const get = async (path: string, token?: string) => {
  const res = await s.api("GET", path, { token });
  expect(res.status).toBe(200);
  return ids(await res.json());
};

beforeAll(async () => {
  s = await startTestServer();
  [viewer, pa, pb, pc, sus] = await makeUsers(s, "pviewer", "pa", "pb", "pc", "psus");
  const c = s.ctx;
  const rem = makeRemoteAccount(c, "rem", "remote.example");
  const mk = (name: string, acct: number, f: Parameters<typeof makeStatus>[2] = {}) => {
    st[name] = makeStatus(c, acct, { text: name, ...f });
  };
  mk("a_public", pa.account.id);
  mk("a_unlisted", pa.account.id, { visibility: 1 });
  mk("a_private", pa.account.id, { visibility: 2 });
  mk("a_direct", pa.account.id, { visibility: 3, mentions: [viewer.account.id] });
  mk("b_media", pb.account.id, { media: true });
  mk("r_public", rem.id);
  mk("r_media", rem.id, { media: true });
  mk("a_boost", pa.account.id, { reblogOf: st.r_public!.id });
  mk("a_reply_other", pa.account.id, { inReplyTo: { id: st.b_media!.id, accountId: pb.account.id } });
  mk("a_reply_self", pa.account.id, { inReplyTo: { id: st.a_public!.id, accountId: pa.account.id } });
  mk("c_public", pc.account.id);
  // tags
  mk("t1", pa.account.id, { tags: ["Cats"] });
  mk("t2", pa.account.id, { tags: ["cats", "dogs"] });
  mk("t3", pb.account.id, { tags: ["dogs"] });
  mk("t4", pb.account.id, { tags: ["cats", "birds"] });
  mk("t5", pa.account.id, { tags: ["cats"], visibility: 2 });
  mk("t6", rem.id, { tags: ["cats"] });
  mk("t7", pa.account.id, { tags: ["cats"], visibility: 1 });
  makeBlock(c, viewer.account.id, pb.account.id);
  makeMute(c, viewer.account.id, pc.account.id);
});
afterAll(() => s.stop());

const EVERYONE = ["t6", "t4", "t3", "t2", "t1", "c_public", "a_reply_self", "r_media", "r_public", "b_media", "a_public"];

describe("GET /api/v1/timelines/public", () => {
  test("logged out: public top-level statuses only, newest first", async () => {
    expect(await get("/api/v1/timelines/public?limit=40")).toEqual(sid(...EVERYONE));
    const list = await s.client().v1.timelines.public.list({ limit: 40 });
    expect(ids(list)).toEqual(sid(...EVERYONE));
    expect(list[0]!.favourited).toBeUndefined();
  });

  test("logged in: blocked and muted authors are filtered", async () => {
    const want = EVERYONE.filter((n) => !["t4", "t3", "b_media", "c_public"].includes(n));
    const list = await viewer.client.v1.timelines.public.list({ limit: 40 });
    expect(ids(list)).toEqual(sid(...want));
    expect(list[0]!.favourited).toBe(false);
  });

  test("local, remote and only_media", async () => {
    const local = EVERYONE.filter((n) => !n.startsWith("r_") && n !== "t6");
    expect(await get("/api/v1/timelines/public?local=true&limit=40")).toEqual(sid(...local));
    expect(await get("/api/v1/timelines/public?remote=true&limit=40")).toEqual(sid("t6", "r_media", "r_public"));
    expect(await get("/api/v1/timelines/public?only_media=true")).toEqual(sid("r_media", "b_media"));
    expect(await get("/api/v1/timelines/public?local=true&remote=true&limit=40")).toEqual(sid(...EVERYONE));
    expect(await get("/api/v1/timelines/public?only_media=1&local=1")).toEqual(sid("b_media"));
    expect(ids(await s.client().v1.timelines.public.list({ remote: true, onlyMedia: true }))).toEqual(sid("r_media"));
  });

  test("private, unlisted and direct statuses never appear, even for followers or mentioned viewers", async () => {
    const got = new Set([
      ...(await get("/api/v1/timelines/public?limit=40", viewer.token)),
      ...(await get("/api/v1/timelines/public?limit=40", pa.token)),
    ]);
    for (const n of ["a_unlisted", "a_private", "a_direct", "a_boost", "a_reply_other", "t5", "t7"])
      expect(got.has(String(st[n]!.id))).toBe(false);
  });

  test("pagination with Link headers", async () => {
    const r1 = await s.api("GET", "/api/v1/timelines/public?limit=4&local=true");
    const page1 = ids(await r1.json());
    const next = linkPath(r1, "next", s.url)!;
    expect(next).toContain("local=true");
    const r2 = await s.api("GET", next);
    const page2 = ids(await r2.json());
    expect([...page1, ...page2]).toEqual(sid("t4", "t3", "t2", "t1", "c_public", "a_reply_self", "b_media", "a_public"));
    const prev = await s.api("GET", linkPath(r2, "prev", s.url)!);
    expect(ids(await prev.json())).toEqual(page1);
  });

  test("a suspended author's statuses disappear", async () => {
    const x = makeStatus(s.ctx, sus.account.id, { text: "soon gone" });
    expect((await get("/api/v1/timelines/public"))[0]).toBe(String(x.id));
    s.ctx.db.query("UPDATE accounts SET suspended_at = 1 WHERE id = ?").run(sus.account.id);
    expect(await get("/api/v1/timelines/public")).not.toContain(String(x.id));
  });

  test("a silenced author's statuses leave the public timeline, and come back when unsilenced", async () => {
    const [quiet] = await makeUsers(s, "pquiet");
    const x = makeStatus(s.ctx, quiet.account.id, { text: "soon quiet" });
    expect((await get("/api/v1/timelines/public"))[0]).toBe(String(x.id));
    s.ctx.db.query("UPDATE accounts SET silenced_at = 1 WHERE id = ?").run(quiet.account.id);
    expect(await get("/api/v1/timelines/public")).not.toContain(String(x.id));
    s.ctx.db.query("UPDATE accounts SET silenced_at = NULL WHERE id = ?").run(quiet.account.id);
    expect((await get("/api/v1/timelines/public"))[0]).toBe(String(x.id));
  });

  test("bad input: invalid token 401, token without read:statuses 403, bad boolean 422", async () => {
    expect((await s.api("GET", "/api/v1/timelines/public", { token: "bogus" })).status).toBe(401);
    expect((await s.api("GET", "/api/v1/timelines/public", { token: s.token(viewer.user.id, ["read:accounts"]) })).status).toBe(403);
    expect((await s.api("GET", "/api/v1/timelines/public?local=maybe")).status).toBe(422);
  });
});

describe("GET /api/v1/timelines/tag/:hashtag", () => {
  test("case-insensitive tag, public only", async () => {
    expect(await get("/api/v1/timelines/tag/CATS")).toEqual(sid("t6", "t4", "t2", "t1"));
    const list = await s.client().v1.timelines.tag.$select("Cats").list();
    expect(ids(list)).toEqual(sid("t6", "t4", "t2", "t1"));
    expect(list[1]!.tags.map((t) => t.name).sort()).toEqual(["birds", "cats"]);
  });

  test("any[], all[], none[]", async () => {
    expect(await get("/api/v1/timelines/tag/cats?any[]=dogs")).toEqual(sid("t6", "t4", "t3", "t2", "t1"));
    expect(await get("/api/v1/timelines/tag/cats?all[]=DOGS")).toEqual(sid("t2"));
    expect(await get("/api/v1/timelines/tag/cats?none[]=birds")).toEqual(sid("t6", "t2", "t1"));
    expect(await get("/api/v1/timelines/tag/cats?any[]=dogs&none[]=birds&none[]=nosuchtag")).toEqual(sid("t6", "t3", "t2", "t1"));
    expect(await get("/api/v1/timelines/tag/cats?all[]=dogs&all[]=nosuchtag")).toEqual([]);
    expect(await get("/api/v1/timelines/tag/nosuchtag")).toEqual([]);
    expect(await get("/api/v1/timelines/tag/nosuchtag?any[]=cats")).toEqual([]);
  });

  test("local, remote, only_media, viewer filters and pagination", async () => {
    expect(await get("/api/v1/timelines/tag/cats?local=true")).toEqual(sid("t4", "t2", "t1"));
    expect(await get("/api/v1/timelines/tag/cats?remote=true")).toEqual(sid("t6"));
    expect(await get("/api/v1/timelines/tag/cats?only_media=true")).toEqual([]);
    expect(await get("/api/v1/timelines/tag/cats", viewer.token)).toEqual(sid("t6", "t2", "t1"));
    const r1 = await s.api("GET", "/api/v1/timelines/tag/cats?any[]=dogs&limit=2");
    expect(ids(await r1.json())).toEqual(sid("t6", "t4"));
    const r2 = await s.api("GET", linkPath(r1, "next", s.url)!);
    expect(ids(await r2.json())).toEqual(sid("t3", "t2"));
  });
});

describe("query plans", () => {
  const plan = (q: { sql: string; args: any[] }) =>
    s.ctx.db
      .query<{ detail: string }, any[]>(`EXPLAIN QUERY PLAN ${q.sql}`)
      .all(...q.args)
      .map((r) => r.detail);
  test("public timelines walk the partial indexes in id order", () => {
    for (const [o, index] of [
      [{}, "statuses_public"],
      [{ local: true }, "statuses_public_local"],
      [{ remote: true, onlyMedia: true }, "statuses_public_local"],
    ] as const) {
      for (const viewer of [null, 1]) {
        const p = plan(publicTimelineSql(viewer, o, { limit: 20, maxId: 99 }, 0));
        expect(p[0]).toContain(`USING INDEX ${index} (`);
        expect(p.join("\n")).not.toMatch(/TEMP B-TREE|^SCAN s$/m);
      }
    }
  });
  test("a one-tag timeline is a range scan of statuses_tags", () => {
    const p = plan(tagTimelineSql(1, { any: [1], all: [2], none: [3] }, { limit: 20, minId: 5 }, 0));
    expect(p[0]).toMatch(/^SEARCH st USING PRIMARY KEY \(tag_id=\? AND status_id>\?\)/);
    expect(p.join("\n")).not.toContain("TEMP B-TREE");
  });
});
