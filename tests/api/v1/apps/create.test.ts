import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../../rig";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.stop());

describe("POST /api/v1/apps", () => {
  test("masto.js: creates an app and returns the CredentialApplication", async () => {
    const app = await s.client().v1.apps.create({
      clientName: "Masto",
      redirectUris: "https://app.example/cb",
      scopes: "read write push",
      website: "https://app.example",
    });
    // (read before toMatchObject: bun's asymmetric matchers may overwrite matched properties)
    expect(s.count("oauth_applications", "client_id = ? AND client_secret = ?", String(app.clientId), String(app.clientSecret))).toBe(1);
    expect(app).toMatchObject({
      name: "Masto",
      website: "https://app.example",
      scopes: ["read", "write", "push"],
      redirectUri: "https://app.example/cb",
      redirectUris: ["https://app.example/cb"],
      clientId: expect.any(String),
      clientSecret: expect.any(String),
      vapidKey: expect.any(String),
    });
    expect(typeof (app as unknown as { id: unknown }).id).toBe("string");
  });

  test("JSON with an array of redirect URIs, custom scheme and oob; scopes default to read", async () => {
    const res = await s.api("POST", "/api/v1/apps", {
      json: { client_name: "Multi", redirect_uris: ["myapp://oauth/callback", "urn:ietf:wg:oauth:2.0:oob"] },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.scopes).toEqual(["read"]);
    expect(body.redirect_uris).toEqual(["myapp://oauth/callback", "urn:ietf:wg:oauth:2.0:oob"]);
    expect(body.redirect_uri).toBe("myapp://oauth/callback\nurn:ietf:wg:oauth:2.0:oob");
    expect(body.client_secret_expires_at).toBe(0);
    expect(body.website).toBeNull();
  });

  test("form body with newline-separated URIs and form arrays; multipart body", async () => {
    const form = await s.api("POST", "/api/v1/apps", {
      form: { client_name: "Form", redirect_uris: "https://a.example/1\nhttps://a.example/2", scopes: "read write:statuses" },
    });
    expect(form.status).toBe(200);
    expect(((await form.json()) as any).redirect_uris).toEqual(["https://a.example/1", "https://a.example/2"]);
    const arr = await s.api("POST", "/api/v1/apps", {
      body: "client_name=Arr&redirect_uris[]=https%3A%2F%2Fb.example%2F1&redirect_uris[]=https%3A%2F%2Fb.example%2F2",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(((await arr.json()) as any).redirect_uris).toEqual(["https://b.example/1", "https://b.example/2"]);
    const fd = new FormData();
    fd.set("client_name", "Multipart");
    fd.set("redirect_uris", "urn:ietf:wg:oauth:2.0:oob");
    fd.set("scopes", "read follow");
    const mp = await fetch(`${s.url}/api/v1/apps`, { method: "POST", body: fd });
    expect(mp.status).toBe(200);
    expect(((await mp.json()) as any).scopes).toEqual(["read", "follow"]);
  });

  test("bad input is 422 and writes nothing", async () => {
    const before = s.count("oauth_applications");
    const cases: unknown[] = [
      { redirect_uris: "urn:ietf:wg:oauth:2.0:oob" },
      { client_name: "", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" },
      { client_name: "x".repeat(61), redirect_uris: "urn:ietf:wg:oauth:2.0:oob" },
      { client_name: "NoRedirect" },
      { client_name: "Relative", redirect_uris: "/callback" },
      { client_name: "Fragment", redirect_uris: "https://a.example/#frag" },
      { client_name: "Js", redirect_uris: "javascript:alert(1)" },
      { client_name: "Scope", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read bogus" },
      { client_name: "Site", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", website: "not a url" },
      { client_name: ["array"], redirect_uris: "urn:ietf:wg:oauth:2.0:oob" },
      { client_name: "Types", redirect_uris: [1, 2] },
      { client_name: "Types", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: { a: 1 } },
    ];
    for (const json of cases) {
      const res = await s.api("POST", "/api/v1/apps", { json });
      expect({ json, status: res.status }).toEqual({ json, status: 422 });
      expect(((await res.json()) as any).error).toStartWith("Validation failed:");
    }
    const huge = await s.api("POST", "/api/v1/apps", {
      json: { client_name: "Huge", redirect_uris: "https://a.example/" + "x".repeat(2 * 1024 * 1024) },
    });
    expect(huge.status).toBe(413);
    const badJson = await s.api("POST", "/api/v1/apps", { body: "{nope", headers: { "content-type": "application/json" } });
    expect(badJson.status).toBe(400);
    expect(s.count("oauth_applications")).toBe(before);
  });
});

describe("GET /api/v1/apps/verify_credentials", () => {
  test("no token or a bad token is 401", async () => {
    expect((await s.api("GET", "/api/v1/apps/verify_credentials")).status).toBe(401);
    expect((await s.api("GET", "/api/v1/apps/verify_credentials", { token: "bogus" })).status).toBe(401);
  });
  test("a user token returns its app without secrets", async () => {
    const u = await s.createUser("alice", { scopes: ["write"] });
    const res = await s.api("GET", "/api/v1/apps/verify_credentials", { token: u.token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.name).toBe("Test rig");
    expect(body.client_secret).toBeUndefined();
    expect(body.client_id).toBeUndefined();
  });
});
