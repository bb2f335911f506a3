/** /api/v1/admin/ip_blocks as Mastodon, enforced: sign-ups behind the trusted proxy, and no_access on every request. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { appToken, signUp } from "../registrations/helpers";
import { call, staffUser } from "./helpers";

const BASE = "/api/v1/admin/ip_blocks";
let s: TestServer;
let admin: TestUser, mod: TestUser;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  admin = await staffUser(s, "root", "admin");
  mod = await staffUser(s, "mod", "moderator");
}, 30_000);
afterAll(() => s.stop());

/** A sign-up through the trusted local proxy on behalf of `ip` (X-Forwarded-For from 127.0.0.1). */
async function signUpFrom(ip: string, name: string): Promise<Response> {
  const token = await appToken(s);
  return s.api("POST", "/api/v1/accounts", { token, json: signUp(name), headers: { "X-Forwarded-For": ip } });
}
const approved = (name: string) =>
  (s.ctx.db.query("SELECT u.approved FROM users u JOIN accounts a ON a.id = u.account_id WHERE a.username = ?").get(name) as any)?.approved;

describe("IP blocks", () => {
  test("create (masto.js), list, show, update, delete; Admin::IpBlock shape", async () => {
    const b = await admin.client.v1.admin.ipBlocks.create({
      ip: "198.51.100.7",
      severity: "sign_up_block",
      comment: "spam",
      expiresIn: 3600,
    });
    expect(b).toMatchObject({ ip: "198.51.100.7/32", severity: "sign_up_block", comment: "spam" });
    expect(Object.keys(b).sort()).toEqual(["comment", "createdAt", "expiresAt", "id", "ip", "severity"]);
    expect(Date.parse(String(b.expiresAt)) - Date.parse(String(b.createdAt))).toBe(3_600_000);
    expect((await admin.client.v1.admin.ipBlocks.list()).map((x) => x.id)).toEqual([b.id]);
    const u = await call(s, "PUT", `${BASE}/${b.id}`, admin.token, { comment: "spam wave" });
    expect(u.body).toMatchObject({ id: b.id, ip: "198.51.100.7/32", severity: "sign_up_block", comment: "spam wave" });
    expect((await call(s, "DELETE", `${BASE}/${b.id}`, admin.token)).status).toBe(200);
    expect((await call(s, "GET", `${BASE}/${b.id}`, admin.token)).status).toBe(404);
  });

  test("sign_up_block refuses a sign-up from that range behind the trusted proxy; others pass", async () => {
    await admin.client.v1.admin.ipBlocks.create({ ip: "203.0.113.0/24", severity: "sign_up_block" });
    const refused = await signUpFrom("203.0.113.50", "blocked_one");
    expect(refused.status).toBe(403);
    expect(approved("blocked_one")).toBeUndefined();
    expect((await signUpFrom("192.0.2.10", "free_one")).status).toBe(200);
    expect(approved("free_one")).toBe(1);
  });

  test("sign_up_requires_approval leaves the new user pending", async () => {
    await admin.client.v1.admin.ipBlocks.create({ ip: "2001:db8::/32", severity: "sign_up_requires_approval" });
    expect((await signUpFrom("2001:db8::1", "pending_one")).status).toBe(200);
    expect(approved("pending_one")).toBe(0);
  });

  test("no_access refuses every request from that address, and only from it; expired blocks do not count", async () => {
    const b = await admin.client.v1.admin.ipBlocks.create({ ip: "192.0.2.66", severity: "no_access" });
    const from = (ip: string, path = "/api/v1/instance") => s.api("GET", path, { headers: { "X-Forwarded-For": ip } });
    expect((await from("192.0.2.66")).status).toBe(403);
    expect((await from("192.0.2.66", "/.well-known/nodeinfo")).status).toBe(403);
    expect((await from("192.0.2.67")).status).toBe(200);
    await call(s, "PUT", `${BASE}/${b.id}`, admin.token, { expires_in: 60 });
    s.clock.advance(61_000);
    expect((await from("192.0.2.66")).status).toBe(200);
  });

  test("422 and nothing written on bad input; 403 without the permission or the scope", async () => {
    const n = () => (s.ctx.db.query("SELECT count(*) AS n FROM ip_blocks").get() as any).n;
    const before = n();
    for (const body of [
      { ip: "", severity: "no_access" },
      { ip: "not-an-ip", severity: "no_access" },
      { ip: "10.0.0.0/33", severity: "no_access" },
      { ip: "10.0.0.1", severity: "bogus" },
      { ip: "10.0.0.1" },
      { ip: "10.0.0.1", severity: "no_access", expires_in: -5 },
      { ip: "10.0.0.1", severity: "no_access", expires_in: "soon" },
      { ip: "203.0.113.0/24", severity: "no_access" },
    ])
      expect([body, (await call(s, "POST", BASE, admin.token, body)).status]).toEqual([body, 422]);
    expect(n()).toBe(before);
    expect((await call(s, "POST", BASE, mod.token, { ip: "10.0.0.2", severity: "no_access" })).status).toBe(403);
    expect((await call(s, "GET", BASE, mod.token)).status).toBe(403);
    const noScope = await s.createUser("rootless", { role: "admin", scopes: ["read", "write", "admin:read:accounts"] });
    expect((await call(s, "GET", BASE, noScope.token)).status).toBe(403);
    expect((await call(s, "POST", BASE, noScope.token, { ip: "10.0.0.3", severity: "no_access" })).status).toBe(403);
    expect(n()).toBe(before);
  });
});
