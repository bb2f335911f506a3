/**
 * LIMITED_FEDERATION_MODE with /api/v1/admin/domain_allows, between two Hearth instances: A federates
 * only with allowed domains; B's follow is refused while B is not allowed, and A's deliveries to B
 * stop when B's allow is removed. Unsigned fetches of A's documents are 401 (implied authorized fetch).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { call, staffUser } from "../api/v1/admin/helpers";
import { accountIdByUri, followsRow, handleOf, resolveAccount, settle, statusIdByUri, uriOf } from "./helpers";

let A: TestServer, B: TestServer;
let owner: TestUser, alice: TestUser, bob: TestUser, carol: TestUser;
const T = 20_000;

beforeAll(async () => {
  [A, B] = await Promise.all([startTestServer({ env: { LIMITED_FEDERATION_MODE: "true" } }), startTestServer()]);
  owner = await staffUser(A, "owner", "admin");
  alice = await A.createUser("alice");
  bob = await B.createUser("bob");
  carol = await B.createUser("carol");
}, 30_000);
afterAll(async () => {
  await A?.stop();
  await B?.stop();
});

describe("limited federation", () => {
  test(
    "unsigned fetches are 401, and a domain not on the allow-list cannot fetch the actor (403) to follow",
    async () => {
      const unsigned = await fetch(A.ctx.uris.actor("alice"), { headers: { Accept: "application/activity+json" } });
      expect(unsigned.status).toBe(401);
      // B can still discover alice through WebFinger, but its signed fetch of her actor is refused (403).
      await expect(resolveAccount(B, carol, handleOf(A, alice))).rejects.toThrow();
      expect(accountIdByUri(B, A.ctx.uris.actor("alice"))).toBeNull();
    },
    T,
  );

  test(
    "once B is allowed, bob follows alice and gets her posts; after the allow is removed, nothing more is delivered and follows are refused",
    async () => {
      const allow = await call(A, "POST", "/api/v1/admin/domain_allows", owner.token, { domain: B.domain });
      expect(allow.status).toBe(200);
      expect(allow.body).toMatchObject({ domain: B.domain });
      const aliceOnB = await resolveAccount(B, bob, handleOf(A, alice));
      await bob.client.v1.accounts.$select(aliceOnB.id).follow();
      await settle([A, B]);
      expect(followsRow(A, accountIdByUri(A, B.ctx.uris.actor("bob")), String(alice.account.id))).toBe(true);
      const first = await alice.client.v1.statuses.create({ status: "for my allowed friends" });
      await settle([A, B]);
      expect(statusIdByUri(B, uriOf(A, first.id))).not.toBeNull();

      expect((await call(A, "DELETE", `/api/v1/admin/domain_allows/${allow.body.id}`, owner.token)).status).toBe(200);
      const second = await alice.client.v1.statuses.create({ status: "not for B any more" });
      await settle([A, B]);
      expect(statusIdByUri(B, uriOf(A, second.id))).toBeNull();
      // carol's follow (her Follow activity reaches A's inbox) is refused: no follow row on A.
      await carol.client.v1.accounts.$select(aliceOnB.id).follow();
      await settle([A, B]);
      expect(accountIdByUri(A, B.ctx.uris.actor("carol"))).toBeNull();
      const [rel] = await carol.client.v1.accounts.relationships.fetch({ id: [aliceOnB.id] });
      expect(rel!.following).toBe(false);
    },
    T,
  );

  test("domain_allows: 422 on bad input, 403 without Manage Federation or the scope", async () => {
    const n = () => (A.ctx.db.query("SELECT count(*) AS n FROM domain_allows").get() as any).n;
    const before = n();
    expect((await call(A, "POST", "/api/v1/admin/domain_allows", owner.token, { domain: "" })).status).toBe(422);
    expect((await call(A, "POST", "/api/v1/admin/domain_allows", owner.token, { domain: "not a domain/x" })).status).toBe(422);
    expect((await call(A, "POST", "/api/v1/admin/domain_allows", alice.token, { domain: "ok.example" })).status).toBe(403);
    const noScope = await A.createUser("rootless", { role: "admin", scopes: ["read", "write", "admin:read:accounts"] });
    expect((await call(A, "POST", "/api/v1/admin/domain_allows", noScope.token, { domain: "ok.example" })).status).toBe(403);
    expect((await call(A, "GET", "/api/v1/admin/domain_allows", noScope.token)).status).toBe(403);
    expect(n()).toBe(before);
  });
});
