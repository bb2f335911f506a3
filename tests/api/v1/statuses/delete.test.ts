import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { addFollow, addMedia } from "./helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob] = (await Promise.all(["alice", "bob"].map((n) => s.createUser(n)))) as any;
  addFollow(s, bob.account.id, alice.account.id);
});
afterAll(() => s.stop());

const count = (id: number) => (s.ctx.db.query("SELECT statuses_count AS n FROM accounts WHERE id = ?").get(id) as any).n;

describe("DELETE /api/v1/statuses/:id", () => {
  test("returns the status with its source, removes boosts, counters and feeds", async () => {
    const parent = await bob.client.v1.statuses.create({ status: "parent" });
    const m = addMedia(s, alice.account.id);
    const st = await alice.client.v1.statuses.create({ status: "bye #tag", spoilerText: "cw", inReplyToId: parent.id, mediaIds: [m] });
    const boost = await bob.client.v1.statuses.$select(st.id).reblog();
    expect(s.count("home_feeds", "status_id = ?", Number(st.id))).toBe(2);
    const [ac, bc] = [count(alice.account.id), count(bob.account.id)];

    const del = (await alice.client.v1.statuses.$select(st.id).remove()) as any;
    expect(del.id).toBe(st.id);
    expect(del.text).toBe("bye #tag");
    expect(del.spoilerText).toBe("cw");
    expect(del.mediaAttachments.map((x: any) => x.id)).toEqual([m]);
    expect(s.count("statuses", "id IN (?, ?)", Number(st.id), Number(boost.id))).toBe(0);
    expect(s.count("home_feeds", "status_id IN (?, ?)", Number(st.id), Number(boost.id))).toBe(0);
    expect(count(alice.account.id)).toBe(ac - 1);
    expect(count(bob.account.id)).toBe(bc - 1);
    expect((await bob.client.v1.statuses.$select(parent.id).fetch()).repliesCount).toBe(0);
    expect(s.count("media_attachments", "id = ? AND status_id IS NULL", Number(m))).toBe(1);
    expect((await s.api("GET", `/api/v1/statuses/${st.id}`)).status).toBe(404);
  });

  test("someone else's or unknown status: 404 and nothing deleted; scopes", async () => {
    const st = await alice.client.v1.statuses.create({ status: "mine" });
    const n = s.count("statuses");
    expect((await s.api("DELETE", `/api/v1/statuses/${st.id}`, { token: bob.token })).status).toBe(404);
    expect((await s.api("DELETE", "/api/v1/statuses/1", { token: alice.token })).status).toBe(404);
    expect((await s.api("DELETE", `/api/v1/statuses/${st.id}`, { token: s.token(alice.user.id, ["read"]) })).status).toBe(403);
    expect((await s.api("DELETE", `/api/v1/statuses/${st.id}`)).status).toBe(401);
    expect(s.count("statuses")).toBe(n);
  });
});

describe("DELETE rate limit", () => {
  test("statusDeletes rule applies", async () => {
    const rs = await startTestServer({ env: { RATE_LIMITS: "true" } });
    try {
      const u = await rs.createUser("zed");
      const r = await rs.api("DELETE", "/api/v1/statuses/1", { token: u.token });
      expect(r.status).toBe(404);
      expect(r.headers.get("x-ratelimit-limit")).toBe("30");
    } finally {
      await rs.stop();
    }
  });
});
