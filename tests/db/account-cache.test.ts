/**
 * The account row/view cache (src/db/views/account-cache.ts) never serves stale data: writes
 * through this connection, writes through another connection, rolled-back writes and deletes.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { join } from "node:path";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { accountView, loadAccountRows, loadAccountViews } from "../../src/db/views/accounts";

let s: TestServer;
let alice: TestUser;
const name = async () =>
  ((await (await s.api("GET", `/api/v1/accounts/${alice.account.id}`)).json()) as { display_name: string }).display_name;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("cachealice");
});
afterAll(() => s.stop());

describe("account cache", () => {
  test("an update through the API shows at once", async () => {
    expect(await name()).toBe("");
    const res = await s.api("PATCH", "/api/v1/accounts/update_credentials", { token: alice.token, json: { display_name: "Alice One" } });
    expect(res.status).toBe(200);
    expect(await name()).toBe("Alice One");
  });

  test("a direct UPDATE on the same connection shows at once, a rolled back one never", async () => {
    accountView(s.ctx, alice.account.id); // cached
    s.ctx.db.query("UPDATE accounts SET display_name = 'Alice Two', followers_count = 7 WHERE id = ?").run(alice.account.id);
    expect(accountView(s.ctx, alice.account.id)).toMatchObject({ display_name: "Alice Two", followers_count: 7 });
    expect(() =>
      s.ctx.db
        .transaction(() => {
          s.ctx.db.query("UPDATE accounts SET display_name = 'Rolled back' WHERE id = ?").run(alice.account.id);
          // Inside the transaction the view reads the uncommitted row, bypassing the cache.
          expect(accountView(s.ctx, alice.account.id)!.display_name).toBe("Rolled back");
          throw new Error("roll back");
        })
        .immediate(),
    ).toThrow("roll back");
    expect(accountView(s.ctx, alice.account.id)!.display_name).toBe("Alice Two");
    expect(await name()).toBe("Alice Two");
  });

  test("a write committed by another connection (e.g. the CLI) shows at once", async () => {
    expect(await name()).toBe("Alice Two");
    const other = new Database(join(s.dataDir, "hearth.sqlite"));
    other.query("UPDATE accounts SET display_name = 'From elsewhere' WHERE id = ?").run(alice.account.id);
    other.close();
    expect(await name()).toBe("From elsewhere");
  });

  test("cached rows and views are frozen; a deleted account is gone", () => {
    const row = loadAccountRows(s.ctx, [alice.account.id]).get(alice.account.id)!;
    expect(Object.isFrozen(row)).toBe(true);
    const view = accountView(s.ctx, alice.account.id)!;
    expect(accountView(s.ctx, alice.account.id)).toBe(view); // served from the cache
    expect(Object.isFrozen(view)).toBe(true);
    s.ctx.db.exec("PRAGMA foreign_keys = OFF");
    s.ctx.db.query("DELETE FROM accounts WHERE id = ?").run(alice.account.id);
    s.ctx.db.exec("PRAGMA foreign_keys = ON");
    expect(accountView(s.ctx, alice.account.id)).toBeUndefined();
  });

  // viewsFrom serves cached views as they are and builds (with emoji) only the rest (issue 17).
  test("a page mixing cached and new views equals the uncached views byte for byte", async () => {
    const bob = await s.createUser("cachebob");
    const carol = await s.createUser("cachecarol");
    const db = s.ctx.db;
    db.query("INSERT INTO custom_emojis (shortcode, domain, image_remote_url, created_at) VALUES ('hearthcat', NULL, NULL, 0)").run();
    db.query("UPDATE accounts SET display_name = 'Bob :hearthcat:' WHERE id = ?").run(bob.account.id);
    db.query("UPDATE accounts SET moved_to_account_id = ? WHERE id = ?").run(bob.account.id, carol.account.id);
    const ids = [carol.account.id, alice.account.id, bob.account.id];
    // By id in `ids` order (the map's own order follows what was cached, with or without this change).
    const page = () => {
      const m = loadAccountViews(s.ctx, ids);
      return JSON.stringify(ids.map((id) => m.get(id)));
    };
    const uncached = () => {
      let out = "";
      db.transaction(() => {
        out = page(); // no cache inside a transaction
      })();
      return out;
    };
    const expected = uncached();
    expect(expected).toContain('"shortcode":"hearthcat"');
    expect(expected).toContain('"moved":{');
    accountView(s.ctx, alice.account.id); // one view cached, the others built
    expect(page()).toBe(expected);
    expect(page()).toBe(expected); // all cached now
    db.query("UPDATE accounts SET display_name = 'Bob renamed :hearthcat:' WHERE id = ?").run(bob.account.id);
    const renamed = uncached();
    expect(renamed).toContain("Bob renamed");
    expect(page()).toBe(renamed);
  });
});
