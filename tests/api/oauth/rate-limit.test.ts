import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../rig";
import { Browser, hiddenFields, registerApp } from "./browser";

let s: TestServer;
let app: { client_id: string; client_secret: string };
beforeAll(async () => {
  s = await startTestServer({ env: { RATE_LIMITS: "true" } });
  app = await registerApp(s.url, { client_name: "Limits", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" });
});
afterAll(() => s.stop());

describe("the login rate limit (25 per 5 minutes per IP)", () => {
  test("the login form answers 429 with an error on the page after 25 attempts", async () => {
    const b = new Browser(s.url);
    const q = new URLSearchParams({ response_type: "code", client_id: app.client_id, redirect_uri: "urn:ietf:wg:oauth:2.0:oob" });
    const fields = hiddenFields(await (await b.get(`/oauth/authorize?${q}`)).text());
    const codes: number[] = [];
    for (let i = 0; i < 26; i++) codes.push((await b.post("/oauth/authorize", { ...fields, login: "", password: "" })).status);
    expect(codes.slice(0, 25).every((c) => c === 422)).toBe(true);
    expect(codes[25]).toBe(429);
    const page = await (await b.post("/oauth/authorize", { ...fields, login: "x", password: "y" })).text();
    expect(page).toContain("Too many login attempts");
  });

  test("password grants share the limit per IP", async () => {
    const form = { grant_type: "password", client_id: app.client_id, client_secret: app.client_secret, username: "x" };
    const codes: number[] = [];
    for (let i = 0; i < 26; i++)
      codes.push((await s.api("POST", "/oauth/token", { form, headers: { "X-Forwarded-For": "198.51.100.7" } })).status);
    expect(codes.slice(0, 25).every((c) => c === 400)).toBe(true);
    expect(codes[25]).toBe(429);
    // other grants are not affected
    const cc = await s.api("POST", "/oauth/token", {
      form: { ...form, grant_type: "client_credentials" },
      headers: { "X-Forwarded-For": "198.51.100.7" },
    });
    expect(cc.status).toBe(200);
  });
});
