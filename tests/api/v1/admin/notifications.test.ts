/** admin.sign_up notifications to the staff who manage users. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { staffUser } from "./helpers";

let s: TestServer;
let owner: TestUser, mod: TestUser, alice: TestUser;

beforeAll(async () => {
  s = await startTestServer({ env: { REGISTRATIONS: "approval" } });
  owner = await staffUser(s, "owner", "owner");
  mod = await staffUser(s, "mod", "moderator");
  alice = await s.createUser("alice");
}, 30_000);
afterAll(() => s.stop());

test("a sign-up (pending approval) notifies owner and moderators, not users; the new account is listed as pending", async () => {
  const app = await s.client().v1.apps.create({ clientName: "signup", redirectUris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" });
  const form = { client_id: app.clientId!, client_secret: app.clientSecret!, grant_type: "client_credentials", scope: "read write" };
  const appToken = (await (await s.api("POST", "/oauth/token", { form })).json()).access_token as string;
  const res = await s.api("POST", "/api/v1/accounts", {
    token: appToken,
    json: { username: "newbie", email: "newbie@example.com", password: "long-password", agreement: true, reason: "hi" },
  });
  expect(res.status).toBe(200);
  await s.drain();
  const newbieId = String(s.ctx.db.query<{ id: number }, []>("SELECT id FROM accounts WHERE username = 'newbie'").get()!.id);
  for (const who of [owner, mod]) {
    const list = await who.client.v1.notifications.list({ types: ["admin.sign_up"] });
    expect(list.map((n) => [n.type, n.account.id])).toEqual([["admin.sign_up", newbieId]]);
  }
  expect(await alice.client.v1.notifications.list()).toEqual([]);
  const pending = await mod.client.v1.admin.accounts.list({ pending: true });
  expect(pending.map((a) => [a.id, a.approved, a.inviteRequest])).toEqual([[newbieId, false, "hi"]]);
});
