/**
 * The status JSON cache (src/db/views/status-cache.ts, status-json.ts) never serves stale data:
 * after each kind of change the home timeline over HTTP equals the uncached serialization
 * (JSON.stringify(statusList(…))), and shows the change. Also: byte-identical output for
 * reblogs, polls, media, mentions, tags and pins, writes from another connection, rollbacks,
 * quotes (whose rows the entries keep), every combination of viewer flags and quote policies
 * (whose JSON texts are shared), and entries kept across an emptied account cache.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { gradient } from "../media/fixtures";
import { upload } from "../api/v1/media/helpers";
import { statusList, VIEWER_FLAGS_SQL } from "../../src/db/views/statuses";
import { statusListJson } from "../../src/db/views/status-json";
import { statusCache } from "../../src/db/views/status-cache";
import { clearAccountCache } from "../../src/db/views/account-cache";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;
let post: { id: string };
let pollPost: { id: string; poll: { id: string } };

/** Bob's home timeline over HTTP, checked against the uncached serializer. */
async function home(): Promise<any[]> {
  const res = await s.api("GET", "/api/v1/timelines/home?limit=40", { token: bob.token });
  expect(res.status).toBe(200);
  const text = await res.text();
  const ids = (JSON.parse(text) as { id: string }[]).map((x) => Number(x.id));
  expect(text).toBe(JSON.stringify(statusList(s.ctx, ids, bob.account.id)));
  return JSON.parse(text);
}
/** The status `id` in `list`, itself or inside a reblog. */
const find = (list: any[], id: string) => {
  const x = list.find((y) => y.id === id || y.reblog?.id === id);
  return x?.id === id ? x : x?.reblog;
};
const mine = async () => find(await home(), post.id);
const json = (token: string, method: string, path: string, body?: unknown) => s.api(method, path, { token, json: body });

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("scalice");
  bob = await s.createUser("scbob");
  carol = await s.createUser("sccarol");
  for (const u of [alice, carol]) expect((await json(bob.token, "POST", `/api/v1/accounts/${u.account.id}/follow`)).status).toBe(200);
  const media = await (
    await upload(s, "/api/v2/media", alice.token, {
      file: { bytes: await gradient(40, 30, "png"), type: "image/png", name: "p.png" },
      description: "first",
    })
  ).json();
  const res = await json(alice.token, "POST", "/api/v1/statuses", {
    status: "hello @scbob #cachetag",
    media_ids: [media.id],
  });
  expect(res.status).toBe(200);
  post = await res.json();
  const res2 = await json(alice.token, "POST", "/api/v1/statuses", {
    status: "a poll",
    poll: { options: ["yes", "no"], expires_in: 3600 },
  });
  expect(res2.status).toBe(200);
  pollPost = await res2.json();
  await s.drain();
});
afterAll(() => s.stop());

describe("status cache", () => {
  test("serves from the cache, byte for byte what the serializer gives", async () => {
    const first = await mine();
    expect(first.mentions.map((m: any) => m.acct)).toEqual(["scbob"]);
    expect(first.tags.map((t: any) => t.name)).toEqual(["cachetag"]);
    expect(first.media_attachments[0].description).toBe("first");
    expect(statusCache(s.ctx.db)!.size).toBeGreaterThan(0);
    // Reblogs, pins and other viewers: same bytes as the serializer, cached or not.
    expect((await json(carol.token, "POST", `/api/v1/statuses/${post.id}/reblog`)).status).toBe(200);
    expect((await json(alice.token, "POST", `/api/v1/statuses/${post.id}/pin`)).status).toBe(200);
    const ids = s.ctx.db
      .query<{ id: number }, []>("SELECT id FROM statuses ORDER BY id DESC")
      .all()
      .map((r) => r.id);
    for (const viewer of [alice.account.id, bob.account.id, carol.account.id, null]) {
      for (let i = 0; i < 2; i++) expect(statusListJson(s.ctx, ids, viewer)).toBe(JSON.stringify(statusList(s.ctx, ids, viewer)));
    }
    const list = await home();
    expect(list.some((x) => x.reblog?.id === post.id)).toBe(true);
  });

  test("favourites, reblogs and replies change the counts", async () => {
    const before = await mine();
    expect((await json(carol.token, "POST", `/api/v1/statuses/${post.id}/favourite`)).status).toBe(200);
    expect((await mine()).favourites_count).toBe(before.favourites_count + 1);
    expect((await json(bob.token, "POST", `/api/v1/statuses/${post.id}/favourite`)).status).toBe(200);
    expect((await mine()).favourited).toBe(true);
    expect((await json(bob.token, "POST", `/api/v1/statuses/${post.id}/reblog`)).status).toBe(200);
    const after = await mine();
    expect(after.reblogs_count).toBe(before.reblogs_count + 1);
    expect(after.reblogged).toBe(true);
    expect((await json(carol.token, "POST", "/api/v1/statuses", { status: "@scalice a reply", in_reply_to_id: post.id })).status).toBe(200);
    expect((await mine()).replies_count).toBe(before.replies_count + 1);
    expect((await json(bob.token, "POST", `/api/v1/statuses/${post.id}/unreblog`)).status).toBe(200);
    expect((await mine()).reblogs_count).toBe(before.reblogs_count);
  });

  test("the viewer's own favourites, bookmarks, conversation mutes and pins show at once", async () => {
    expect((await mine()).favourited).toBe(true);
    expect((await json(bob.token, "POST", `/api/v1/statuses/${post.id}/unfavourite`)).status).toBe(200);
    expect((await mine()).favourited).toBe(false);
    expect((await json(bob.token, "POST", `/api/v1/statuses/${post.id}/bookmark`)).status).toBe(200);
    expect((await mine()).bookmarked).toBe(true);
    expect((await json(bob.token, "POST", `/api/v1/statuses/${post.id}/unbookmark`)).status).toBe(200);
    expect((await mine()).bookmarked).toBe(false);
    expect((await json(bob.token, "POST", `/api/v1/statuses/${post.id}/mute`)).status).toBe(200);
    expect((await mine()).muted).toBe(true);
    expect((await json(bob.token, "POST", `/api/v1/statuses/${post.id}/unmute`)).status).toBe(200);
    expect((await mine()).muted).toBe(false);
    const pinned = () => JSON.parse(statusListJson(s.ctx, [Number(post.id)], alice.account.id))[0].pinned;
    expect(pinned()).toBe(true);
    expect((await json(alice.token, "POST", `/api/v1/statuses/${post.id}/unpin`)).status).toBe(200);
    expect(pinned()).toBe(false);
    expect(statusListJson(s.ctx, [Number(post.id)], alice.account.id)).toBe(
      JSON.stringify(statusList(s.ctx, [Number(post.id)], alice.account.id)),
    );
  });

  test("an edit changes content and edited_at", async () => {
    const res = await json(alice.token, "PUT", `/api/v1/statuses/${post.id}`, {
      status: "edited @scbob #othertag",
      media_ids: [(await mine()).media_attachments[0].id],
    });
    expect(res.status).toBe(200);
    post = await res.json();
    const now = await mine();
    expect(now.content).toContain("edited");
    expect(now.edited_at).not.toBeNull();
    expect(now.tags.map((t: any) => t.name)).toEqual(["othertag"]);
  });

  test("a media description edit shows", async () => {
    const id = Number((await mine()).media_attachments[0].id);
    s.ctx.db.query("UPDATE media_attachments SET description = 'second' WHERE id = ?").run(id);
    expect((await mine()).media_attachments[0].description).toBe("second");
  });

  test("poll votes show (counts and the voter's own votes)", async () => {
    expect(find(await home(), pollPost.id).poll.votes_count).toBe(0);
    const res = await json(bob.token, "POST", `/api/v1/polls/${pollPost.poll.id}/votes`, { choices: ["1"] });
    expect(res.status).toBe(200);
    const p = find(await home(), pollPost.id).poll;
    expect(p.votes_count).toBe(1);
    expect(p.voted).toBe(true);
    expect(p.own_votes).toEqual([1]);
  });

  test("changes to the author and to mentioned accounts show", async () => {
    expect((await json(alice.token, "PATCH", "/api/v1/accounts/update_credentials", { display_name: "Alice Cached" })).status).toBe(200);
    expect((await mine()).account.display_name).toBe("Alice Cached");
    s.ctx.db.query("UPDATE accounts SET username = 'scbob2' WHERE id = ?").run(bob.account.id);
    expect((await mine()).mentions.map((m: any) => m.acct)).toEqual(["scbob2"]);
    s.ctx.db.query("UPDATE accounts SET username = 'scbob' WHERE id = ?").run(bob.account.id);
    expect((await mine()).mentions.map((m: any) => m.acct)).toEqual(["scbob"]);
  });

  test("a renamed tag and a changed application show", async () => {
    s.ctx.db.query("UPDATE tags SET name = 'renamedtag' WHERE name = 'othertag'").run();
    expect((await mine()).tags.map((t: any) => t.name)).toEqual(["renamedtag"]);
    const app = (await mine()).application;
    expect(app).not.toBeNull();
    s.ctx.db.query("UPDATE oauth_applications SET name = 'Renamed app' WHERE name = ?").run(app.name);
    expect((await mine()).application.name).toBe("Renamed app");
  });

  test("writes committed by another connection show; rolled back ones never do", async () => {
    const other = new Database(join(s.dataDir, "hearth.sqlite"));
    other.query("UPDATE statuses SET favourites_count = 42 WHERE id = ?").run(Number(post.id));
    other.close();
    expect((await mine()).favourites_count).toBe(42);
    expect(() =>
      s.ctx.db
        .transaction(() => {
          s.ctx.db.query("UPDATE statuses SET content = '<p>rolled back</p>' WHERE id = ?").run(Number(post.id));
          expect(statusListJson(s.ctx, [Number(post.id)], null)).toContain("rolled back"); // uncached inside
          throw new Error("roll back");
        })
        .immediate(),
    ).toThrow("roll back");
    expect((await mine()).content).not.toContain("rolled back");
  });

  test("the viewer-flags query probes an index per listed id (never scans a viewer's favourites)", () => {
    const plan = s.ctx.db
      .query<{ detail: string }, any[]>(`EXPLAIN QUERY PLAN ${VIEWER_FLAGS_SQL}`)
      .all(1, "[1,2]", "[3]")
      .map((r) => r.detail);
    expect(plan.filter((d) => d.startsWith("SCAN ")).every((d) => d.startsWith("SCAN j VIRTUAL TABLE"))).toBe(true);
    expect(plan.filter((d) => d.startsWith("SEARCH x")).length).toBe(5);
    for (const d of plan.filter((x) => x.startsWith("SEARCH x"))) expect(d).toMatch(/\(\w+=\? AND \w+=\?\)$/);
  });

  test("a deleted status is gone, and so is its reblog", async () => {
    expect((await json(alice.token, "DELETE", `/api/v1/statuses/${post.id}`)).status).toBe(200);
    await s.drain();
    expect(find(await home(), post.id)).toBeUndefined();
  });
});

describe("status cache: quotes, shared JSON texts", () => {
  /** Statuses `ids` as each viewer sees them, cached and not, twice (the second from the cache). */
  const same = (ids: number[]) => {
    for (const viewer of [alice.account.id, bob.account.id, carol.account.id, null])
      for (let i = 0; i < 2; i++) expect(statusListJson(s.ctx, ids, viewer)).toBe(JSON.stringify(statusList(s.ctx, ids, viewer)));
  };
  const create = async (u: TestUser, body: Record<string, unknown>) => (await json(u.token, "POST", "/api/v1/statuses", body)).json();
  const quoteOf = (id: number) => JSON.parse(statusListJson(s.ctx, [id], carol.account.id))[0].quote;

  test("a quote's changes show at once: state, quoted post deleted, quote removed, quote added", async () => {
    const orig = await create(alice, { status: "quote me, cached" });
    const q = await create(bob, { status: "quoting", quoted_status_id: orig.id });
    const plain = await create(bob, { status: "not quoting yet" });
    await s.drain();
    const [qid, pid] = [Number(q.id), Number(plain.id)];
    expect(quoteOf(qid).state).toBe("accepted");
    expect(quoteOf(pid)).toBeNull();
    same([qid, pid, Number(orig.id)]);
    // Revoked by the quoted author (the quote row changes, not the quoting status).
    expect((await json(alice.token, "POST", `/api/v1/statuses/${orig.id}/quotes/${q.id}/revoke`)).status).toBe(200);
    expect(quoteOf(qid)).toEqual({ state: "revoked", quoted_status: null });
    same([qid, pid]);
    s.ctx.db.query("UPDATE quotes SET state = 'accepted' WHERE status_id = ?").run(qid);
    expect(quoteOf(qid).quoted_status.id).toBe(orig.id);
    // The quoted post deleted: quoted_status_id set to NULL by the foreign key.
    s.ctx.db.query("DELETE FROM statuses WHERE id = ?").run(Number(orig.id));
    expect(quoteOf(qid)).toEqual({ state: "deleted", quoted_status: null });
    same([qid, pid]);
    s.ctx.db.query("DELETE FROM quotes WHERE status_id = ?").run(qid);
    expect(quoteOf(qid)).toBeNull();
    same([qid, pid]);
    // A quote row added to a cached status that had none.
    const other = await create(carol, { status: "quoted later" });
    s.ctx.db
      .query(
        "INSERT INTO quotes (id, status_id, account_id, quoted_status_id, quoted_account_id, quoted_uri, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'x', 'accepted', 0, 0)",
      )
      .run(s.ctx.ids.next(), pid, bob.account.id, Number(other.id), carol.account.id);
    expect(quoteOf(pid).quoted_status.id).toBe(other.id);
    same([qid, pid]);
  });

  test("every quote policy, manual policy and viewer decision gives the serializer's bytes", async () => {
    const ids: number[] = [];
    for (const policy of ["public", "followers", "nobody", "odd"])
      for (const manual of ["public", "followers", "nobody", "odd"]) {
        const st = await create(alice, { status: `policy ${policy} ${manual}` });
        s.ctx.db.query("UPDATE statuses SET quote_policy = ?, quote_manual = ? WHERE id = ?").run(policy, manual, Number(st.id));
        ids.push(Number(st.id));
      }
    const direct = await create(alice, { status: "@scbob direct", visibility: "direct" });
    ids.push(Number(direct.id));
    same(ids);
    const seen = new Set(JSON.parse(statusListJson(s.ctx, ids, carol.account.id)).map((x: any) => JSON.stringify(x.quote_approval)));
    expect(seen.size).toBeGreaterThan(6);
  });

  test("every combination of favourited, reblogged, bookmarked, muted and pinned, and a matching filter", async () => {
    const ids: number[] = [];
    for (let bits = 0; bits < 16; bits++) {
      const st = await create(bob, { status: `flags ${bits}` });
      const id = st.id;
      if (bits & 1) expect((await json(bob.token, "POST", `/api/v1/statuses/${id}/favourite`)).status).toBe(200);
      if (bits & 2) expect((await json(bob.token, "POST", `/api/v1/statuses/${id}/reblog`)).status).toBe(200);
      if (bits & 4) expect((await json(bob.token, "POST", `/api/v1/statuses/${id}/bookmark`)).status).toBe(200);
      if (bits & 8) expect((await json(bob.token, "POST", `/api/v1/statuses/${id}/mute`)).status).toBe(200);
      if (bits === 1 || bits === 9) expect((await json(bob.token, "POST", `/api/v1/statuses/${id}/pin`)).status).toBe(200);
      ids.push(Number(id));
    }
    await s.drain();
    same(ids);
    const flags = JSON.parse(statusListJson(s.ctx, ids, bob.account.id)).map((x: any) =>
      [x.favourited, x.reblogged, x.bookmarked, x.muted, x.pinned].join(),
    );
    expect(new Set(flags).size).toBe(16);
    const f = await json(bob.token, "POST", "/api/v2/filters", {
      title: "flags",
      context: ["home"],
      keywords_attributes: [{ keyword: "flags 3" }],
    });
    expect(f.status).toBe(200);
    const shown = JSON.parse(statusListJson(s.ctx, ids, bob.account.id));
    expect(shown.filter((x: any) => x.filtered.length > 0).length).toBe(1);
    same(ids);
  });

  test("entries outlive an emptied account cache and still follow account changes", async () => {
    const st = await create(alice, { status: "account cache emptied" });
    const ids = [Number(st.id)];
    same(ids);
    const size = statusCache(s.ctx.db)!.size;
    clearAccountCache(s.ctx.db);
    same(ids);
    expect(statusCache(s.ctx.db)!.size).toBe(size);
    s.ctx.db.query("UPDATE accounts SET display_name = 'Renamed after clear' WHERE id = ?").run(alice.account.id);
    expect(JSON.parse(statusListJson(s.ctx, ids, null))[0].account.display_name).toBe("Renamed after clear");
    same(ids);
  });
});
