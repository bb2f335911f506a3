/** /api/v1/admin/domain_blocks CRUD, shared with `hearth admin domains`. */
import { afterAll, beforeAll, describe, expect, spyOn, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { runAdmin } from "../../../../src/cli/admin";
import { call, remoteAccount, staffUser } from "./helpers";

let s: TestServer;
let admin: TestUser, mod: TestUser;
let farId: number;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  admin = await staffUser(s, "root2", "admin");
  mod = await staffUser(s, "mod", "moderator");
  farId = remoteAccount(s, "far", "bad.example");
}, 30_000);
afterAll(() => s.stop());

/** `hearth admin domains list` output, run in-process against the test server's database. */
async function cliList(): Promise<string> {
  const log = spyOn(console, "log").mockImplementation(() => {});
  try {
    await runAdmin(s.ctx, ["domains", "list"]);
    return log.mock.calls.map((c) => c.join(" ")).join("\n");
  } finally {
    log.mockRestore();
  }
}

describe("domain blocks", () => {
  let id = "";
  test("create (masto.js), list, show; the CLI lists it and the domain's accounts are suspended", async () => {
    const b = await admin.client.v1.admin.domainBlocks.create({
      domain: "Bad.Example",
      severity: "suspend",
      rejectMedia: true,
      privateComment: "spam wave",
      publicComment: "Spam",
      obfuscate: true,
    });
    id = b.id;
    expect(b).toMatchObject({
      domain: "bad.example",
      severity: "suspend",
      rejectMedia: true,
      rejectReports: false,
      privateComment: "spam wave",
      publicComment: "Spam",
      obfuscate: true,
    });
    expect(b.digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await admin.client.v1.admin.domainBlocks.list()).map((x) => x.id)).toEqual([id]);
    expect((await admin.client.v1.admin.domainBlocks.$select(id).fetch()).domain).toBe("bad.example");
    expect(await cliList()).toMatch(/^bad\.example\s+suspend\s+reject-media/);
    expect((await admin.client.v1.admin.accounts.$select(String(farId)).fetch()).suspended).toBe(true);
  });

  test("update: severity and comments change, unspecified fields stay", async () => {
    const u = await admin.client.v1.admin.domainBlocks.$select(id).update({ severity: "silence", rejectReports: true });
    expect(u).toMatchObject({ id, severity: "silence", rejectMedia: true, rejectReports: true, privateComment: "spam wave" });
    const acct = await admin.client.v1.admin.accounts.$select(String(farId)).fetch();
    expect(acct).toMatchObject({ suspended: false, silenced: true });
    expect(await cliList()).toMatch(/^bad\.example\s+silence/);
  });

  test("a duplicate or weaker block is 422 with the existing one; a stricter subdomain block is fine", async () => {
    const dup = await call(s, "POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "bad.example", severity: "suspend" });
    expect(dup.status).toBe(422);
    expect(dup.body.existing_domain_block).toMatchObject({ id, domain: "bad.example" });
    expect(
      (await call(s, "POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "sub.bad.example", severity: "noop" })).status,
    ).toBe(422);
    const sub = await call(s, "POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "sub.bad.example", severity: "suspend" });
    expect(sub.status).toBe(200);
    expect((await call(s, "DELETE", `/api/v1/admin/domain_blocks/${sub.body.id}`, admin.token)).body).toEqual({});
  });

  test("delete lifts the block (CLI agrees) and its silence", async () => {
    await admin.client.v1.admin.domainBlocks.$select(id).remove();
    expect(await admin.client.v1.admin.domainBlocks.list()).toEqual([]);
    expect(await cliList()).toBe("No blocked domains");
    expect((await admin.client.v1.admin.accounts.$select(String(farId)).fetch()).silenced).toBe(false);
    expect((await call(s, "GET", `/api/v1/admin/domain_blocks/${id}`, admin.token)).status).toBe(404);
  });

  test("bad input writes nothing", async () => {
    const count = () => s.count("domain_blocks");
    const n = count();
    expect((await call(s, "POST", "/api/v1/admin/domain_blocks", admin.token, {})).body).toEqual({
      error: "Validation failed: Domain can't be blank",
    });
    expect((await call(s, "POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "a b/c" })).status).toBe(422);
    expect((await call(s, "POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "x.example", severity: "nuke" })).status).toBe(422);
    expect((await call(s, "POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "x.example", reject_media: "maybe" })).status).toBe(
      422,
    );
    // moderators lack manage_federation; plain users everything; scopes first
    expect((await call(s, "POST", "/api/v1/admin/domain_blocks", mod.token, { domain: "x.example" })).body).toEqual({
      error: "This action is not allowed",
    });
    expect((await call(s, "GET", "/api/v1/admin/domain_blocks", mod.token)).status).toBe(403);
    expect(
      (await call(s, "POST", "/api/v1/admin/domain_blocks", s.token(admin.user.id, ["admin:read"]), { domain: "x.example" })).status,
    ).toBe(403);
    expect(
      (
        await call(s, "POST", "/api/v1/admin/domain_blocks", s.token(admin.user.id, ["admin:write:domain_blocks"]), {
          domain: "ok.example",
        })
      ).status,
    ).toBe(200);
    expect((await call(s, "POST", "/api/v1/admin/domain_blocks", undefined, { domain: "x.example" })).status).toBe(401);
    for (const m of ["GET", "PUT", "DELETE"])
      expect((await call(s, m, "/api/v1/admin/domain_blocks/999999", admin.token, {})).status).toBe(404);
    expect(count()).toBe(n + 1);
  });
});
