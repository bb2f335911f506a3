/** GET /api/v1/admin/accounts, /api/v2/admin/accounts and /api/v1/admin/accounts/:id. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { call, remoteAccount, staffUser } from "./helpers";

let s: TestServer;
let owner: TestUser, admin: TestUser, mod: TestUser, alice: TestUser, bob: TestUser;
let remoteId: number;

beforeAll(async () => {
  s = await startTestServer();
  owner = await staffUser(s, "owner", "owner");
  admin = await staffUser(s, "root2", "admin");
  mod = await staffUser(s, "mod", "moderator");
  alice = await staffUser(s, "alice", "user");
  bob = await s.createUser("bob");
  s.ctx.db.query("UPDATE accounts SET display_name = 'Bobby Tables' WHERE id = ?").run(bob.account.id);
  s.ctx.db.query("UPDATE users SET sign_up_ip = '10.1.2.3' WHERE id = ?").run(bob.user.id);
  remoteId = remoteAccount(s, "far", "remote.example");
}, 30_000);
afterAll(() => s.stop());

const ids = (list: { id: string }[]) => list.map((a) => a.id);

describe("listing accounts", () => {
  test("masto.js v1: Admin::Account entities, newest first; filters local/remote/staff/username", async () => {
    const all = await mod.client.v1.admin.accounts.list({ limit: 50 });
    expect(ids(all)).toEqual([String(remoteId), bob.id, alice.id, mod.id, admin.id, owner.id]);
    const b = all.find((a) => a.id === bob.id)!;
    expect(b).toMatchObject({
      username: "bob",
      domain: null,
      email: "bob@example.com",
      ip: "10.1.2.3",
      confirmed: true,
      approved: true,
      disabled: false,
      silenced: false,
      suspended: false,
      sensitized: false,
      locale: "en",
      inviteRequest: null,
      role: { id: "-99", name: "", permissions: "0" },
      account: { id: bob.id, acct: "bob", displayName: "Bobby Tables" },
    });
    expect(b.ips).toEqual([{ ip: "10.1.2.3", usedAt: expect.any(String) }]);
    expect(b.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const far = all.find((a) => a.id === String(remoteId))!;
    expect(far).toMatchObject({
      domain: "remote.example",
      email: null,
      role: null,
      confirmed: false,
      approved: false,
      account: { acct: "far@remote.example" },
    });
    expect(ids(await mod.client.v1.admin.accounts.list({ local: true }))).not.toContain(String(remoteId));
    expect(ids(await mod.client.v1.admin.accounts.list({ remote: true }))).toEqual([String(remoteId)]);
    expect(ids(await mod.client.v1.admin.accounts.list({ staff: true }))).toEqual([mod.id, admin.id, owner.id]);
    expect(ids(await mod.client.v1.admin.accounts.list({ username: "BO" }))).toEqual([bob.id]);
    expect(ids(await mod.client.v1.admin.accounts.list({ displayName: "tables" }))).toEqual([bob.id]);
    expect(ids(await mod.client.v1.admin.accounts.list({ email: "alice@" }))).toEqual([alice.id]);
    expect(ids(await mod.client.v1.admin.accounts.list({ ip: "10.1.2.3" }))).toEqual([bob.id]);
    expect(ids(await mod.client.v1.admin.accounts.list({ byDomain: "remote" }))).toEqual([String(remoteId)]);
  });

  test("v2: origin, status, permissions, role_ids, and Link paging", async () => {
    const v2 = async (q: string) => ids((await call(s, "GET", `/api/v2/admin/accounts?${q}`, admin.token)).body);
    expect(await v2("origin=remote")).toEqual([String(remoteId)]);
    expect(await v2("origin=local&permissions=staff")).toEqual([mod.id, admin.id, owner.id]);
    expect(await v2("role_ids[]=2&role_ids[]=3")).toEqual([admin.id, owner.id]);
    expect(await v2("status=active&origin=local&username=bob")).toEqual([bob.id]);
    s.ctx.db.query("UPDATE users SET approved = 0 WHERE id = ?").run(bob.user.id);
    expect(await v2("status=pending")).toEqual([bob.id]);
    expect(await v2("status=active&username=bob")).toEqual([]);
    s.ctx.db.query("UPDATE users SET approved = 1 WHERE id = ?").run(bob.user.id);
    const page1 = await call(s, "GET", "/api/v2/admin/accounts?origin=local&limit=2", admin.token);
    expect(ids(page1.body)).toEqual([bob.id, alice.id]);
    const next = /<([^>]+)>; rel="next"/.exec(page1.headers.get("link") ?? "")![1]!;
    const page2 = await call(s, "GET", next.replace(s.url, ""), admin.token);
    expect(ids(page2.body)).toEqual([mod.id, admin.id]);
    // masto.js pages through the v1 list with the same Link header
    const seen: string[] = [];
    for await (const page of mod.client.v1.admin.accounts.list({ local: true, limit: 4 })) seen.push(...ids(page));
    expect(seen).toEqual([bob.id, alice.id, mod.id, admin.id, owner.id]);
    expect((await call(s, "GET", "/api/v2/admin/accounts?origin=moon", admin.token)).status).toBe(400);
    expect((await call(s, "GET", "/api/v2/admin/accounts?status=asleep", admin.token)).status).toBe(400);
  });

  test("show one account", async () => {
    const a = await mod.client.v1.admin.accounts.$select(alice.id).fetch();
    expect(a).toMatchObject({ id: alice.id, username: "alice", email: "alice@example.com", account: { id: alice.id } });
    expect((await call(s, "GET", `/api/v1/admin/accounts/${remoteId}`, mod.token)).body.domain).toBe("remote.example");
  });
});

describe("who may list", () => {
  test("a normal user's admin-scoped token: 403 This action is not allowed", async () => {
    for (const path of ["/api/v1/admin/accounts", "/api/v2/admin/accounts", `/api/v1/admin/accounts/${bob.id}`]) {
      const r = await call(s, "GET", path, alice.token);
      expect(r.status).toBe(403);
      expect(r.body).toEqual({ error: "This action is not allowed" });
    }
  });

  test("scopes: no token 401, a token without admin:read 403, the granular scope is enough", async () => {
    expect((await call(s, "GET", "/api/v1/admin/accounts")).status).toBe(401);
    const plain = s.token(owner.user.id, ["read", "write"]);
    const r = await call(s, "GET", "/api/v1/admin/accounts", plain);
    expect(r.status).toBe(403);
    expect(r.body.error).toBe("This action is outside the authorized scopes");
    expect((await call(s, "GET", "/api/v1/admin/accounts", s.token(owner.user.id, ["admin:write"]))).status).toBe(403);
    expect((await call(s, "GET", "/api/v1/admin/accounts", s.token(owner.user.id, ["admin:read:accounts"]))).status).toBe(200);
    expect((await call(s, "GET", "/api/v1/admin/accounts", s.token(owner.user.id, ["admin:read:reports"]))).status).toBe(403);
  });

  test("unknown and malformed ids are 404; bad parameter types 422", async () => {
    for (const id of ["999999", "abc", "-99"]) expect((await call(s, "GET", `/api/v1/admin/accounts/${id}`, mod.token)).status).toBe(404);
    expect((await call(s, "GET", "/api/v2/admin/accounts?username[]=x", mod.token)).status).toBe(422);
  });
});
