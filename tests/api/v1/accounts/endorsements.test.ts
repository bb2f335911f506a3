/**
 * Featured profiles: POST /api/v1/accounts/:id/endorse|unendorse (and pin|unpin),
 * GET /api/v1/endorsements, GET /api/v1/accounts/:id/endorsements, Relationship.endorsed,
 * and unfollow/block removing the endorsement.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  carol = await s.createUser("carol");
  dave = await s.createUser("dave");
}, 30_000);
afterAll(() => s.stop());

const endorsed = (owner: TestUser) => s.count("endorsements", "account_id = ?", owner.id);

describe("endorse and unendorse", () => {
  test("feature a followed account, idempotently, and see it in the relationship", async () => {
    await alice.client.v1.accounts.$select(bob.id).follow();
    const rel = await alice.client.v1.accounts.$select(bob.id).endorse();
    expect(rel).toMatchObject({ id: bob.id, following: true, endorsed: true });
    const again = await alice.client.v1.accounts.$select(bob.id).endorse();
    expect(again.endorsed).toBe(true);
    expect(endorsed(alice)).toBe(1);

    const [fetched] = await alice.client.v1.accounts.relationships.fetch({ id: [bob.id] });
    expect(fetched!.endorsed).toBe(true);
    // only from alice's side
    const [reverse] = await bob.client.v1.accounts.relationships.fetch({ id: [alice.id] });
    expect(reverse!.endorsed).toBe(false);

    const off = await alice.client.v1.accounts.$select(bob.id).unendorse();
    expect(off).toMatchObject({ following: true, endorsed: false });
    const offAgain = await alice.client.v1.accounts.$select(bob.id).unendorse();
    expect(offAgain.endorsed).toBe(false);
    expect(endorsed(alice)).toBe(0);
  });

  test("the deprecated pin and unpin do the same", async () => {
    const rel = await alice.client.v1.accounts.$select(bob.id).pin();
    expect(rel.endorsed).toBe(true);
    expect(endorsed(alice)).toBe(1);
    const off = await alice.client.v1.accounts.$select(bob.id).unpin();
    expect(off.endorsed).toBe(false);
    expect(endorsed(alice)).toBe(0);
  });
});

describe("lists", () => {
  test("own list and the public per-account list, Link-paginated by account", async () => {
    await alice.client.v1.accounts.$select(carol.id).follow();
    await alice.client.v1.accounts.$select(dave.id).follow();
    for (const u of [bob, carol, dave]) await alice.client.v1.accounts.$select(u.id).endorse();

    const mine = await alice.client.v1.endorsements.list();
    // newest account first, as Mastodon orders them
    expect(mine.map((a) => a.id)).toEqual([dave.id, carol.id, bob.id]);
    expect(mine[0]).toMatchObject({ username: "dave", acct: "dave" });

    const first = await s.api("GET", "/api/v1/endorsements?limit=2", { token: alice.token });
    expect((await first.json()).map((a: { id: string }) => a.id)).toEqual([dave.id, carol.id]);
    const link = first.headers.get("link")!;
    expect(link).toContain(`max_id=${carol.id}`);
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const second = await s.api("GET", new URL(next).pathname + new URL(next).search, { token: alice.token });
    expect((await second.json()).map((a: { id: string }) => a.id)).toEqual([bob.id]);

    // anyone (even logged out, through masto.js or raw HTTP) can see alice's featured profiles
    const seenByBob = await bob.client.v1.accounts.$select(alice.id).endorsements.list();
    expect(seenByBob.map((a) => a.id)).toEqual([dave.id, carol.id, bob.id]);
    const anon = await s.api("GET", `/api/v1/accounts/${alice.id}/endorsements`);
    expect(anon.status).toBe(200);
    expect((await anon.json()).length).toBe(3);
    // others' lists are their own
    expect(await bob.client.v1.endorsements.list()).toEqual([]);
    expect(await alice.client.v1.accounts.$select(bob.id).endorsements.list()).toEqual([]);
  });

  test("shown even when the owner hides their follows (as Mastodon); suspended accounts left out", async () => {
    await alice.client.v1.accounts.updateCredentials({ hideCollections: true } as never);
    expect(s.count("accounts", "id = ? AND hide_collections = 1", alice.id)).toBe(1);
    expect(await bob.client.v1.accounts.$select(alice.id).following.list()).toEqual([]);
    expect((await bob.client.v1.accounts.$select(alice.id).endorsements.list()).length).toBe(3);
    await alice.client.v1.accounts.updateCredentials({ hideCollections: false } as never);

    s.ctx.db.query("UPDATE accounts SET suspended_at = ? WHERE id = ?").run(s.ctx.now(), dave.id);
    try {
      expect((await alice.client.v1.endorsements.list()).map((a) => a.id)).toEqual([carol.id, bob.id]);
      // a suspended account's own list is empty (as Mastodon's), not missing
      s.ctx.db
        .query("INSERT INTO endorsements (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)")
        .run(s.ctx.ids.next(), dave.id, bob.id, 0);
      const res = await s.api("GET", `/api/v1/accounts/${dave.id}/endorsements`);
      expect({ status: res.status, body: await res.json() }).toEqual({ status: 200, body: [] });
      s.ctx.db.query("DELETE FROM endorsements WHERE account_id = ?").run(dave.id);
    } finally {
      s.ctx.db.query("UPDATE accounts SET suspended_at = NULL WHERE id = ?").run(dave.id);
    }
  });
});

describe("unfollow and block remove the endorsement", () => {
  test("unfollow", async () => {
    expect(s.count("endorsements", "account_id = ? AND target_account_id = ?", alice.id, dave.id)).toBe(1);
    const rel = await alice.client.v1.accounts.$select(dave.id).unfollow();
    expect(rel).toMatchObject({ following: false, endorsed: false });
    expect(s.count("endorsements", "account_id = ? AND target_account_id = ?", alice.id, dave.id)).toBe(0);
    expect((await alice.client.v1.endorsements.list()).map((a) => a.id)).not.toContain(dave.id);
  });

  test("blocking, by either side", async () => {
    const rel = await alice.client.v1.accounts.$select(carol.id).block();
    expect(rel.endorsed).toBe(false);
    expect(s.count("endorsements", "account_id = ? AND target_account_id = ?", alice.id, carol.id)).toBe(0);
    await alice.client.v1.accounts.$select(carol.id).unblock();

    // bob blocks alice: alice's follow of bob goes, and her endorsement with it
    expect(s.count("endorsements", "account_id = ? AND target_account_id = ?", alice.id, bob.id)).toBe(1);
    await bob.client.v1.accounts.$select(alice.id).block();
    expect(s.count("endorsements", "account_id = ? AND target_account_id = ?", alice.id, bob.id)).toBe(0);
    await bob.client.v1.accounts.$select(alice.id).unblock();
  });

  test("remove_from_followers", async () => {
    await carol.client.v1.accounts.$select(dave.id).follow();
    await carol.client.v1.accounts.$select(dave.id).endorse();
    await dave.client.v1.accounts.$select(carol.id).removeFromFollowers();
    expect(endorsed(carol)).toBe(0);
  });
});

describe("bad input", () => {
  test("not followed, a pending request, or yourself → 422; nothing written", async () => {
    const before = s.count("endorsements");
    const res = await s.api("POST", `/api/v1/accounts/${dave.id}/endorse`, { token: bob.token });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: "Validation failed: You must be already following the person you want to endorse" });
    const self = await s.api("POST", `/api/v1/accounts/${bob.id}/endorse`, { token: bob.token });
    expect(self.status).toBe(422);
    expect((await s.api("POST", `/api/v1/accounts/${bob.id}/pin`, { token: bob.token })).status).toBe(422);

    const locked = await s.createUser("erin", { locked: true });
    await bob.client.v1.accounts.$select(locked.id).follow();
    expect(s.count("follow_requests", "account_id = ?", bob.id)).toBe(1);
    expect((await s.api("POST", `/api/v1/accounts/${locked.id}/endorse`, { token: bob.token })).status).toBe(422);
    expect(s.count("endorsements")).toBe(before);
  });

  test("unknown or malformed ids → 404", async () => {
    for (const id of ["999999999", "abc", "-1"]) {
      for (const action of ["endorse", "unendorse", "pin", "unpin"]) {
        const res = await s.api("POST", `/api/v1/accounts/${id}/${action}`, { token: alice.token });
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: "Record not found" });
      }
      expect((await s.api("GET", `/api/v1/accounts/${id}/endorsements`)).status).toBe(404);
    }
  });

  test("scopes: read-only tokens cannot endorse (403); write:accounts can; read:accounts lists", async () => {
    const before = s.count("endorsements");
    const readOnly = s.token(Number(alice.user.id), ["read"]);
    const wrongWrite = s.token(Number(alice.user.id), ["write:follows"]);
    await alice.client.v1.accounts.$select(dave.id).follow();
    for (const token of [readOnly, wrongWrite]) {
      for (const action of ["endorse", "unendorse", "pin", "unpin"]) {
        const res = await s.api("POST", `/api/v1/accounts/${dave.id}/${action}`, { token });
        expect(res.status).toBe(403);
      }
    }
    expect(s.count("endorsements")).toBe(before);
    const writeAccounts = s.token(Number(alice.user.id), ["write:accounts"]);
    expect((await s.api("POST", `/api/v1/accounts/${dave.id}/endorse`, { token: writeAccounts })).status).toBe(200);
    expect(s.count("endorsements")).toBe(before + 1);

    expect((await s.api("GET", "/api/v1/endorsements", { token: wrongWrite })).status).toBe(403);
    expect((await s.api("GET", "/api/v1/endorsements", { token: s.token(Number(alice.user.id), ["read:accounts"]) })).status).toBe(200);
    // a token on the public list must still carry a read scope
    expect((await s.api("GET", `/api/v1/accounts/${alice.id}/endorsements`, { token: wrongWrite })).status).toBe(403);
  });

  test("no or bad token → 401", async () => {
    const before = s.count("endorsements");
    for (const action of ["endorse", "unendorse", "pin", "unpin"]) {
      expect((await s.api("POST", `/api/v1/accounts/${bob.id}/${action}`)).status).toBe(401);
      expect((await s.api("POST", `/api/v1/accounts/${bob.id}/${action}`, { token: "nope" })).status).toBe(401);
    }
    expect((await s.api("GET", "/api/v1/endorsements")).status).toBe(401);
    expect(s.count("endorsements")).toBe(before);
  });
});
