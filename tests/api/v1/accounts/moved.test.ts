/** A moved account shows `moved` in its own CredentialAccount too, as Mastodon does. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../../rig";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
}, 30000);
afterAll(() => s.stop());

test("verify_credentials carries moved", async () => {
  const old = await s.createUser("oldname");
  const next = await s.createUser("newname");
  let me = await old.client.v1.accounts.verifyCredentials();
  expect(me.moved ?? null).toBeNull();
  s.ctx.db.query("UPDATE accounts SET moved_to_account_id = ? WHERE id = ?").run(next.account.id, old.account.id);
  me = await old.client.v1.accounts.verifyCredentials();
  expect(me.moved?.id).toBe(next.id);
  expect(me.source).toBeDefined();
});
