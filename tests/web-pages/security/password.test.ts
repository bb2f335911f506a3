/** Changing the password on /auth/security: checks, and the other browser sessions are logged out. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { registerApp } from "../../api/oauth/browser";
import { Browser, formFor, loggedIn } from "./helpers";

let s: TestServer;
let alice: TestUser;
let app: { client_id: string; client_secret: string };
let here: Browser;
let there: Browser;

const hash = () => (s.ctx.db.query("SELECT password_hash FROM users WHERE id = ?").get(alice.user.id) as any).password_hash as string;
const grant = (password: string) =>
  s.api("POST", "/oauth/token", {
    form: {
      grant_type: "password",
      client_id: app.client_id,
      client_secret: app.client_secret,
      username: "alice",
      password,
      scope: "read",
    },
  });

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  app = await registerApp(s.url, { client_name: "pw", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read" });
  here = await loggedIn(s, alice, "alice");
  there = await loggedIn(
    s,
    alice,
    "alice@example.com",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
  );
});
afterAll(() => s.stop());

describe("POST /auth/security/password", () => {
  test("the form asks for the current password and the new one twice", async () => {
    const f = formFor(await here.page("/auth/security"), "/auth/security/password");
    expect(f.names).toEqual(["current_password", "password", "password_confirmation"]);
    expect(f.hidden.authenticity_token).toBeTruthy();
  });

  test("wrong current password, short, long or unconfirmed new password: 422, nothing changes", async () => {
    const f = formFor(await here.page("/auth/security"), "/auth/security/password");
    const before = hash();
    const cases: [Record<string, string>, string][] = [
      [
        { current_password: "wrong-one", password: "new-password-1", password_confirmation: "new-password-1" },
        "Your current password is incorrect.",
      ],
      [{ current_password: alice.password, password: "short", password_confirmation: "short" }, "too short (minimum is 8 characters)"],
      [
        { current_password: alice.password, password: "x".repeat(73), password_confirmation: "x".repeat(73) },
        "too long (maximum is 72 characters)",
      ],
      [{ current_password: alice.password, password: "new-password-1", password_confirmation: "new-password-2" }, "do not match"],
      [{ password: "new-password-1", password_confirmation: "new-password-1" }, "Your current password is incorrect."],
    ];
    for (const [form, msg] of cases) {
      const res = await here.post("/auth/security/password", { ...f.hidden, ...form });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain(msg.replace(/"/g, "&quot;"));
      expect(html).toContain('role="alert"');
    }
    expect(hash()).toBe(before);
    expect(s.count("web_sessions", "user_id = ?", alice.user.id)).toBe(2);
  });

  test("without the CSRF token: 403, nothing changes", async () => {
    const before = hash();
    const res = await here.post("/auth/security/password", {
      current_password: alice.password,
      password: "new-password-1",
      password_confirmation: "new-password-1",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Invalid or missing form token");
    expect(hash()).toBe(before);
  });

  test("a good change: the old password stops working, the other session is logged out, this one stays", async () => {
    const f = formFor(await here.page("/auth/security"), "/auth/security/password");
    const res = await here.post("/auth/security/password", {
      ...f.hidden,
      current_password: alice.password,
      password: "brand-new-password",
      password_confirmation: "brand-new-password",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/auth/security?notice=password");
    expect(await here.page("/auth/security?notice=password")).toContain(
      "Your password was changed. Your other browser sessions were logged out.",
    );
    expect((await grant(alice.password)).status).toBe(400);
    expect((await grant("brand-new-password")).status).toBe(200);
    expect(s.count("web_sessions", "user_id = ?", alice.user.id)).toBe(1);
    const gone = await there.get("/auth/security");
    expect(gone.status).toBe(302);
    expect(gone.headers.get("location")).toBe("/auth/sign_in?return_to=%2Fauth%2Fsecurity");
    // App tokens are kept (they are revoked under authorized apps).
    expect((await s.api("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).status).toBe(200);
  });
});
