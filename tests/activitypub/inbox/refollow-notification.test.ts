/**
 * A remote follower follows, sends Undo(Follow), then follows again: the second Follow
 * notifies again (v1 and grouped v2), because the Undo removes the follow notification
 * with the follow, as Mastodon does.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { AccountRow } from "../../../src/db/rows";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { FakeRemote, type FakeActor } from "./fake-remote";

let s: TestServer;
let alice: TestUser;
let remote: FakeRemote;
let bob: FakeActor;

async function send(activity: Record<string, unknown>): Promise<void> {
  const res = await remote.send(
    `${s.url}/inbox`,
    { "@context": "https://www.w3.org/ns/activitystreams", id: remote.id(), ...activity },
    bob,
  );
  expect(res.status).toBe(202);
  await s.drain();
}

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  alice = await s.createUser("alice");
  remote = new FakeRemote();
  bob = await remote.addActor("bob");
});

afterAll(async () => {
  remote.stop();
  await s.stop();
});

const bobId = () => String(s.ctx.db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE uri = ?").get(bob.uri)!.id);

async function followNotifications(): Promise<{ v1: string[]; v2: number }> {
  const v1 = (await alice.client.v1.notifications.list({ types: ["follow"] })).filter((n) => n.account.id === bobId());
  const res = await s.api("GET", "/api/v2/notifications?types[]=follow", { token: alice.token });
  const body = (await res.json()) as { notification_groups: { sample_account_ids: string[]; notifications_count: number }[] };
  const v2 = body.notification_groups.filter((g) => g.sample_account_ids.includes(bobId())).reduce((n, g) => n + g.notifications_count, 0);
  return { v1: v1.map((n) => n.id), v2 };
}

test("Follow, Undo(Follow), Follow: a second follow notification arrives", async () => {
  const first = remote.id();
  await send({ id: first, type: "Follow", actor: bob.uri, object: alice.account.uri });
  const before = await followNotifications();
  expect(before.v1.length).toBe(1);
  expect(before.v2).toBe(1);

  await send({ type: "Undo", actor: bob.uri, object: { id: first, type: "Follow", actor: bob.uri, object: alice.account.uri } });
  expect(s.count("follows", "account_id = ?", bobId())).toBe(0);
  expect(await followNotifications()).toEqual({ v1: [], v2: 0 });

  await send({ id: remote.id(), type: "Follow", actor: bob.uri, object: alice.account.uri });
  const after = await followNotifications();
  expect(after.v1.length).toBe(1);
  expect(after.v1[0]).not.toBe(before.v1[0]);
  expect(after.v2).toBe(1);
});

test("an Undo naming the Follow by id only removes the notification too", async () => {
  const id = remote.id();
  await send({ type: "Undo", actor: bob.uri, object: { type: "Follow", actor: bob.uri, object: alice.account.uri } });
  await send({ id, type: "Follow", actor: bob.uri, object: alice.account.uri });
  expect((await followNotifications()).v1.length).toBe(1);
  await send({ type: "Undo", actor: bob.uri, object: id });
  expect(await followNotifications()).toEqual({ v1: [], v2: 0 });
});
