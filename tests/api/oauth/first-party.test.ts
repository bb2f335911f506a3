/**
 * The server's own web client (redirect URI = this server's /oauth-callback) is a trusted
 * first-party app: no consent page, and admin scopes only for staff. Third-party apps still get
 * the consent page, even when they ask for the same scopes.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { Browser, hiddenFields, pkcePair, registerApp } from "./browser";

let s: TestServer;
let ann: TestUser;
let boss: TestUser;
let web: { client_id: string; client_secret: string };
const SCOPES = "read write follow push admin:read admin:write";

beforeAll(async () => {
  s = await startTestServer();
  ann = await s.createUser("ann");
  boss = await s.createUser("boss", { role: "admin" });
  web = await registerApp(s.url, { client_name: "Hearth Web", redirect_uris: `${s.url}/oauth-callback`, scopes: SCOPES });
});
afterAll(() => s.stop());

/** Logs `user` in on the authorize page of `app`; returns the browser and the answer to the login. */
async function logIn(app: { client_id: string }, redirect: string, user: TestUser, name: string) {
  const b = new Browser(s.url);
  const { verifier, challenge } = pkcePair();
  const q = new URLSearchParams({
    response_type: "code",
    client_id: app.client_id,
    redirect_uri: redirect,
    scope: SCOPES,
    state: "st",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const html = await (await b.get(`/oauth/authorize?${q}`)).text();
  const login = await b.post("/oauth/authorize", { ...hiddenFields(html), login: `${name}@example.com`, password: user.password });
  expect(login.status).toBe(303);
  return { b, verifier, next: await b.get(login.headers.get("location")!) };
}

async function tokenScopes(app: { client_id: string; client_secret: string }, redirect: string, location: string, verifier: string) {
  const code = new URL(location).searchParams.get("code")!;
  const tok = await s.api("POST", "/oauth/token", {
    form: {
      grant_type: "authorization_code",
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: redirect,
      code,
      code_verifier: verifier,
    },
  });
  expect(tok.status).toBe(200);
  return ((await tok.json()) as { scope: string }).scope.split(" ");
}

describe("the web client as a first-party app", () => {
  test("no consent page; a user who is not staff gets no admin scopes", async () => {
    const redirect = `${s.url}/oauth-callback`;
    const { next, verifier } = await logIn(web, redirect, ann, "ann");
    expect(next.status).toBe(302);
    const loc = next.headers.get("location")!;
    expect(loc.startsWith(`${redirect}?`)).toBe(true);
    expect(new URL(loc).searchParams.get("state")).toBe("st");
    expect(await tokenScopes(web, redirect, loc, verifier)).toEqual(["read", "write", "follow", "push"]);
  });

  test("staff keep the admin scopes", async () => {
    const redirect = `${s.url}/oauth-callback`;
    const { next, verifier } = await logIn(web, redirect, boss, "boss");
    expect(next.status).toBe(302);
    expect(await tokenScopes(web, redirect, next.headers.get("location")!, verifier)).toEqual(SCOPES.split(" "));
  });

  test("a third-party app with another redirect URI still asks for consent", async () => {
    const other = await registerApp(s.url, { client_name: "Other", redirect_uris: "https://other.example/cb", scopes: SCOPES });
    const { next } = await logIn(other, "https://other.example/cb", ann, "ann");
    expect(next.status).toBe(200);
    expect(await next.text()).toContain("Authorize");
  });
});
