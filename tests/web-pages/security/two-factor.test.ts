/** Two-factor authentication: setup with a TOTP code, login with a code or a recovery code, throttling, turning it off. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { pkcePair, registerApp } from "../../api/oauth/browser";
import { Browser, formFor, loggedIn, passwordStep, recoveryCodesOnPage, secretOnPage, stepOf, totp } from "./helpers";

let clock = Date.now();
let s: TestServer;
let alice: TestUser;
let bob: TestUser;
let app: { client_id: string; client_secret: string };
let secret = "";
let recovery: string[] = [];
const REDIRECT = "https://client.example/cb";

/** Moves the clock to the next 30-second step and returns the code for it (a code works only once). */
function freshCode(sec = secret): string {
  clock += 30_000;
  return totp(sec, stepOf(clock));
}
const user = (id: number) => s.ctx.db.query("SELECT * FROM users WHERE id = ?").get(id) as any;
const passwordGrant = (u: TestUser, username: string) =>
  s.api("POST", "/oauth/token", {
    form: {
      grant_type: "password",
      client_id: app.client_id,
      client_secret: app.client_secret,
      username,
      password: u.password,
      scope: "read",
    },
  });

/** Turns 2FA on for a logged-in browser through the pages; returns the secret and recovery codes. */
async function enable(b: Browser, u: TestUser): Promise<{ secret: string; codes: string[] }> {
  const page = await b.page("/auth/two_factor");
  const sec = secretOnPage(page);
  const res = await b.post("/auth/two_factor", { ...formFor(page, "/auth/two_factor").hidden, code: freshCode(sec), password: u.password });
  expect(res.status).toBe(200);
  return { secret: sec, codes: recoveryCodesOnPage(await res.text()) };
}

beforeAll(async () => {
  s = await startTestServer({ now: () => clock });
  [alice, bob] = await Promise.all([s.createUser("alice"), s.createUser("bob")]);
  app = await registerApp(s.url, { client_name: "Two factor app", redirect_uris: REDIRECT, scopes: "read write" });
});
afterAll(() => s.stop());

describe("setting up two-factor authentication", () => {
  let b: Browser;
  beforeAll(async () => {
    b = await loggedIn(s, alice, "alice");
  });

  test("the setup page shows a QR code, the key and the otpauth URI; the secret is stored sealed", async () => {
    const html = await b.page("/auth/two_factor");
    expect(html).toContain('<svg role="img" aria-label="QR code for your authenticator app"');
    secret = secretOnPage(html);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = /<code id="otp-uri">([^<]+)<\/code>/.exec(html)![1]!.replace(/&amp;/g, "&");
    const u = new URL(uri);
    expect(u.protocol).toBe("otpauth:");
    expect(u.host).toBe("totp");
    expect(u.pathname.split(":").map(decodeURIComponent)).toEqual([`/${s.domain}`, `alice@${s.domain}`]);
    expect(Object.fromEntries(u.searchParams)).toEqual({ secret, issuer: s.domain, algorithm: "SHA1", digits: "6", period: "30" });
    expect(html).toContain('href="/settings">Back to Hearth</a>');
    const row = user(alice.user.id);
    expect(row.otp_enabled_at).toBeNull();
    expect(row.otp_pending_secret).toBeString();
    expect(JSON.stringify(row)).not.toContain(secret);
    // Reloading keeps the same secret (the app may already have scanned it).
    expect(secretOnPage(await b.page("/auth/two_factor"))).toBe(secret);
  });

  test("a wrong code or password, a missing CSRF token or no session does not turn it on", async () => {
    const page = await b.page("/auth/two_factor");
    const form = formFor(page, "/auth/two_factor");
    expect(form.names).toEqual(["code", "password"]);
    const right = totp(secret, stepOf(clock));
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const res = await b.post("/auth/two_factor", { ...form.hidden, code: wrong, password: alice.password });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Invalid two-factor code");
    const badPw = await b.post("/auth/two_factor", { ...form.hidden, code: right, password: "not-the-password" });
    expect(badPw.status).toBe(422);
    expect(await badPw.text()).toContain("Your password is incorrect.");
    expect((await b.post("/auth/two_factor", { code: right, password: alice.password })).status).toBe(403);
    expect((await b.post("/auth/two_factor", { authenticity_token: "x", code: right, password: alice.password })).status).toBe(403);
    const anon = new Browser(s.url);
    const res2 = await anon.post("/auth/two_factor", { ...form.hidden, code: right, password: alice.password });
    expect(res2.status).toBe(303);
    expect(res2.headers.get("location")).toBe("/auth/sign_in?return_to=%2Fauth%2Ftwo_factor");
    expect(user(alice.user.id).otp_enabled_at).toBeNull();
  });

  test("the right code turns it on and shows 10 recovery codes once", async () => {
    const page = await b.page("/auth/two_factor");
    const res = await b.post("/auth/two_factor", {
      ...formFor(page, "/auth/two_factor").hidden,
      code: freshCode(),
      password: alice.password,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    recovery = recoveryCodesOnPage(html);
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    for (const c of recovery) expect(c).toMatch(/^[0-9a-f]{10}$/);
    const row = user(alice.user.id);
    expect(row.otp_enabled_at).toBe(clock);
    expect(row.otp_pending_secret).toBeNull();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(secret);
    for (const c of recovery) expect(stored).not.toContain(c);
    expect(JSON.parse(row.otp_recovery_codes)).toHaveLength(10);
    const after = await b.page("/auth/two_factor");
    expect(after).toContain("10 unused recovery codes");
    expect(recoveryCodesOnPage(after)).toEqual([]);
    expect(after).not.toContain(secret);
    expect(await b.page("/auth/security")).toContain("Two-factor authentication is <strong>on</strong>");
  });
});

describe("logging in with two-factor authentication", () => {
  test("the password grant is refused with invalid_grant", async () => {
    const before = s.count("oauth_access_tokens");
    const res = await passwordGrant(alice, "alice");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_grant" });
    expect(s.count("oauth_access_tokens")).toBe(before);
  });

  test("/oauth/authorize asks for the code after the password; wrong and replayed codes are refused", async () => {
    const b = new Browser(s.url);
    const { verifier, challenge } = pkcePair();
    const q = new URLSearchParams({
      response_type: "code",
      client_id: app.client_id,
      redirect_uri: REDIRECT,
      scope: "read",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const login = await b.page(`/oauth/authorize?${q}`);
    const sessions = s.count("web_sessions");
    const step1 = await b.post("/oauth/authorize", {
      ...formFor(login, "/oauth/authorize").hidden,
      login: "alice",
      password: alice.password,
    });
    expect(step1.status).toBe(200);
    expect(step1.headers.getSetCookie().join()).not.toContain("_hearth_session");
    const otpHtml = await step1.text();
    expect(otpHtml).toContain('<label for="otp_attempt">Two-factor code</label>');
    const otpForm = formFor(otpHtml, "/oauth/authorize");
    expect(otpForm.hidden.step).toBe("otp");
    expect(otpForm.hidden.client_id).toBe(app.client_id);
    expect(s.count("web_sessions")).toBe(sessions);

    const used = totp(secret, stepOf(clock)); // accepted when turning 2FA on: never again
    for (const bad of ["123", "abcdefghij", used, ""]) {
      const res = await b.post("/oauth/authorize", { ...otpForm.hidden, otp_attempt: bad });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain("Invalid two-factor code or recovery code.");
    }
    expect(s.count("web_sessions")).toBe(sessions);

    const ok = await b.post("/oauth/authorize", { ...otpForm.hidden, otp_attempt: freshCode() });
    expect(ok.status).toBe(303);
    expect(ok.headers.getSetCookie().join()).toContain("_hearth_session=");
    const consent = await b.page(ok.headers.get("location")!);
    const res = await b.post("/oauth/authorize", { ...formFor(consent, "/oauth/authorize").hidden, decision: "authorize" });
    const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
    const tok = await s.api("POST", "/oauth/token", {
      form: {
        grant_type: "authorization_code",
        code,
        client_id: app.client_id,
        client_secret: app.client_secret,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      },
    });
    expect(tok.status).toBe(200);
    // The same code again, from another browser: refused (each code works once).
    const other = new Browser(s.url);
    const login2 = await other.page(`/oauth/authorize?${q}`);
    const otp2 = await (
      await other.post("/oauth/authorize", { ...formFor(login2, "/oauth/authorize").hidden, login: "alice", password: alice.password })
    ).text();
    const again = await other.post("/oauth/authorize", {
      ...formFor(otp2, "/oauth/authorize").hidden,
      otp_attempt: totp(secret, stepOf(clock)),
    });
    expect(again.status).toBe(422);
  });

  test("a recovery code logs in once", async () => {
    const b = new Browser(s.url);
    const step1 = await passwordStep(s, b, alice, "alice@example.com", "/oauth/authorized_applications");
    expect(step1.status).toBe(200);
    const form = formFor(await step1.text(), "/auth/sign_in");
    expect(form.hidden.return_to).toBe("/oauth/authorized_applications");
    const res = await b.post("/auth/sign_in", { ...form.hidden, otp_attempt: recovery[0]!.toUpperCase().replace(/(.{5})/, "$1 ") });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/oauth/authorized_applications");
    expect(JSON.parse(user(alice.user.id).otp_recovery_codes)).toHaveLength(9);
    expect(await b.page("/auth/two_factor")).toContain("9 unused recovery codes");

    const b2 = new Browser(s.url);
    const form2 = formFor(await (await passwordStep(s, b2, alice, "alice")).text(), "/auth/sign_in");
    const again = await b2.post("/auth/sign_in", { ...form2.hidden, otp_attempt: recovery[0]! });
    expect(again.status).toBe(422);
    expect(b2.cookies.has("_hearth_session")).toBe(false);
  });

  test("a challenge from another browser, or an expired one, sends back to the password form", async () => {
    const a = new Browser(s.url);
    const formA = formFor(await (await passwordStep(s, a, alice, "alice")).text(), "/auth/sign_in");
    const b = new Browser(s.url);
    const loginB = formFor(await b.page("/auth/sign_in"), "/auth/sign_in");
    const stolen = await b.post("/auth/sign_in", {
      ...loginB.hidden,
      step: "otp",
      otp_challenge: formA.hidden.otp_challenge!,
      otp_attempt: freshCode(),
    });
    expect(stolen.status).toBe(422);
    const html = await stolen.text();
    expect(html).toContain("Your login has expired. Please log in again.");
    expect(html).toContain('name="password"');
    clock += 6 * 60_000;
    const late = await a.post("/auth/sign_in", { ...formA.hidden, otp_attempt: freshCode() });
    expect(late.status).toBe(422);
    expect(a.cookies.has("_hearth_session")).toBe(false);
  });

  test("wrong codes are throttled per user: 10 per hour", async () => {
    const bb = await loggedIn(s, bob, "bob");
    const bobSecret = (await enable(bb, bob)).secret;
    const b = new Browser(s.url);
    const form = formFor(await (await passwordStep(s, b, bob, "bob")).text(), "/auth/sign_in");
    for (let i = 0; i < 10; i++) expect((await b.post("/auth/sign_in", { ...form.hidden, otp_attempt: "999999x" })).status).toBe(422);
    const blocked = await b.post("/auth/sign_in", { ...form.hidden, otp_attempt: freshCode(bobSecret) });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain("Too many wrong codes");
    expect(b.cookies.has("_hearth_session")).toBe(false);
    clock += 3600_000;
    const form2 = formFor(await (await passwordStep(s, b, bob, "bob")).text(), "/auth/sign_in");
    expect((await b.post("/auth/sign_in", { ...form2.hidden, otp_attempt: freshCode(bobSecret) })).status).toBe(303);
  });
});

describe("managing and turning off two-factor authentication", () => {
  let b: Browser;
  beforeAll(async () => {
    b = new Browser(s.url);
    const form = formFor(await (await passwordStep(s, b, alice, "alice")).text(), "/auth/sign_in");
    expect((await b.post("/auth/sign_in", { ...form.hidden, otp_attempt: freshCode() })).status).toBe(303);
  });

  test("new recovery codes replace the old ones", async () => {
    const page = await b.page("/auth/two_factor");
    const form = formFor(page, "/auth/two_factor/recovery_codes");
    expect((await b.post("/auth/two_factor/recovery_codes", { ...form.hidden, code: "000000x" })).status).toBe(422);
    const res = await b.post("/auth/two_factor/recovery_codes", { ...form.hidden, code: freshCode() });
    expect(res.status).toBe(200);
    const fresh = recoveryCodesOnPage(await res.text());
    expect(fresh).toHaveLength(10);
    const other = new Browser(s.url);
    const f = formFor(await (await passwordStep(s, other, alice, "alice")).text(), "/auth/sign_in");
    expect((await other.post("/auth/sign_in", { ...f.hidden, otp_attempt: recovery[1]! })).status).toBe(422);
    expect((await other.post("/auth/sign_in", { ...f.hidden, otp_attempt: fresh[0]! })).status).toBe(303);
    recovery = fresh.slice(1);
  });

  test("turning it off needs the password and a current code", async () => {
    const page = await b.page("/auth/two_factor");
    const form = formFor(page, "/auth/two_factor/disable");
    expect(form.names).toEqual(["password", "code"]);
    const wrongPw = await b.post("/auth/two_factor/disable", { ...form.hidden, password: "not-it", code: freshCode() });
    expect(wrongPw.status).toBe(422);
    expect(await wrongPw.text()).toContain("Your password is incorrect.");
    const wrongCode = await b.post("/auth/two_factor/disable", { ...form.hidden, password: alice.password, code: "000000x" });
    expect(wrongCode.status).toBe(422);
    expect((await b.post("/auth/two_factor/disable", { password: alice.password, code: freshCode() })).status).toBe(403);
    expect(user(alice.user.id).otp_enabled_at).not.toBeNull();

    const ok = await b.post("/auth/two_factor/disable", { ...form.hidden, password: alice.password, code: freshCode() });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/auth/two_factor?notice=disabled");
    expect(await b.page(ok.headers.get("location")!)).toContain("Two-factor authentication is now off.");
    const row = user(alice.user.id);
    expect([row.otp_secret, row.otp_enabled_at, row.otp_recovery_codes]).toEqual([null, null, "[]"]);
    expect((await passwordGrant(alice, "alice")).status).toBe(200);
    const plain = await passwordStep(s, new Browser(s.url), alice, "alice");
    expect(plain.status).toBe(303);
  });
});
