import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../../rig";
import { appToken, signUp } from "./helpers";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: { REGISTRATIONS: "approval" } });
});
afterAll(() => s.stop());

describe("POST /api/v1/accounts (approval)", () => {
  test("creates an unapproved user whose token only works once approved", async () => {
    const token = await appToken(s);
    const res = await s.api("POST", "/api/v1/accounts", {
      token,
      form: { username: "waiting", email: "w@example.net", password: "correct horse battery", agreement: "1", reason: "please" },
    });
    expect(res.status).toBe(200);
    const t = (await res.json()) as any;
    expect(t.access_token).toBeString();
    const user = s.ctx.db.query("SELECT u.* FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.username = 'waiting'").get() as any;
    expect(user.approved).toBe(0);
    expect(user.reason).toBe("please");
    expect((await s.api("GET", "/api/v1/preferences", { token: t.access_token })).status).toBe(401);
    s.ctx.db.query("UPDATE users SET approved = 1 WHERE id = ?").run(user.id);
    expect((await s.api("GET", "/api/v1/preferences", { token: t.access_token })).status).toBe(200);
  });

  test("v2 instance reports approval_required", async () => {
    const i = (await (await s.api("GET", "/api/v2/instance")).json()) as any;
    expect(i.registrations).toMatchObject({ enabled: true, approval_required: true });
  });
});
