import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { authorizeCode, Browser, hiddenFields, pkcePair, registerApp } from "./browser";

let s: TestServer;
let alice: TestUser;
let app: { client_id: string; client_secret: string };
const REDIRECT = "https://client.example/callback";

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  app = await registerApp(s.url, {
    client_name: "Flow <App>",
    redirect_uris: [REDIRECT, "urn:ietf:wg:oauth:2.0:oob"],
    scopes: "read write follow",
  });
});
afterAll(() => s.stop());

const baseQuery = (extra: Record<string, string> = {}) => ({
  response_type: "code",
  client_id: app.client_id,
  redirect_uri: REDIRECT,
  scope: "read write",
  ...extra,
});
const exchange = (form: Record<string, string>) =>
  s.api("POST", "/oauth/token", {
    form: { grant_type: "authorization_code", client_id: app.client_id, client_secret: app.client_secret, redirect_uri: REDIRECT, ...form },
  });

describe("authorization code flow with PKCE", () => {
  test("login page, consent page, code, token, API use", async () => {
    const b = new Browser(s.url);
    const { verifier, challenge } = pkcePair();
    const page = await b.get(
      `/oauth/authorize?${new URLSearchParams(baseQuery({ state: "xyz<1>", code_challenge: challenge, code_challenge_method: "S256" }))}`,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain('<label for="login">');
    expect(html).toContain('<label for="password">');
    expect(html).toContain("Flow &lt;App&gt;"); // escaped app name
    expect(html).not.toContain("Flow <App>");
    expect(hiddenFields(html).authenticity_token).toBeTruthy();
    expect(page.headers.getSetCookie().join()).toContain("HttpOnly");

    const login = await b.post("/oauth/authorize", { ...hiddenFields(html), login: "alice@example.com", password: alice.password });
    expect(login.status).toBe(303);
    const sessionCookie = login.headers.getSetCookie().find((c) => c.startsWith("_hearth_session="))!;
    expect(sessionCookie).toContain("HttpOnly");
    expect(sessionCookie).toContain("SameSite=Lax");
    expect(s.count("web_sessions", "user_id = ?", alice.user.id)).toBe(1);

    const consent = await (await b.get(login.headers.get("location")!)).text();
    expect(consent).toContain("Authorize");
    expect(consent).toContain("Deny");
    expect(consent).toContain("@alice");
    expect(consent).toContain("<code>write</code>");
    const res = await b.post("/oauth/authorize", { ...hiddenFields(consent), decision: "authorize" });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get("location")!);
    expect(loc.origin + loc.pathname).toBe(REDIRECT);
    expect(loc.searchParams.get("state")).toBe("xyz<1>");
    const code = loc.searchParams.get("code")!;

    const tok = await exchange({ code, code_verifier: verifier });
    expect(tok.status).toBe(200);
    const body = (await tok.json()) as any;
    expect(body).toMatchObject({ token_type: "Bearer", scope: "read write" });
    expect(body.created_at).toBeLessThan(Date.now() / 1000 + 5);
    expect(body.created_at).toBeGreaterThan(Date.now() / 1000 - 60);

    const appInfo = await s.api("GET", "/api/v1/apps/verify_credentials", { token: body.access_token });
    expect(appInfo.status).toBe(200);
    expect(((await appInfo.json()) as any).name).toBe("Flow <App>");
    const prefs = await s.api("GET", "/api/v1/preferences", { token: body.access_token });
    expect(prefs.status).toBe(200);

    // the code is single-use
    const again = await exchange({ code, code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
  });

  test("wrong PKCE verifier, missing verifier and wrong redirect_uri are invalid_grant", async () => {
    const b = new Browser(s.url);
    const { verifier, challenge } = pkcePair();
    const { code } = await authorizeCode(b, baseQuery({ code_challenge: challenge, code_challenge_method: "S256" }), {
      login: "alice",
      password: alice.password,
    });
    const tokensBefore = s.count("oauth_access_tokens");
    const forms: Record<string, string>[] = [
      { code, code_verifier: pkcePair().verifier },
      { code },
      { code, code_verifier: verifier, redirect_uri: "https://client.example/other" },
    ];
    for (const form of forms) {
      const res = await exchange(form);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: "invalid_grant", error_description: expect.any(String) });
    }
    const badSecret = await exchange({ code, code_verifier: verifier, client_secret: "nope" });
    expect(badSecret.status).toBe(401);
    expect(await badSecret.json()).toMatchObject({ error: "invalid_client" });
    expect(s.count("oauth_access_tokens")).toBe(tokensBefore);
    // the right verifier still works afterwards
    expect((await exchange({ code, code_verifier: verifier })).status).toBe(200);
  });

  test("an expired code is rejected", async () => {
    const b = new Browser(s.url);
    const { code } = await authorizeCode(b, baseQuery(), { login: "alice", password: alice.password });
    s.ctx.db.query("UPDATE oauth_access_grants SET expires_at = ? WHERE code = ?").run(Date.now() - 1, code);
    expect((await exchange({ code })).status).toBe(400);
  });

  test("deny redirects with access_denied and writes no grant", async () => {
    const b = new Browser(s.url);
    const html = await (await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery({ state: "s1" }))}`)).text();
    const login = await b.post("/oauth/authorize", { ...hiddenFields(html), login: "alice", password: alice.password });
    const consent = await (await b.get(login.headers.get("location")!)).text();
    const grants = s.count("oauth_access_grants");
    const res = await b.post("/oauth/authorize", { ...hiddenFields(consent), decision: "deny" });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get("location")!);
    expect(loc.searchParams.get("error")).toBe("access_denied");
    expect(loc.searchParams.get("state")).toBe("s1");
    expect(s.count("oauth_access_grants")).toBe(grants);
  });

  test("out-of-band redirect shows the code on a page", async () => {
    const b = new Browser(s.url);
    const html = await (
      await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery({ redirect_uri: "urn:ietf:wg:oauth:2.0:oob" }))}`)
    ).text();
    const login = await b.post("/oauth/authorize", { ...hiddenFields(html), login: "alice", password: alice.password });
    const consent = await (await b.get(login.headers.get("location")!)).text();
    const res = await b.post("/oauth/authorize", { ...hiddenFields(consent), decision: "authorize" });
    expect(res.status).toBe(200);
    const code = /<code id="authorization-code">([^<]+)<\/code>/.exec(await res.text())![1]!;
    const tok = await exchange({ code, redirect_uri: "urn:ietf:wg:oauth:2.0:oob" });
    expect(tok.status).toBe(200);
  });

  test("CSRF token missing or wrong is rejected on login and consent", async () => {
    const b = new Browser(s.url);
    const html = await (await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery())}`)).text();
    const f = hiddenFields(html);
    const sessions = s.count("web_sessions");
    const noToken = await b.post("/oauth/authorize", { ...f, authenticity_token: "", login: "alice", password: alice.password });
    expect(noToken.status).toBe(403);
    const other = new Browser(s.url); // the token is bound to this browser's cookie
    const stolen = await other.post("/oauth/authorize", { ...f, login: "alice", password: alice.password });
    expect(stolen.status).toBe(403);
    expect(s.count("web_sessions")).toBe(sessions);

    const login = await b.post("/oauth/authorize", { ...f, login: "alice", password: alice.password });
    const consent = hiddenFields(await (await b.get(login.headers.get("location")!)).text());
    const grants = s.count("oauth_access_grants");
    const bad = await b.post("/oauth/authorize", { ...consent, authenticity_token: "forged", decision: "authorize" });
    expect(bad.status).toBe(403);
    const { authenticity_token: _drop, ...withoutToken } = consent;
    expect((await b.post("/oauth/authorize", { ...withoutToken, decision: "authorize" })).status).toBe(403);
    expect(s.count("oauth_access_grants")).toBe(grants);
  });

  test("wrong password shows an error on the page; force_login shows the login form again", async () => {
    const b = new Browser(s.url);
    const html = await (await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery())}`)).text();
    const res = await b.post("/oauth/authorize", { ...hiddenFields(html), login: "alice", password: "wrong-password" });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('class="error"');
    expect(page).toContain("Invalid email/username or password");
    expect(b.cookies.has("_hearth_session")).toBe(false);
    await authorizeCode(b, baseQuery(), { login: "alice", password: alice.password });
    const forced = await (await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery({ force_login: "true" }))}`)).text();
    expect(forced).toContain('name="password"');
  });

  test("bad requests: unknown client, unregistered redirect, bad scope, bad PKCE method", async () => {
    const b = new Browser(s.url);
    const unknown = await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery({ client_id: "nope" }))}`);
    expect(unknown.status).toBe(400);
    const badRedirect = await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery({ redirect_uri: "https://evil.example/" }))}`);
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers.get("location")).toBeNull();
    const scope = await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery({ scope: "read admin:write" }))}`);
    expect(scope.status).toBe(302);
    expect(new URL(scope.headers.get("location")!).searchParams.get("error")).toBe("invalid_scope");
    const plain = await b.get(
      `/oauth/authorize?${new URLSearchParams(baseQuery({ code_challenge: pkcePair().challenge, code_challenge_method: "plain" }))}`,
    );
    expect(new URL(plain.headers.get("location")!).searchParams.get("error")).toBe("invalid_request");
    const rt = await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery({ response_type: "token" }))}`);
    expect(new URL(rt.headers.get("location")!).searchParams.get("error")).toBe("unsupported_response_type");
  });

  test("an unapproved user cannot log in", async () => {
    const bob = await s.createUser("bob");
    s.ctx.db.query("UPDATE users SET approved = 0 WHERE id = ?").run(bob.user.id);
    const b = new Browser(s.url);
    const html = await (await b.get(`/oauth/authorize?${new URLSearchParams(baseQuery())}`)).text();
    const res = await b.post("/oauth/authorize", { ...hiddenFields(html), login: "bob", password: bob.password });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("waiting for approval");
  });
});
