/** The instance actor is a server detail: it never shows up as an account in the client API or CLI lists. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { instanceActorId } from "../../src/activitypub/outbound/instance-actor";

let s: TestServer, alice: TestUser;
beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  expect(await instanceActorId(s.ctx)).toBe(-99);
}, 30000);
afterAll(() => s.stop());

test("account search and lookup never return it", async () => {
  const res = await s.api("GET", `/api/v1/accounts/search?q=127`, { token: alice.token });
  expect(res.status).toBe(200);
  expect((await res.json()).map((a: any) => a.id)).not.toContain("-99");
  const v2 = await (await s.api("GET", `/api/v2/search?q=127&type=accounts`, { token: alice.token })).json();
  expect(v2.accounts.map((a: any) => a.id)).not.toContain("-99");
  const lookup = await s.api("GET", `/api/v1/accounts/lookup?acct=${encodeURIComponent(s.domain)}`);
  expect(lookup.status).toBe(404);
});

test("POST /actor/inbox is an inbox (unsigned → 401, not 404)", async () => {
  const res = await s.api("POST", "/actor/inbox", {
    body: JSON.stringify({ type: "Follow", actor: "http://x/", object: "y" }),
    headers: { "content-type": "application/activity+json" },
  });
  expect(res.status).toBe(401);
});
