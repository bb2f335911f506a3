import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../../rig";
import { appToken, signUp } from "./helpers";

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer({ env: { REGISTRATIONS: "open" } });
  token = await appToken(s);
});
afterAll(() => s.stop());

describe("POST /api/v1/accounts (open)", () => {
  test("masto.js: creates a confirmed, approved user and a working token with the app token's scopes", async () => {
    const t = await s.client(token).v1.accounts.create({
      username: "newbie",
      email: "newbie@example.net",
      password: "correct horse battery",
      agreement: true,
      locale: "de",
      reason: "hi",
    });
    expect(t.tokenType).toBe("Bearer");
    expect(t.scope).toBe("read write follow");
    const user = s.ctx.db.query("SELECT u.* FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.username = 'newbie'").get() as any;
    expect(user).toMatchObject({ approved: 1, locale: "de", role: "user", reason: "hi", sign_up_ip: expect.any(String) });
    expect(user.confirmed_at).not.toBeNull();
    const prefs = await s.api("GET", "/api/v1/preferences", { token: t.accessToken });
    expect(prefs.status).toBe(200);
    // the new user can log in with the password grant too
    expect(s.count("oauth_access_tokens", "user_id = ?", user.id)).toBe(1);
  });

  test("validation errors are 422 with Mastodon's details and write nothing", async () => {
    const before = [s.count("accounts"), s.count("users"), s.count("oauth_access_tokens")];
    const cases: [Record<string, unknown>, string, string][] = [
      [signUp("a1", { agreement: false }), "agreement", "ERR_ACCEPTED"],
      [signUp("a2", { agreement: undefined }), "agreement", "ERR_ACCEPTED"],
      [signUp("a3", { username: undefined }), "username", "ERR_BLANK"],
      [signUp("a4", { email: undefined }), "email", "ERR_BLANK"],
      [signUp("a5", { password: undefined }), "password", "ERR_BLANK"],
      [signUp("a6", { password: "short" }), "password", "ERR_TOO_SHORT"],
      [signUp("a7", { email: "not-an-email" }), "email", "ERR_INVALID"],
      [signUp("bad name!"), "username", "ERR_INVALID"],
      [signUp("x".repeat(31)), "username", "ERR_TOO_LONG"],
      [signUp("newbie", { email: "other@example.net" }), "username", "ERR_TAKEN"],
      [signUp("a8", { email: "NEWBIE@example.net" }), "email", "ERR_TAKEN"],
      [signUp("a9", { username: ["x"] }), "username", "ERR_INVALID"],
      [signUp("a10", { password: 12345678 }), "password", "ERR_INVALID"],
      [signUp("a11", { locale: "<script>" }), "locale", "ERR_INCLUSION"],
    ];
    for (const [json, field, code] of cases) {
      const res = await s.api("POST", "/api/v1/accounts", { token, json });
      expect({ json, status: res.status }).toEqual({ json, status: 422 });
      const body = (await res.json()) as any;
      expect(body.error).toStartWith("Validation failed:");
      expect(body.details[field][0].error).toBe(code);
    }
    const huge = await s.api("POST", "/api/v1/accounts", { token, json: signUp("huge", { reason: "x".repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect([s.count("accounts"), s.count("users"), s.count("oauth_access_tokens")]).toEqual(before);
  });

  test("auth: no token 401, token without write:accounts 403", async () => {
    const before = s.count("users");
    expect((await s.api("POST", "/api/v1/accounts", { json: signUp("anon") })).status).toBe(401);
    const readOnly = await appToken(s, "read");
    expect((await s.api("POST", "/api/v1/accounts", { token: readOnly, json: signUp("ro") })).status).toBe(403);
    expect(s.count("users")).toBe(before);
  });
});
