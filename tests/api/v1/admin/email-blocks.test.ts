/** /api/v1/admin/email_domain_blocks and /api/v1/admin/canonical_email_blocks as Mastodon, enforced at sign-up. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { appToken, signUp } from "../registrations/helpers";
import { call, staffUser } from "./helpers";

let s: TestServer;
let admin: TestUser, mod: TestUser;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  admin = await staffUser(s, "root", "admin");
  mod = await staffUser(s, "mod", "moderator");
}, 30_000);
afterAll(() => s.stop());

async function register(name: string, email: string): Promise<{ status: number; body: any }> {
  const token = await appToken(s);
  const res = await s.api("POST", "/api/v1/accounts", { token, json: signUp(name, { email }) });
  return { status: res.status, body: await res.json() };
}

describe("e-mail blocks", () => {
  test("an e-mail domain block refuses sign-ups on the domain and its subdomains, and counts the attempts", async () => {
    const b = await call(s, "POST", "/api/v1/admin/email_domain_blocks", admin.token, { domain: "Spam.Example" });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ domain: "spam.example" });
    expect(b.body.history).toHaveLength(7);
    const refused = await register("spammer", "x@mail.spam.example");
    expect(refused.status).toBe(422);
    expect(refused.body.details.email).toEqual([{ error: "ERR_BLOCKED", description: "uses a disallowed e-mail provider" }]);
    expect((await register("fine", "x@spam.example.org")).status).toBe(200);
    const shown = await call(s, "GET", `/api/v1/admin/email_domain_blocks/${b.body.id}`, admin.token);
    expect(shown.body.history[0]).toMatchObject({ uses: "1" });
    const list = await admin.client.v1.admin.emailDomainBlocks.list();
    expect(list.map((x) => x.domain)).toEqual(["spam.example"]);
    expect((await call(s, "DELETE", `/api/v1/admin/email_domain_blocks/${b.body.id}`, admin.token)).status).toBe(200);
    expect((await register("spammer", "x@mail.spam.example")).status).toBe(200);
  });

  test("a canonical e-mail block refuses the address however it is dotted or tagged; /test finds it", async () => {
    const hash = createHash("sha256").update("johnsmith@example.net").digest("hex");
    const b = await call(s, "POST", "/api/v1/admin/canonical_email_blocks", admin.token, { email: "John.Smith+news@Example.net" });
    expect(b.body).toEqual({ id: expect.any(String), canonical_email_hash: hash });
    const t = await call(s, "POST", "/api/v1/admin/canonical_email_blocks/test", admin.token, { email: "j.o.h.n.smith+x@example.net" });
    expect(t.body.map((x: any) => x.id)).toEqual([b.body.id]);
    expect((await call(s, "POST", "/api/v1/admin/canonical_email_blocks/test", admin.token, { email: "jane@example.net" })).body).toEqual(
      [],
    );
    expect((await register("john", "johnsmith+again@example.net")).status).toBe(422);
    expect((await register("jane", "jane@example.net")).status).toBe(200);
    expect((await call(s, "GET", "/api/v1/admin/canonical_email_blocks", admin.token)).body).toEqual([b.body]);
  });

  test("422 and nothing written on bad input; 403 without Manage Blocks or the scopes", async () => {
    const n = () =>
      (
        s.ctx.db
          .query("SELECT (SELECT count(*) FROM email_domain_blocks) + (SELECT count(*) FROM canonical_email_blocks) AS n")
          .get() as any
      ).n;
    const before = n();
    expect((await call(s, "POST", "/api/v1/admin/email_domain_blocks", admin.token, { domain: "" })).status).toBe(422);
    expect((await call(s, "POST", "/api/v1/admin/email_domain_blocks", admin.token, { domain: "not a domain" })).status).toBe(422);
    expect((await call(s, "POST", "/api/v1/admin/canonical_email_blocks", admin.token, {})).status).toBe(422);
    expect((await call(s, "POST", "/api/v1/admin/canonical_email_blocks", admin.token, { canonical_email_hash: "abc" })).status).toBe(422);
    expect((await call(s, "POST", "/api/v1/admin/canonical_email_blocks", admin.token, { email: "johnsmith@example.net" })).status).toBe(
      422,
    );
    expect((await call(s, "POST", "/api/v1/admin/email_domain_blocks", mod.token, { domain: "x.example" })).status).toBe(403);
    const noScope = await s.createUser("rootless", { role: "admin", scopes: ["read", "write", "admin:read:accounts"] });
    expect((await call(s, "POST", "/api/v1/admin/email_domain_blocks", noScope.token, { domain: "x.example" })).status).toBe(403);
    expect((await call(s, "GET", "/api/v1/admin/canonical_email_blocks", noScope.token)).status).toBe(403);
    expect(n()).toBe(before);
  });
});
