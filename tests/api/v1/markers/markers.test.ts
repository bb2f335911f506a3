import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeUsers } from "../timelines/fixtures";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let me: TestUser, other: TestUser;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

beforeAll(async () => {
  s = await startTestServer();
  [me, other] = await makeUsers(s, "mme", "mother");
});
afterAll(() => s.stop());

describe("markers", () => {
  test("round trip: create, read, update bumps version", async () => {
    expect((await me.client.v1.markers.fetch({ timeline: ["home", "notifications"] })) as object).toEqual({});
    const created = await s.api("POST", "/api/v1/markers", {
      token: me.token,
      form: { "home[last_read_id]": "1234", "notifications[last_read_id]": "77" },
    });
    expect(created.status).toBe(200);
    const body = await created.json();
    expect(Object.keys(body).sort()).toEqual(["home", "notifications"]);
    expect(body.home).toEqual({ last_read_id: "1234", version: 0, updated_at: expect.stringMatching(ISO) });
    expect(body.notifications.last_read_id).toBe("77");

    const upd = await me.client.v1.markers.create({ home: { lastReadId: "5678" } });
    expect(upd.home).toMatchObject({ lastReadId: "5678", version: 1 });
    expect(upd.notifications).toBeUndefined();

    const both = await me.client.v1.markers.fetch({ timeline: ["home", "notifications"] });
    expect(both.home).toMatchObject({ lastReadId: "5678", version: 1 });
    expect(both.notifications).toMatchObject({ lastReadId: "77", version: 0 });
    const onlyHome = await s.api("GET", "/api/v1/markers?timeline[]=home&timeline[]=bogus", { token: me.token });
    expect(Object.keys(await onlyHome.json())).toEqual(["home"]);
    expect(await (await s.api("GET", "/api/v1/markers", { token: me.token })).json()).toEqual({});
    // markers are per account
    expect((await other.client.v1.markers.fetch({ timeline: ["home"] })) as object).toEqual({});
  });

  test("non-numeric last_read_id → 422 and nothing written (not even the valid half)", async () => {
    const before = s.count("markers");
    const snapshot = s.ctx.db.query("SELECT * FROM markers ORDER BY account_id, timeline").all();
    for (const json of [
      { home: { last_read_id: "abc" } },
      { home: { last_read_id: "99" }, notifications: { last_read_id: "12x" } },
      { notifications: { last_read_id: -5 } },
      { home: "123" },
      { home: {} },
    ]) {
      const res = await s.api("POST", "/api/v1/markers", { token: other.token, json });
      expect(res.status).toBe(422);
      expect((await res.json()).error).toStartWith("Validation failed");
    }
    expect(s.count("markers")).toBe(before);
    expect(s.ctx.db.query("SELECT * FROM markers ORDER BY account_id, timeline").all()).toEqual(snapshot);
  });

  test("auth: no token 401; read-only token cannot write; read needs read:statuses", async () => {
    expect((await s.api("GET", "/api/v1/markers?timeline[]=home")).status).toBe(401);
    expect((await s.api("POST", "/api/v1/markers", { form: { "home[last_read_id]": "1" } })).status).toBe(401);
    const before = s.count("markers");
    expect(
      (await s.api("POST", "/api/v1/markers", { token: s.token(other.user.id, ["read"]), form: { "home[last_read_id]": "1" } })).status,
    ).toBe(403);
    expect(s.count("markers")).toBe(before);
    expect((await s.api("GET", "/api/v1/markers?timeline[]=home", { token: s.token(me.user.id, ["read:accounts"]) })).status).toBe(403);
    expect((await s.api("GET", "/api/v1/markers?timeline[]=home", { token: s.token(me.user.id, ["read:statuses"]) })).status).toBe(200);
  });
});
