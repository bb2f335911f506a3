/** /oauth/authorized_applications: the apps holding live tokens for the user, and revoking one. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { createApplication, issueToken } from "../../../src/services/oauth/tokens";
import { WsProbe } from "../../streaming/probe";
import { Browser, formFor, forms, loggedIn } from "./helpers";

let s: TestServer;
let alice: TestUser;
let bob: TestUser;
let photo: { id: number };
let bobOnly: { id: number };
let aliceRead: string;
let aliceWrite: string;
let bobPhoto: string;
let b: Browser;

const status = async (token: string) => (await s.api("GET", "/api/v1/accounts/verify_credentials", { token })).status;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob] = await Promise.all([s.createUser("alice"), s.createUser("bob")]);
  photo = createApplication(s.ctx, {
    name: "Photo <App>",
    website: "https://photo.example/",
    redirectUris: ["urn:ietf:wg:oauth:2.0:oob"],
    scopes: ["read", "write", "push"],
  });
  bobOnly = createApplication(s.ctx, { name: "Bob's app", website: null, redirectUris: ["urn:ietf:wg:oauth:2.0:oob"], scopes: ["read"] });
  aliceRead = issueToken(s.ctx, { applicationId: photo.id, userId: alice.user.id, scopes: ["read"] }).token;
  aliceWrite = issueToken(s.ctx, { applicationId: photo.id, userId: alice.user.id, scopes: ["write:statuses", "read"] }).token;
  bobPhoto = issueToken(s.ctx, { applicationId: photo.id, userId: bob.user.id, scopes: ["read"] }).token;
  issueToken(s.ctx, { applicationId: bobOnly.id, userId: bob.user.id, scopes: ["read"] });
  b = await loggedIn(s, alice, "alice");
});
afterAll(() => s.stop());

describe("GET /oauth/authorized_applications", () => {
  test("lists each app once with website, scopes and dates; other users' apps are not shown", async () => {
    expect(await status(aliceRead)).toBe(200); // sets last_used_at
    const html = await b.page("/oauth/authorized_applications");
    const names = [...html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(names).toEqual(["Photo &lt;App&gt;", "Test rig"]);
    expect(html).not.toContain("Photo <App>");
    expect(html).not.toContain("Bob&#39;s app");
    expect(html).toContain('<a href="https://photo.example/" rel="noopener noreferrer">');
    const photoItem = html.slice(html.indexOf("Photo &lt;App&gt;"), html.indexOf("Test rig"));
    expect([...photoItem.matchAll(/<li><code>([^<]+)<\/code>/g)].map((m) => m[1])).toEqual(["read", "write:statuses"]);
    expect(photoItem).toContain("last used <time");
    expect(html.slice(html.indexOf("Test rig"))).toContain("not used yet");
    expect(forms(html).filter((f) => /\/revoke$/.test(f.action))).toHaveLength(2);
  });
});

describe("POST /oauth/authorized_applications/:id/revoke", () => {
  test("without the CSRF token, for an unknown app or another user's app: nothing is revoked", async () => {
    const html = await b.page("/oauth/authorized_applications");
    const f = formFor(html, `/oauth/authorized_applications/${photo.id}/revoke`);
    expect((await b.post(f.action, {})).status).toBe(403);
    expect((await b.post(f.action, { authenticity_token: "nope" })).status).toBe(403);
    for (const id of [String(bobOnly.id), "99999999", "abc"]) {
      const res = await b.post(`/oauth/authorized_applications/${id}/revoke`, f.hidden);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("That app has no access to your account.");
    }
    expect(s.count("oauth_access_tokens", "revoked_at IS NOT NULL")).toBe(0);
    const anon = await new Browser(s.url).post(f.action, f.hidden);
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toContain("/auth/sign_in");
    expect(await status(aliceRead)).toBe(200);
  });

  test("revokes all of the app's tokens for this user and closes their streams", async () => {
    const probe = await WsProbe.open(`ws://${s.domain}/api/v1/streaming?stream=user&access_token=${aliceWrite}`);
    const closed = new Promise<string>((resolve) => probe.ws.addEventListener("close", () => resolve("closed"), { once: true }));
    const html = await b.page("/oauth/authorized_applications");
    const f = formFor(html, `/oauth/authorized_applications/${photo.id}/revoke`);
    expect(f.html).toContain('aria-label="Revoke Photo &lt;App&gt;"');
    const res = await b.post(f.action, f.hidden);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/oauth/authorized_applications?notice=revoked");
    expect(await status(aliceRead)).toBe(401);
    expect(await status(aliceWrite)).toBe(401);
    expect(await status(bobPhoto)).toBe(200);
    expect(await status(alice.token)).toBe(200);
    expect(await Promise.race([closed, Bun.sleep(3000).then(() => "still open")])).toBe("closed");
    const after = await b.page(res.headers.get("location")!);
    expect(after).toContain("The app&#39;s access was revoked.");
    expect(after).not.toContain("Photo &lt;App&gt;");
    expect((await b.post(f.action, f.hidden)).status).toBe(404);
  });
});
