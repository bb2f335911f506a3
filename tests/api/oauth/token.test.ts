import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createOAuthAPIClient } from "masto";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { registerApp } from "./browser";

let s: TestServer;
let alice: TestUser;
let app: { client_id: string; client_secret: string; id: string };
let other: { client_id: string; client_secret: string };

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  app = await registerApp(s.url, { client_name: "Tokens", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
  other = await registerApp(s.url, { client_name: "Other", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read" });
});
afterAll(() => s.stop());

const token = (form: Record<string, string>) =>
  s.api("POST", "/oauth/token", { form: { client_id: app.client_id, client_secret: app.client_secret, ...form } });

describe("POST /oauth/token", () => {
  test("client_credentials via masto.js gives an app token usable on verify_credentials", async () => {
    const oauth = createOAuthAPIClient({ url: s.url });
    const t = await oauth.token.create({
      grantType: "client_credentials",
      clientId: app.client_id,
      clientSecret: app.client_secret,
      redirectUri: "urn:ietf:wg:oauth:2.0:oob",
      scope: "read",
    });
    expect(t.tokenType).toBe("Bearer");
    expect(t.scope).toBe("read");
    expect(s.count("oauth_access_tokens", "token = ? AND user_id IS NULL", t.accessToken)).toBe(1);
    const res = await s.api("GET", "/api/v1/apps/verify_credentials", { token: t.accessToken });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      name: "Tokens",
      scopes: ["read", "write"],
      redirect_uris: ["urn:ietf:wg:oauth:2.0:oob"],
      vapid_key: expect.any(String),
    });
    // an app token is not a user token
    expect((await s.api("GET", "/api/v1/preferences", { token: t.accessToken })).status).toBe(422);
  });

  test("client_credentials defaults to read; JSON body and HTTP Basic both work", async () => {
    const json = await s.api("POST", "/oauth/token", {
      json: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret },
    });
    expect(json.status).toBe(200);
    expect(((await json.json()) as any).scope).toBe("read");
    const basic = await s.api("POST", "/oauth/token", {
      form: { grant_type: "client_credentials", scope: "write" },
      headers: { Authorization: `Basic ${btoa(`${app.client_id}:${app.client_secret}`)}` },
    });
    expect(basic.status).toBe(200);
    expect(basic.headers.get("cache-control")).toBe("no-store");
    expect(((await basic.json()) as any).scope).toBe("write");
  });

  test("password grant with username or email", async () => {
    for (const username of ["alice", "ALICE@example.com"]) {
      const res = await token({ grant_type: "password", username, password: alice.password, scope: "read write" });
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(body).toMatchObject({ token_type: "Bearer", scope: "read write", created_at: expect.any(Number) });
      const prefs = await s.api("GET", "/api/v1/preferences", { token: body.access_token });
      expect(prefs.status).toBe(200);
      expect(await prefs.json()).toEqual({
        "posting:default:visibility": "public",
        "posting:default:sensitive": false,
        "posting:default:language": null,
        "posting:default:quote_policy": "public",
        "reading:expand:media": "default",
        "reading:expand:spoilers": false,
      });
    }
  });

  test("errors use OAuth's format and write nothing", async () => {
    const before = s.count("oauth_access_tokens");
    const cases: [Record<string, string>, number, string][] = [
      [{ grant_type: "password", username: "alice", password: "wrong" }, 400, "invalid_grant"],
      [{ grant_type: "password", username: "nobody", password: "whatever-pw" }, 400, "invalid_grant"],
      [{ grant_type: "password", username: "alice" }, 400, "invalid_request"],
      [{ grant_type: "password", username: "alice", password: alice.password, scope: "admin:read" }, 400, "invalid_scope"],
      [{ grant_type: "client_credentials", scope: "follow" }, 400, "invalid_scope"],
      [{ grant_type: "client_credentials", scope: "bogus" }, 400, "invalid_scope"],
      [{ grant_type: "client_credentials", client_secret: "wrong" }, 401, "invalid_client"],
      [{ grant_type: "client_credentials", client_id: "unknown" }, 401, "invalid_client"],
      [{ grant_type: "client_credentials", client_secret: other.client_secret }, 401, "invalid_client"],
      [{ grant_type: "implicit" }, 400, "unsupported_grant_type"],
      [{ grant_type: "" }, 400, "invalid_request"],
      [{ grant_type: "authorization_code", code: "nope", redirect_uri: "urn:ietf:wg:oauth:2.0:oob" }, 400, "invalid_grant"],
      [{ grant_type: "authorization_code", redirect_uri: "urn:ietf:wg:oauth:2.0:oob" }, 400, "invalid_request"],
    ];
    for (const [form, status, error] of cases) {
      const res = await token(form);
      expect({ form, status: res.status }).toEqual({ form, status });
      const body = (await res.json()) as any;
      expect(body.error).toBe(error);
      expect(typeof body.error_description).toBe("string");
    }
    // wrong types
    const arr = await s.api("POST", "/oauth/token", {
      json: { grant_type: ["password"], client_id: app.client_id, client_secret: app.client_secret },
    });
    expect(arr.status).toBe(400);
    expect(((await arr.json()) as any).error).toBe("invalid_request");
    expect(s.count("oauth_access_tokens")).toBe(before);
  });
});

describe("POST /oauth/revoke", () => {
  test("revoked token is rejected with 401; others' tokens are not revocable", async () => {
    const res = await token({ grant_type: "password", username: "alice", password: alice.password });
    const t = ((await res.json()) as any).access_token as string;
    expect((await s.api("GET", "/api/v1/apps/verify_credentials", { token: t })).status).toBe(200);

    const foreign = await s.api("POST", "/oauth/revoke", {
      form: { token: t, client_id: other.client_id, client_secret: other.client_secret },
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as any).error).toBe("unauthorized_client");
    const badClient = await s.api("POST", "/oauth/revoke", { form: { token: t, client_id: app.client_id, client_secret: "nope" } });
    expect(badClient.status).toBe(401);
    expect(s.count("oauth_access_tokens", "token = ? AND revoked_at IS NULL", t)).toBe(1);

    const oauth = createOAuthAPIClient({ url: s.url });
    await oauth.revoke({ clientId: app.client_id, clientSecret: app.client_secret, token: t });
    expect(s.count("oauth_access_tokens", "token = ? AND revoked_at IS NOT NULL", t)).toBe(1);
    const after = await s.api("GET", "/api/v1/apps/verify_credentials", { token: t });
    expect(after.status).toBe(401);
    // unknown tokens answer 200 {} (RFC 7009)
    const unknown = await s.api("POST", "/oauth/revoke", {
      form: { token: "does-not-exist", client_id: app.client_id, client_secret: app.client_secret },
    });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({});
  });
});

describe("GET /.well-known/oauth-authorization-server", () => {
  test("RFC 8414 metadata", async () => {
    const res = await s.api("GET", "/.well-known/oauth-authorization-server");
    expect(res.status).toBe(200);
    const m = (await res.json()) as any;
    expect(m).toMatchObject({
      issuer: `${s.url}/`,
      authorization_endpoint: `${s.url}/oauth/authorize`,
      token_endpoint: `${s.url}/oauth/token`,
      revocation_endpoint: `${s.url}/oauth/revoke`,
      app_registration_endpoint: `${s.url}/api/v1/apps`,
      response_types_supported: ["code"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    });
    expect(m.grant_types_supported).toEqual(expect.arrayContaining(["authorization_code", "client_credentials", "password"]));
    expect(m.scopes_supported).toEqual(expect.arrayContaining(["read", "write", "follow", "push", "read:statuses"]));
  });
});
