/**
 * The bearer token cache (src/http/auth.ts): a repeated read answers byte for byte as an uncached
 * one, and every way a token stops working takes effect at the very next request: revoked through
 * the API, the user disabled or suspended by a moderator, a row changed directly on the server's
 * connection, and a commit by another connection (the CLI).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { createOAuthAPIClient } from "masto";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { authenticate, cachedTokenCount } from "../../src/http/auth";
import { dataVersion } from "../../src/db/queries/ip-blocks";

let s: TestServer;
let mod: TestUser;

beforeAll(async () => {
  // No job runner: background writes would empty the cache at unpredictable moments.
  s = await startTestServer({ runJobs: false });
  mod = await s.createUser("mod", { role: "admin", scopes: ["read", "write", "admin:read", "admin:write"] });
}, 30_000);
afterAll(() => s.stop());

/** Status, headers and body of a GET, with the token. */
async function get(path: string, token: string) {
  const res = await s.api("GET", path, { token });
  const headers: [string, string][] = [];
  res.headers.forEach((v, k) => {
    if (k !== "date") headers.push([k, v]);
  });
  return { status: res.status, headers, body: await res.text() };
}

/** Reads with `token` until its row is cached (the first read notes last_used_at, a write). */
async function warm(token: string) {
  for (let i = 0; i < 3; i++) expect((await get("/api/v1/accounts/verify_credentials", token)).status).toBe(200);
  expect(cachedTokenCount(s.ctx.db)).toBeGreaterThan(0);
}

describe("token cache", () => {
  test("cached answers are the uncached ones, byte for byte; authenticate gives the same Auth", async () => {
    const u = await s.createUser("reader");
    const paths = ["/api/v1/accounts/verify_credentials", "/api/v1/markers", "/api/v1/timelines/home", "/api/v1/lists"];
    await get(paths[0]!, u.token); // notes last_used_at: the rows below are read as they stay
    const uncached = [];
    for (const p of paths) {
      // A write on the connection (the same row, unchanged) makes the next read go to the database.
      s.ctx.db.query("UPDATE oauth_access_tokens SET scopes = scopes WHERE token = ?").run(u.token);
      uncached.push(await get(p, u.token));
    }
    const cached = [];
    for (const p of paths) {
      cached.push(await get(p, u.token));
      expect(cachedTokenCount(s.ctx.db)).toBe(1);
    }
    expect(cached).toEqual(uncached);
    const fromCache = authenticate(s.ctx, u.token, dataVersion(s.ctx.db));
    s.ctx.db.query("UPDATE oauth_access_tokens SET scopes = scopes WHERE token = ?").run(u.token);
    expect(fromCache).toEqual(authenticate(s.ctx, u.token));
  });

  test("a token revoked through POST /oauth/revoke is refused at the next request", async () => {
    const u = await s.createUser("revoker");
    const app = (await (
      await s.api("POST", "/api/v1/apps", { json: { client_name: "C", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" } })
    ).json()) as any;
    const res = await s.api("POST", "/oauth/token", {
      form: {
        grant_type: "password",
        username: "revoker",
        password: u.password,
        client_id: app.client_id,
        client_secret: app.client_secret,
      },
    });
    const t = ((await res.json()) as any).access_token as string;
    await warm(t);
    await createOAuthAPIClient({ url: s.url }).revoke({ clientId: app.client_id, clientSecret: app.client_secret, token: t });
    expect((await get("/api/v1/accounts/verify_credentials", t)).status).toBe(401);
  });

  test("disabling and suspending the user refuse the token at once; enabling and unsuspending restore it", async () => {
    const u = await s.createUser("moderated");
    for (const [type, undo] of [
      ["disable", "enable"],
      ["suspend", "unsuspend"],
    ] as const) {
      await warm(u.token);
      expect((await s.api("POST", `/api/v1/admin/accounts/${u.id}/action`, { token: mod.token, json: { type } })).status).toBe(200);
      expect((await get("/api/v1/accounts/verify_credentials", u.token)).status).toBe(403);
      expect((await s.api("POST", `/api/v1/admin/accounts/${u.id}/${undo}`, { token: mod.token })).status).toBe(200);
      expect((await get("/api/v1/accounts/verify_credentials", u.token)).status).toBe(200);
    }
  });

  test("a row changed directly on the server's connection counts at the next request", async () => {
    const u = await s.createUser("direct");
    await warm(u.token);
    s.ctx.db.query("UPDATE oauth_access_tokens SET scopes = 'write' WHERE token = ?").run(u.token);
    expect((await get("/api/v1/accounts/verify_credentials", u.token)).status).toBe(403);
    s.ctx.db.query("UPDATE oauth_access_tokens SET scopes = 'read write follow push' WHERE token = ?").run(u.token);
    expect((await get("/api/v1/accounts/verify_credentials", u.token)).status).toBe(200);
  });

  test("a commit by another connection (the CLI) counts at the next request", async () => {
    const u = await s.createUser("elsewhere");
    await warm(u.token);
    const other = new Database(join(s.dataDir, "hearth.sqlite"));
    try {
      other.exec("PRAGMA busy_timeout = 5000");
      other.query("UPDATE oauth_access_tokens SET revoked_at = 1 WHERE token = ?").run(u.token);
      expect((await get("/api/v1/accounts/verify_credentials", u.token)).status).toBe(401);
      other.query("UPDATE oauth_access_tokens SET revoked_at = NULL WHERE token = ?").run(u.token);
      expect((await get("/api/v1/accounts/verify_credentials", u.token)).status).toBe(200);
      await warm(u.token);
      other.query("UPDATE users SET disabled = 1 WHERE id = ?").run(u.user.id);
      expect((await get("/api/v1/accounts/verify_credentials", u.token)).status).toBe(403);
    } finally {
      other.close();
    }
  });
});
