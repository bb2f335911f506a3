/**
 * Announcements (issue 14): Hearth's admin CRUD, /api/v1/announcements with read/dismiss and
 * emoji reactions (counts, me), the streaming events on other users' WebSockets, staff-only
 * writes and 422 with nothing written.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { call, staffUser } from "./admin/helpers";
import { payloadOf, WsProbe } from "../../streaming/probe";

let s: TestServer;
let admin: TestUser, mod: TestUser, alice: TestUser, bob: TestUser;
const BASE = "/api/v1/admin/hearth/announcements";
const count = () => (s.ctx.db.query("SELECT count(*) AS n FROM announcements").get() as { n: number }).n;

beforeAll(async () => {
  s = await startTestServer();
  [admin, mod, alice, bob] = await Promise.all([
    staffUser(s, "boss", "admin"),
    staffUser(s, "mod", "moderator"),
    s.createUser("alice"),
    s.createUser("bob"),
  ]);
}, 30_000);
afterAll(() => s.stop());

async function userStream(u: TestUser): Promise<WsProbe> {
  const p = await WsProbe.open(`${s.url.replace(/^http/, "ws")}/api/v1/streaming?stream=user`, [u.token]);
  p.send({ type: "subscribe", stream: "nope" });
  await p.next((m) => m.error === "Unknown stream type");
  return p;
}

describe("announcements", () => {
  let id = "";
  test("admin create: listed for users with read=false, mentions and tags linked; streamed as `announcement`", async () => {
    const ws = await userStream(bob);
    const r = await call(s, "POST", BASE, admin.token, { text: "Dinner at 7, ask @alice #family https://example.com" });
    expect(r.status).toBe(200);
    id = r.body.id;
    expect(r.body).toMatchObject({ published: true, all_day: false, starts_at: null });
    const list = (await call(s, "GET", "/api/v1/announcements", alice.token)).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id,
      read: false,
      reactions: [],
      mentions: [{ username: "alice", acct: "alice" }],
      tags: [{ name: "family" }],
    });
    expect(list[0].content).toContain('class="u-url mention"');
    expect(list[0].content).toContain('href="https://example.com"');
    await s.drain();
    const m = await ws.next((x) => x.event === "announcement");
    expect(payloadOf(m)).toMatchObject({ id, read: false });
    ws.close();
  });

  test("drafts, future and ended announcements are not listed", async () => {
    const day = 86_400_000;
    const draft = await call(s, "POST", BASE, admin.token, { text: "Draft", published: false });
    expect(draft.body.published).toBe(false);
    const future = await call(s, "POST", BASE, admin.token, {
      text: "Later",
      starts_at: new Date(Date.now() + day).toISOString(),
      ends_at: new Date(Date.now() + 2 * day).toISOString(),
      all_day: true,
    });
    expect(future.body.all_day).toBe(true);
    const ended = await call(s, "POST", BASE, admin.token, {
      text: "Past",
      starts_at: new Date(Date.now() - 2 * day).toISOString(),
      ends_at: new Date(Date.now() - day).toISOString(),
    });
    expect((await call(s, "GET", "/api/v1/announcements", alice.token)).body.map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await call(s, "GET", BASE, admin.token)).body).toHaveLength(4);
    // publishing the draft lists it
    expect((await call(s, "PUT", `${BASE}/${draft.body.id}`, admin.token, { published: true })).body.published).toBe(true);
    expect((await call(s, "GET", "/api/v1/announcements", alice.token)).body).toHaveLength(2);
    for (const x of [draft, future, ended]) expect((await call(s, "DELETE", `${BASE}/${x.body.id}`, admin.token)).status).toBe(200);
  });

  test("dismiss marks it read for that user only", async () => {
    expect((await call(s, "POST", `/api/v1/announcements/${id}/dismiss`, alice.token)).status).toBe(200);
    expect((await call(s, "GET", "/api/v1/announcements", alice.token)).body[0].read).toBe(true);
    expect((await call(s, "GET", "/api/v1/announcements", bob.token)).body[0].read).toBe(false);
    expect((await call(s, "POST", `/api/v1/announcements/999/dismiss`, alice.token)).status).toBe(404);
  });

  test("reactions: counts and me; a reaction streams to another user's WebSocket", async () => {
    const ws = await userStream(bob);
    const heart = encodeURIComponent("❤️");
    expect((await call(s, "PUT", `/api/v1/announcements/${id}/reactions/${heart}`, alice.token)).status).toBe(200);
    await s.drain();
    const m = await ws.next((x) => x.event === "announcement.reaction");
    expect(payloadOf(m)).toEqual({ name: "❤️", count: 1, announcement_id: id });
    expect((await call(s, "PUT", `/api/v1/announcements/${id}/reactions/${heart}`, bob.token)).status).toBe(200);
    expect((await call(s, "PUT", `/api/v1/announcements/${id}/reactions/${heart}`, bob.token)).status).toBe(200);
    await s.drain();
    expect(payloadOf(await ws.next((x) => x.event === "announcement.reaction"))).toMatchObject({ count: 2 });
    let a = (await call(s, "GET", "/api/v1/announcements", alice.token)).body[0];
    expect(a.reactions).toEqual([{ name: "❤️", count: 2, me: true }]);
    expect((await call(s, "DELETE", `/api/v1/announcements/${id}/reactions/${heart}`, alice.token)).status).toBe(200);
    a = (await call(s, "GET", "/api/v1/announcements", alice.token)).body[0];
    expect(a.reactions).toEqual([{ name: "❤️", count: 1, me: false }]);
    expect((await call(s, "PUT", `/api/v1/announcements/${id}/reactions/notanemoji`, alice.token)).status).toBe(422);
    expect((await call(s, "PUT", `/api/v1/announcements/${id}/reactions/${encodeURIComponent("<b>")}`, alice.token)).status).toBe(422);
    ws.close();
  });

  test("update streams `announcement`, delete streams `announcement.delete`", async () => {
    const ws = await userStream(alice);
    const u = await call(s, "PUT", `${BASE}/${id}`, admin.token, { text: "Dinner at 8" });
    expect(u.body.content).toBe("<p>Dinner at 8</p>");
    await s.drain();
    expect(payloadOf(await ws.next((x) => x.event === "announcement")).content).toBe("<p>Dinner at 8</p>");
    expect((await call(s, "DELETE", `${BASE}/${id}`, admin.token)).status).toBe(200);
    await s.drain();
    expect((await ws.next((x) => x.event === "announcement.delete")).payload).toBe(id);
    expect((await call(s, "GET", "/api/v1/announcements", alice.token)).body).toEqual([]);
    ws.close();
    const logged = s.ctx.db.query("SELECT action FROM admin_action_logs WHERE target_type = 'Announcement' AND target_id = ?").all(id) as {
      action: string;
    }[];
    expect(logged.map((x) => x.action)).toEqual(["create", "update", "destroy"]);
  });

  test("403 for a moderator, a user and a token without admin scopes; 422 with nothing written", async () => {
    const noAdminScope = s.token(admin.user.id, ["read", "write"]);
    for (const t of [mod.token, alice.token, noAdminScope]) {
      expect((await call(s, "POST", BASE, t, { text: "Mine" })).status).toBe(403);
      expect((await call(s, "GET", BASE, t)).status).toBe(403);
    }
    const before = count();
    for (const body of [
      {},
      { text: "   " },
      { text: "x".repeat(5001) },
      { text: "ok", starts_at: "yesterday-ish", ends_at: "2030-01-01T00:00:00Z" },
      { text: "ok", starts_at: "2030-01-02T00:00:00Z", ends_at: "2030-01-01T00:00:00Z" },
      { text: "ok", starts_at: "2030-01-02T00:00:00Z" },
      { text: "ok", published: "perhaps" },
    ])
      expect((await call(s, "POST", BASE, admin.token, body)).status).toBe(422);
    expect(count()).toBe(before);
    expect((await call(s, "GET", "/api/v1/announcements")).status).toBe(401);
  });
});
