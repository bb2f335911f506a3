/**
 * With ALLOW_PRIVATE_ADDRESSES=false, an actor on 127.0.0.1 cannot be fetched, so its
 * signature cannot be checked: 401 and nothing stored (no remote account either).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../rig";
import { FakeRemote } from "./fake-remote";

let s: TestServer;
let remote: FakeRemote;

beforeAll(async () => {
  s = await startTestServer({ env: { ALLOW_PRIVATE_ADDRESSES: "false" }, runJobs: false });
  remote = new FakeRemote();
});

afterAll(async () => {
  remote.stop();
  await s.stop();
});

test("an actor on a loopback address is refused → 401, nothing written", async () => {
  const alice = await s.createUser("alice");
  const bob = await remote.addActor("bob");
  const accounts = s.count("accounts", "domain IS NOT NULL");
  const res = await remote.send(`${s.url}/inbox`, { id: remote.id(), type: "Follow", actor: bob.uri, object: alice.account.uri }, bob);
  expect(res.status).toBe(401);
  expect(s.count("accounts", "domain IS NOT NULL")).toBe(accounts);
  expect(s.count("jobs", "kind = 'ap.inbox'")).toBe(0);
  expect(s.count("follows")).toBe(0);
  expect(remote.received.length).toBe(0);
});
