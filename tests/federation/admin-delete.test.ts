/**
 * Two Hearth instances: `hearth admin accounts delete` on A reaches B as a signed Delete(Person),
 * and B forgets the account with its posts and follows.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { accountIdByUri, failedJobs, followsRow, handleOf, resolveAccount, runCli, settle, statusIdByUri, uriOf } from "./helpers";

let A: TestServer, B: TestServer;
let alice: TestUser, bob: TestUser;
const both = () => settle([A, B]);

beforeAll(async () => {
  [A, B] = await Promise.all([startTestServer(), startTestServer()]);
  alice = await A.createUser("alice");
  bob = await B.createUser("bob");
}, 30_000);
afterAll(async () => {
  await A?.stop();
  await B?.stop();
});

test("deleting alice on A with the CLI removes her, her posts and follows on B", async () => {
  const aliceOnB = await resolveAccount(B, bob, handleOf(A, alice));
  await bob.client.v1.accounts.$select(aliceOnB.id).follow();
  await both();
  const post = await alice.client.v1.statuses.create({ status: "soon to be gone" });
  await both();
  const postUri = uriOf(A, post.id);
  const postOnB = statusIdByUri(B, postUri);
  expect(postOnB).not.toBeNull();
  expect(followsRow(B, bob.id, aliceOnB.id)).toBe(true);

  const [code, out] = await runCli(A, ["accounts", "delete", "alice"]);
  expect(code, out).toBe(0);
  await both();
  expect(failedJobs(A)).toEqual([]);
  expect(accountIdByUri(B, alice.account.uri)).toBeNull();
  expect(statusIdByUri(B, postUri)).toBeNull();
  expect((await bob.client.v1.accounts.verifyCredentials()).followingCount).toBe(0);
  expect((await B.api("GET", `/api/v1/statuses/${postOnB}`, { token: bob.token })).status).toBe(404);
}, 20_000);
