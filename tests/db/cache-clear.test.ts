/**
 * The idle reclaim empties the status and account caches (clearStatusCache, clearAccountCache in
 * src/db/views/): they are empty afterwards, the next request fills them again with the very same
 * JSON, and clearing a connection that never had a cache does not set one up.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { accountCache, clearAccountCache } from "../../src/db/views/account-cache";
import { clearStatusCache, statusCache } from "../../src/db/views/status-cache";

let s: TestServer;
let alice: TestUser, bob: TestUser;

const home = async () => {
  const res = await s.api("GET", "/api/v1/timelines/home?limit=40", { token: bob.token });
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("clearalice");
  bob = await s.createUser("clearbob");
  expect((await s.api("POST", `/api/v1/accounts/${alice.account.id}/follow`, { token: bob.token })).status).toBe(200);
  for (const text of ["one", "two #tag", "three @clearbob"])
    expect((await s.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: text } })).status).toBe(200);
  await s.drain();
});
afterAll(() => s.stop());

describe("clearing the view caches", () => {
  test("empties them; the next request builds the same JSON and fills them again", async () => {
    const before = await home();
    expect(JSON.parse(before)).toHaveLength(3);
    expect(statusCache(s.ctx.db)!.size).toBeGreaterThanOrEqual(3);
    expect(accountCache(s.ctx.db)!.size).toBeGreaterThanOrEqual(1);

    clearStatusCache(s.ctx.db);
    clearAccountCache(s.ctx.db);
    expect(statusCache(s.ctx.db)!.size).toBe(0);
    expect(accountCache(s.ctx.db)!.size).toBe(0);

    expect(await home()).toBe(before);
    expect(statusCache(s.ctx.db)!.size).toBeGreaterThanOrEqual(3);
    expect(accountCache(s.ctx.db)!.size).toBeGreaterThanOrEqual(1);
  });

  test("a change made after a clear still shows (change tracking survives the clear)", async () => {
    await home();
    clearAccountCache(s.ctx.db);
    const res = await s.api("PATCH", "/api/v1/accounts/update_credentials", {
      token: alice.token,
      json: { display_name: "Alice Cleared" },
    });
    expect(res.status).toBe(200);
    const statuses = JSON.parse(await home()) as { account: { display_name: string } }[];
    expect(statuses.map((x) => x.account.display_name)).toEqual(["Alice Cleared", "Alice Cleared", "Alice Cleared"]);
  });

  test("a connection without a cache gets none set up", () => {
    const db = new Database(":memory:");
    clearStatusCache(db);
    clearAccountCache(db);
    const temp = db.query<{ name: string }, []>("SELECT name FROM temp.sqlite_master").all();
    expect(temp).toEqual([]);
    db.close();
  });
});
