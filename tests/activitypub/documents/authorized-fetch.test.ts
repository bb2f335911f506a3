/** AUTHORIZED_FETCH: only signed GETs read documents; private posts only to followers; blocked domains refused. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { fetchActivityJson, FetchError } from "../../../src/activitypub/outbound/fetch";
import { resolveAccountByHandle } from "../../../src/services/federation/resolve-account";
import { blockDomain } from "../../../src/services/admin/block-domain";

let a: TestServer, b: TestServer;
let alice: TestUser, bob: TestUser, eve: TestUser;
const posts: Record<string, string> = {};

beforeAll(async () => {
  a = await startTestServer({ env: { AUTHORIZED_FETCH: "true" } });
  b = await startTestServer();
  [alice, bob, eve] = await Promise.all([a.createUser("alice"), b.createUser("bob"), b.createUser("eve")]);
  posts.public = (await alice.client.v1.statuses.create({ status: "public" })).id;
  posts.private = (await alice.client.v1.statuses.create({ status: "secret", visibility: "private" })).id;
}, 20_000);
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
});

const status = async (p: Promise<unknown>) => {
  try {
    await p;
    return 200;
  } catch (e) {
    return e instanceof FetchError ? e.status : -1;
  }
};

describe("authorized fetch", () => {
  test("unsigned requests are refused, WebFinger stays open", async () => {
    expect((await a.api("GET", "/users/alice", { headers: { Accept: "application/activity+json" } })).status).toBe(401);
    expect((await a.api("GET", `/users/alice/statuses/${posts.public}`, { headers: { Accept: "application/activity+json" } })).status).toBe(
      401,
    );
    expect((await a.api("GET", "/users/alice/outbox")).status).toBe(401);
    expect((await a.api("GET", `/.well-known/webfinger?resource=acct:alice@${a.domain}`)).status).toBe(200);
  });
  test("signed fetches from another server work (resolving by handle)", async () => {
    const acc = await resolveAccountByHandle(b.ctx, `alice@${a.domain}`);
    expect(acc?.uri).toBe(`${a.url}/users/alice`);
    const note = await fetchActivityJson(b.ctx, `${a.url}/users/alice/statuses/${posts.public}`, bob.account.id);
    expect(note.type).toBe("Note");
  });
  test("private posts only for signed fetches by followers", async () => {
    const url = `${a.url}/users/alice/statuses/${posts.private}`;
    expect(await status(fetchActivityJson(b.ctx, url, bob.account.id))).toBe(404);
    const bobOnA = a.ctx.db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE uri = ?").get(`${b.url}/users/bob`)!;
    a.ctx.db
      .query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)")
      .run(a.ctx.ids.next(), bobOnA.id, alice.account.id, a.ctx.now());
    const note = await fetchActivityJson(b.ctx, url, bob.account.id);
    expect(note.content).toContain("secret");
    expect(await status(fetchActivityJson(b.ctx, url, eve.account.id))).toBe(404);
    expect(await status(fetchActivityJson(b.ctx, url))).toBe(404);
  });
  test("signed fetches from a suspended domain are refused", async () => {
    blockDomain(a.ctx, { domain: "127.0.0.1", severity: "suspend", rejectMedia: false });
    expect(await status(fetchActivityJson(b.ctx, `${a.url}/users/alice`, bob.account.id))).toBe(403);
  });
});
