import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { addFollow } from "./helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol] = (await Promise.all(["alice", "bob", "carol"].map((n) => s.createUser(n)))) as any;
  addFollow(s, carol.account.id, bob.account.id);
});
afterAll(() => s.stop());

const notes = (to: TestUser, type: string, id: string) =>
  s.count("notifications", "account_id = ? AND type = ? AND status_id = ?", to.account.id, type, Number(id));

describe("favourite / unfavourite", () => {
  test("toggles flag, count and notification", async () => {
    const st = await alice.client.v1.statuses.create({ status: "like me" });
    const f = await bob.client.v1.statuses.$select(st.id).favourite();
    expect(f.favourited).toBe(true);
    expect(f.favouritesCount).toBe(1);
    expect(notes(alice, "favourite", st.id)).toBe(1);
    expect((await bob.client.v1.statuses.$select(st.id).favourite()).favouritesCount).toBe(1);
    const by = await alice.client.v1.statuses.$select(st.id).favouritedBy.list();
    expect(by.map((a) => a.id)).toEqual([bob.id]);
    const u = await bob.client.v1.statuses.$select(st.id).unfavourite();
    expect(u.favourited).toBe(false);
    expect(u.favouritesCount).toBe(0);
    expect(notes(alice, "favourite", st.id)).toBe(0);
  });
});

describe("reblog / unreblog", () => {
  test("boost fans out, counts, notifies; is idempotent; unboost undoes", async () => {
    const st = await alice.client.v1.statuses.create({ status: "boost me" });
    const b = await bob.client.v1.statuses.$select(st.id).reblog();
    expect(b.reblog?.id).toBe(st.id);
    expect(b.reblog?.reblogsCount).toBe(1);
    expect(b.reblogged).toBe(true);
    expect(b.reblog?.reblogged).toBe(true);
    expect(notes(alice, "reblog", st.id)).toBe(1);
    expect(s.count("home_feeds", "account_id = ? AND status_id = ?", carol.account.id, Number(b.id))).toBe(1);
    const again = await bob.client.v1.statuses.$select(st.id).reblog();
    expect(again.id).toBe(b.id);
    expect(s.count("statuses", "reblog_of_id = ?", Number(st.id))).toBe(1);
    const by = await s.api("GET", `/api/v1/statuses/${st.id}/reblogged_by`);
    expect((await by.json()).map((a: any) => a.id)).toEqual([bob.id]);
    const u = await bob.client.v1.statuses.$select(st.id).unreblog();
    expect(u.id).toBe(st.id);
    expect(u.reblogged).toBe(false);
    expect(u.reblogsCount).toBe(0);
    expect(s.count("statuses", "reblog_of_id = ?", Number(st.id))).toBe(0);
    expect(s.count("home_feeds", "status_id = ?", Number(b.id))).toBe(0);
    expect(notes(alice, "reblog", st.id)).toBe(0);
  });
  test("reblog visibility param", async () => {
    const st = await alice.client.v1.statuses.create({ status: "quietly" });
    const b = await bob.client.v1.statuses.$select(st.id).reblog({ visibility: "unlisted" });
    expect(b.visibility).toBe("unlisted");
  });
  test("cannot boost private or direct statuses of others", async () => {
    addFollow(s, bob.account.id, alice.account.id);
    const priv = await alice.client.v1.statuses.create({ status: "followers", visibility: "private" });
    const dm = await alice.client.v1.statuses.create({ status: "@bob dm", visibility: "direct" });
    const n = s.count("statuses");
    expect((await s.api("POST", `/api/v1/statuses/${priv.id}/reblog`, { token: bob.token })).status).toBe(403);
    expect((await s.api("POST", `/api/v1/statuses/${dm.id}/reblog`, { token: bob.token })).status).toBe(403);
    expect((await s.api("POST", `/api/v1/statuses/${priv.id}/reblog`, { token: carol.token })).status).toBe(404);
    const pub = await alice.client.v1.statuses.create({ status: "pub" });
    expect((await s.api("POST", `/api/v1/statuses/${pub.id}/reblog`, { token: bob.token, json: { visibility: "bogus" } })).status).toBe(
      422,
    );
    expect(s.count("statuses")).toBe(n + 1);
    const own = await alice.client.v1.statuses.$select(priv.id).reblog();
    expect(own.visibility).toBe("private");
  });
  test("pagination of reblogged_by with Link", async () => {
    const st = await carol.client.v1.statuses.create({ status: "popular" });
    await alice.client.v1.statuses.$select(st.id).reblog();
    await bob.client.v1.statuses.$select(st.id).reblog();
    const r = await s.api("GET", `/api/v1/statuses/${st.id}/reblogged_by?limit=1`);
    expect((await r.json()).map((a: any) => a.id)).toEqual([bob.id]);
    const next = /<([^>]+)>; rel="next"/.exec(r.headers.get("link") ?? "")![1]!;
    const r2 = await fetch(next);
    expect((await r2.json()).map((a: any) => a.id)).toEqual([alice.id]);
  });
});

describe("bookmark / pin / mute", () => {
  test("bookmark toggles", async () => {
    const st = await alice.client.v1.statuses.create({ status: "save" });
    expect((await bob.client.v1.statuses.$select(st.id).bookmark()).bookmarked).toBe(true);
    expect(s.count("bookmarks", "account_id = ?", bob.account.id)).toBe(1);
    expect((await bob.client.v1.statuses.$select(st.id).unbookmark()).bookmarked).toBe(false);
    expect(s.count("bookmarks", "account_id = ?", bob.account.id)).toBe(0);
  });
  test("pin own statuses, max 5; others' → 422", async () => {
    const mine = [];
    for (let i = 0; i < 6; i++) mine.push(await carol.client.v1.statuses.create({ status: `p${i}` }));
    for (let i = 0; i < 5; i++) expect((await carol.client.v1.statuses.$select(mine[i]!.id).pin()).pinned).toBe(true);
    const r = await s.api("POST", `/api/v1/statuses/${mine[5]!.id}/pin`, { token: carol.token });
    expect(r.status).toBe(422);
    expect(s.count("status_pins", "account_id = ?", carol.account.id)).toBe(5);
    expect((await carol.client.v1.statuses.$select(mine[0]!.id).unpin()).pinned).toBe(false);
    expect(s.count("status_pins", "account_id = ?", carol.account.id)).toBe(4);
    const theirs = await alice.client.v1.statuses.create({ status: "not yours" });
    expect((await s.api("POST", `/api/v1/statuses/${theirs.id}/pin`, { token: carol.token })).status).toBe(422);
    const dm = await carol.client.v1.statuses.create({ status: "@alice dm", visibility: "direct" });
    expect((await s.api("POST", `/api/v1/statuses/${dm.id}/pin`, { token: carol.token })).status).toBe(422);
    expect(s.count("status_pins", "account_id = ?", carol.account.id)).toBe(4);
  });
  test("mute conversation stops mention notifications; only when involved", async () => {
    const root = await alice.client.v1.statuses.create({ status: "@bob thread" });
    const m = await bob.client.v1.statuses.$select(root.id).mute();
    expect(m.muted).toBe(true);
    const reply = await alice.client.v1.statuses.create({ status: "@bob more", inReplyToId: root.id });
    expect(notes(bob, "mention", reply.id)).toBe(0);
    expect((await bob.client.v1.statuses.$select(root.id).unmute()).muted).toBe(false);
    expect((await s.api("POST", `/api/v1/statuses/${root.id}/mute`, { token: carol.token })).status).toBe(422);
    expect(s.count("conversation_mutes", "account_id = ?", carol.account.id)).toBe(0);
  });
});

describe("action bad input", () => {
  test("unknown ids 404, wrong scope 403, no token 401 — nothing written", async () => {
    const st = await alice.client.v1.statuses.create({ status: "target" });
    const before = ["favourites", "bookmarks", "status_pins", "statuses", "conversation_mutes"].map((t) => s.count(t));
    const ro = s.token(bob.user.id, ["read"]);
    for (const action of ["favourite", "reblog", "bookmark", "pin", "mute"]) {
      expect((await s.api("POST", `/api/v1/statuses/999/${action}`, { token: bob.token })).status).toBe(404);
      expect((await s.api("POST", `/api/v1/statuses/nope/${action}`, { token: bob.token })).status).toBe(404);
      expect((await s.api("POST", `/api/v1/statuses/${st.id}/${action}`, { token: ro })).status).toBe(403);
      expect((await s.api("POST", `/api/v1/statuses/${st.id}/${action}`)).status).toBe(401);
    }
    expect(["favourites", "bookmarks", "status_pins", "statuses", "conversation_mutes"].map((t) => s.count(t))).toEqual(before);
  });
  test("scopes are Mastodon's: write:favourites cannot bookmark", async () => {
    const st = await alice.client.v1.statuses.create({ status: "scoped" });
    const t = s.token(bob.user.id, ["write:favourites"]);
    expect((await s.api("POST", `/api/v1/statuses/${st.id}/favourite`, { token: t })).status).toBe(200);
    expect((await s.api("POST", `/api/v1/statuses/${st.id}/bookmark`, { token: t })).status).toBe(403);
  });
});
