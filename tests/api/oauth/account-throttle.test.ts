/**
 * The per-account sign-in throttle (25 wrong guesses an hour per account, Mastodon's
 * throttle_login_attempts/email): guesses on one account from many client addresses (each a
 * different X-Forwarded-For behind the trusted loopback proxy) are stopped after 25, on the HTML
 * sign-in, the password grant and the account security forms alike, with the per-IP answer.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { Browser, formFor, loggedIn } from "../../web-pages/security/helpers";
import { registerApp } from "./browser";

let s: TestServer;
let app: { client_id: string; client_secret: string };
beforeAll(async () => {
  s = await startTestServer({ env: { RATE_LIMITS: "true" } });
  app = await registerApp(s.url, { client_name: "Guesser", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" });
});
afterAll(() => s.stop());

let net = 0;
/** A client address no other attempt in this file uses. */
const freshIp = () => {
  net++;
  return `198.51.${Math.floor(net / 250)}.${(net % 250) + 1}`;
};

async function htmlSignIn(login: string, password: string): Promise<Response> {
  const b = new Browser(s.url);
  const form = formFor(await b.page("/auth/sign_in"), "/auth/sign_in");
  return b.post("/auth/sign_in", { ...form.hidden, login, password }, { "x-forwarded-for": freshIp() });
}

function grant(username: string, password: string): Promise<Response> {
  const form = { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username, password, scope: "read" };
  return s.api("POST", "/oauth/token", { form, headers: { "X-Forwarded-For": freshIp() } });
}

/** Spellings of one account's login: username in any case, with @, or the email address. */
const spellings = (u: TestUser) => {
  const name = u.account.username;
  return [name, name.toUpperCase(), `@${name}`, ` ${name}@example.com `, `${name.toUpperCase()}@EXAMPLE.COM`];
};

describe("60 guesses on one account from 60 addresses", () => {
  test("HTML sign-in: 25 wrong, then 429, and then even the right password is refused", async () => {
    const u = await s.createUser("alice");
    const logins = spellings(u);
    const codes: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await htmlSignIn(logins[i % logins.length]!, `wrong-${i}`);
      codes.push(res.status);
      if (i === 25) expect(await res.text()).toContain("Too many login attempts. Please wait a few minutes and try again.");
    }
    expect(codes.slice(0, 25)).toEqual(new Array(25).fill(422));
    expect(codes.slice(25)).toEqual(new Array(35).fill(429));
    const right = await htmlSignIn("alice", u.password);
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie().some((c) => c.startsWith("_hearth_session="))).toBe(false);
  });

  test("password grant: 25 wrong, then the per-IP answer, and no token for the right password", async () => {
    const u = await s.createUser("bob");
    const logins = spellings(u);
    const codes: number[] = [];
    for (let i = 0; i < 60; i++) codes.push((await grant(logins[i % logins.length]!, `wrong-${i}`)).status);
    expect(codes.slice(0, 25)).toEqual(new Array(25).fill(400));
    expect(codes.slice(25)).toEqual(new Array(35).fill(429));
    const right = await grant("bob", u.password);
    expect(right.status).toBe(429);
    expect(await right.json()).toEqual({ error: "invalid_request", error_description: "Too many login attempts. Please try again later." });
  });

  test("the form and the password grant share one budget; other accounts are not affected", async () => {
    const u = await s.createUser("carol");
    const other = await s.createUser("dan");
    for (let i = 0; i < 13; i++) expect((await htmlSignIn("carol", "wrong")).status).toBe(422);
    for (let i = 0; i < 12; i++) expect((await grant("carol@example.com", "wrong")).status).toBe(400);
    expect((await htmlSignIn("carol", u.password)).status).toBe(429);
    expect((await grant("carol", u.password)).status).toBe(429);
    expect((await htmlSignIn("dan", other.password)).status).toBe(303);
    expect((await grant("dan", other.password)).status).toBe(200);
  });

  test("right passwords do not spend the budget", async () => {
    const u = await s.createUser("erin");
    for (let i = 0; i < 24; i++) expect((await grant("erin", "wrong")).status).toBe(400);
    for (let i = 0; i < 5; i++) expect((await htmlSignIn("erin", u.password)).status).toBe(303);
    for (let i = 0; i < 5; i++) expect((await grant("erin", u.password)).status).toBe(200);
    expect((await htmlSignIn("erin", "wrong")).status).toBe(422);
    expect((await htmlSignIn("erin", "wrong")).status).toBe(429);
  });

  test("logins that name no account are throttled by the login itself", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 26; i++) codes.push((await grant(i % 2 ? "Nobody@Example.org" : " nobody@example.org", "x")).status);
    expect(codes.slice(0, 25)).toEqual(new Array(25).fill(400));
    expect(codes[25]).toBe(429);
  }, 30_000); // unknown logins still cost a real argon2id check each, so timing cannot tell them apart

  test("the account security forms: current-password guesses from many addresses", async () => {
    const u = await s.createUser("fay");
    const b = await loggedIn(s, u, "fay");
    const f = formFor(await b.page("/auth/security"), "/auth/security/password");
    const form = { ...f.hidden, current_password: "wrong", password: "new-password-1", password_confirmation: "new-password-1" };
    const codes: number[] = [];
    for (let i = 0; i < 26; i++) codes.push((await b.post("/auth/security/password", form, { "x-forwarded-for": freshIp() })).status);
    expect(codes.slice(0, 25)).toEqual(new Array(25).fill(422));
    expect(codes[25]).toBe(429);
  });
});
