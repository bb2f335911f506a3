/** /auth/security's browser sessions, logging in to the pages, logging out, and the pages' safety headers. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { Browser, formFor, forms, loggedIn, passwordStep } from "./helpers";

let s: TestServer;
let alice: TestUser;
let bob: TestUser;
const CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob] = await Promise.all([s.createUser("alice"), s.createUser("bob")]);
});
afterAll(() => s.stop());

const sessionsOf = (userId: number) =>
  s.ctx.db
    .query("SELECT id FROM web_sessions WHERE user_id = ? ORDER BY created_at")
    .all(userId)
    .map((r: any) => r.id as string);

describe("without a session", () => {
  test("each page sends to the login form, which comes back after logging in", async () => {
    const b = new Browser(s.url);
    for (const path of ["/auth/security", "/auth/two_factor", "/oauth/authorized_applications"]) {
      const res = await b.get(path);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/auth/sign_in?return_to=${encodeURIComponent(path)}`);
    }
    const login = await b.get("/auth/sign_in?return_to=%2Foauth%2Fauthorized_applications");
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain('<label for="login">');
    expect(html).toContain('<label for="password">');
    const wrong = await b.post("/auth/sign_in", { ...formFor(html, "/auth/sign_in").hidden, login: "alice", password: "nope-nope" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Invalid email/username or password.");
    expect(b.cookies.has("_hearth_session")).toBe(false);
    const ok = await b.post("/auth/sign_in", { ...formFor(html, "/auth/sign_in").hidden, login: "alice", password: alice.password });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/oauth/authorized_applications");
    expect((await b.get("/oauth/authorized_applications")).status).toBe(200);
  });

  test("return_to only goes to the security pages; the login form needs its CSRF token", async () => {
    const b = new Browser(s.url);
    const html = await b.page("/auth/sign_in?return_to=https%3A%2F%2Fevil.example%2F");
    const f = formFor(html, "/auth/sign_in");
    expect(f.hidden.return_to).toBe("/auth/security");
    const res = await b.post("/auth/sign_in", { ...f.hidden, return_to: "//evil.example", login: "alice", password: alice.password });
    expect(res.headers.get("location")).toBe("/auth/security");
    const c = new Browser(s.url);
    await c.get("/auth/sign_in");
    const before = s.count("web_sessions");
    expect((await c.post("/auth/sign_in", { step: "login", login: "alice", password: alice.password })).status).toBe(403);
    expect(s.count("web_sessions")).toBe(before);
  });
});

describe("browser sessions", () => {
  let firefox: Browser;
  let chrome: Browser;
  let bobs: Browser;
  beforeAll(async () => {
    s.ctx.db.query("DELETE FROM web_sessions").run();
    firefox = await loggedIn(s, alice, "alice");
    chrome = await loggedIn(s, alice, "alice", CHROME_WIN);
    bobs = await loggedIn(s, bob, "bob");
  });

  test("the list shows each of the user's sessions with browser, IP and times, and marks this one", async () => {
    const html = await firefox.page("/auth/security");
    const items = [...html.matchAll(/<li>\s*<strong>([^<]+)<\/strong>(.*?)<br>\s*<span class="muted">IP ([^ ]+)/g)].map((m) => [
      m[1],
      m[2]!.includes("(this session)"),
      m[3],
    ]);
    expect(items).toEqual(
      expect.arrayContaining([
        ["Firefox on Linux", true, "127.0.0.1"],
        ["Chrome on Windows", false, "127.0.0.1"],
      ]),
    );
    expect(items).toHaveLength(2);
    expect(forms(html).filter((f) => f.action === "/auth/security/sessions/revoke")).toHaveLength(2);
    expect(html).toContain('aria-label="Revoke Chrome on Windows, last seen');
    expect(html).toContain('<time datetime="');
  });

  test("revoking another user's session, an unknown one or without CSRF token changes nothing", async () => {
    const html = await firefox.page("/auth/security");
    const f = formFor(html, "/auth/security/sessions/revoke");
    const [bobSession] = sessionsOf(bob.user.id);
    for (const id of [bobSession!, "0".repeat(64), "garbage", ""]) {
      const res = await firefox.post("/auth/security/sessions/revoke", { ...f.hidden, id });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("That session is not one of yours");
    }
    expect((await firefox.post("/auth/security/sessions/revoke", { id: sessionsOf(alice.user.id)[1]! })).status).toBe(403);
    expect(sessionsOf(alice.user.id)).toHaveLength(2);
    expect(sessionsOf(bob.user.id)).toHaveLength(1);
  });

  test("revoking the other session logs that browser out", async () => {
    const html = await firefox.page("/auth/security");
    const chromeForm = forms(html).find(
      (f) => f.action === "/auth/security/sessions/revoke" && f.html.includes("Revoke Chrome on Windows"),
    )!;
    expect(chromeForm.hidden.id).toMatch(/^[0-9a-f]{64}$/);
    const res = await firefox.post("/auth/security/sessions/revoke", chromeForm.hidden);
    expect(res.status).toBe(303);
    expect(await firefox.page(res.headers.get("location")!)).toContain("The session was logged out.");
    expect(sessionsOf(alice.user.id)).toHaveLength(1);
    expect((await chrome.get("/auth/security")).status).toBe(302);
    expect((await firefox.get("/auth/security")).status).toBe(200);
  });

  test("logging out of the pages with the form ends the session and clears the cookie", async () => {
    const b = await loggedIn(s, bob, "bob");
    const html = await b.page("/auth/security");
    expect((await b.post("/auth/sign_out", {})).status).toBe(403);
    expect(sessionsOf(bob.user.id)).toHaveLength(2);
    const res = await b.post("/auth/sign_out", formFor(html, "/auth/sign_out").hidden);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
    expect(res.headers.getSetCookie().join()).toContain("_hearth_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    expect(sessionsOf(bob.user.id)).toHaveLength(1);
  });

  test("the web client logs out with its bearer token or from the same origin; others cannot", async () => {
    const before = sessionsOf(bob.user.id);
    const cookie = `_hearth_session=${bobs.cookies.get("_hearth_session")}`;
    for (const token of [alice.token, "not-a-token"]) {
      const res = await s.api("POST", "/auth/sign_out", { token, headers: { cookie } });
      expect(res.status).toBe(403);
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    const foreign = await s.api("POST", "/auth/sign_out", { token: "revoked", headers: { cookie, origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect(sessionsOf(bob.user.id)).toEqual(before);
    const res = await s.api("POST", "/auth/sign_out", { token: bob.token, headers: { cookie } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(res.headers.getSetCookie().join()).toContain("Max-Age=0");
    expect(sessionsOf(bob.user.id)).toHaveLength(0);
    // An already revoked token still signs out from the app's own origin.
    const again = await loggedIn(s, bob, "bob");
    const res2 = await s.api("POST", "/auth/sign_out", {
      token: "already-revoked",
      headers: { cookie: `_hearth_session=${again.cookies.get("_hearth_session")}`, origin: s.url },
    });
    expect(res2.status).toBe(200);
    expect(sessionsOf(bob.user.id)).toHaveLength(0);
  });

  test("pages cannot be framed or cached, and the login form sets only HttpOnly cookies", async () => {
    const res = await firefox.get("/auth/security");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const login = await new Browser(s.url).get("/auth/sign_in");
    for (const c of login.headers.getSetCookie()) expect(c).toContain("HttpOnly");
  });
});
