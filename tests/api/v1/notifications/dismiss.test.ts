import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeNotification, makeUsers } from "../timelines/fixtures";

let s: TestServer;
let me: TestUser, other: TestUser, third: TestUser;
const mineCount = () => s.count("notifications", "account_id = ?", me.account.id);

beforeAll(async () => {
  s = await startTestServer();
  [me, other, third] = await makeUsers(s, "dme", "dother", "dthird");
});
afterAll(() => s.stop());

describe("POST /api/v1/notifications/:id/dismiss", () => {
  test("dismisses one of mine", async () => {
    const keep = makeNotification(s.ctx, me.account.id, other.account.id, "follow");
    const gone = makeNotification(s.ctx, me.account.id, third.account.id, "follow");
    await me.client.v1.notifications.$select(String(gone)).dismiss();
    expect(s.count("notifications", "id = ?", gone)).toBe(0);
    expect(s.count("notifications", "id = ?", keep)).toBe(1);
    const res = await s.api("POST", `/api/v1/notifications/${keep}/dismiss`, { token: me.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(mineCount()).toBe(0);
  });

  test("another user's notification: 404 and the row stays", async () => {
    const theirs = makeNotification(s.ctx, other.account.id, me.account.id, "follow");
    const res = await s.api("POST", `/api/v1/notifications/${theirs}/dismiss`, { token: me.token });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Record not found" });
    expect(s.count("notifications", "id = ?", theirs)).toBe(1);
  });

  test("unknown or malformed ids 404; wrong scope 403 and no token 401 write nothing", async () => {
    const id = makeNotification(s.ctx, me.account.id, other.account.id, "mention");
    for (const bad of ["123456789", "abc", "-1"]) {
      expect((await s.api("POST", `/api/v1/notifications/${bad}/dismiss`, { token: me.token })).status).toBe(404);
    }
    expect((await s.api("POST", `/api/v1/notifications/${id}/dismiss`, { token: s.token(me.user.id, ["read"]) })).status).toBe(403);
    expect((await s.api("POST", `/api/v1/notifications/${id}/dismiss`)).status).toBe(401);
    expect(s.count("notifications", "id = ?", id)).toBe(1);
    expect(
      (await s.api("POST", `/api/v1/notifications/${id}/dismiss`, { token: s.token(me.user.id, ["write:notifications"]) })).status,
    ).toBe(200);
    expect(s.count("notifications", "id = ?", id)).toBe(0);
  });
});

describe("POST /api/v1/notifications/clear", () => {
  test("removes all of mine and nobody else's", async () => {
    makeNotification(s.ctx, me.account.id, other.account.id, "favourite");
    makeNotification(s.ctx, me.account.id, third.account.id, "follow");
    const theirs = s.count("notifications", "account_id <> ?", me.account.id);
    expect(theirs).toBeGreaterThan(0);
    expect((await s.api("POST", "/api/v1/notifications/clear", { token: s.token(me.user.id, ["read"]) })).status).toBe(403);
    expect((await s.api("POST", "/api/v1/notifications/clear")).status).toBe(401);
    expect(mineCount()).toBe(2);
    await me.client.v1.notifications.clear();
    expect(mineCount()).toBe(0);
    expect(s.count("notifications", "account_id <> ?", me.account.id)).toBe(theirs);
    expect(await me.client.v1.notifications.list()).toEqual([]);
  });
});
