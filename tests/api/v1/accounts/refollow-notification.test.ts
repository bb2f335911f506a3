/**
 * Follow, unfollow, follow again: the second follow notifies again (v1 and grouped v2),
 * because the follow notification goes with the follow, as Mastodon's Follow
 * `has_one :notification, dependent: :destroy`. Likewise a rejected request's notification.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let alice: TestUser, bob: TestUser, lena: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  lena = await s.createUser("lena", { locked: true });
}, 30_000);
afterAll(() => s.stop());

async function v1Types(user: TestUser, fromId: string, type: string): Promise<number> {
  const list = await user.client.v1.notifications.list({ types: [type as "follow"] });
  return list.filter((n) => n.account?.id === fromId).length;
}

/** Follow notifications from `fromId` in the grouped (v2) list. */
async function v2FollowsFrom(user: TestUser, fromId: string): Promise<number> {
  const res = await s.api("GET", "/api/v2/notifications?types[]=follow", { token: user.token });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { notification_groups: { type: string; sample_account_ids: string[]; notifications_count: number }[] };
  return body.notification_groups
    .filter((g) => g.type === "follow" && g.sample_account_ids.includes(fromId))
    .reduce((n, g) => n + g.notifications_count, 0);
}

test("follow, unfollow, follow again: a second follow notification arrives (v1 and v2)", async () => {
  await alice.client.v1.accounts.$select(bob.id).follow();
  expect(await v1Types(bob, alice.id, "follow")).toBe(1);
  const first = (await bob.client.v1.notifications.list({ types: ["follow"] }))[0]!;

  await alice.client.v1.accounts.$select(bob.id).unfollow();
  // The notification went with the follow.
  expect(await v1Types(bob, alice.id, "follow")).toBe(0);
  expect(await v2FollowsFrom(bob, alice.id)).toBe(0);

  await alice.client.v1.accounts.$select(bob.id).follow();
  const after = await bob.client.v1.notifications.list({ types: ["follow"] });
  expect(after.length).toBe(1);
  expect(after[0]!.account.id).toBe(alice.id);
  expect(after[0]!.id).not.toBe(first.id);
  expect(await v2FollowsFrom(bob, alice.id)).toBe(1);
});

test("a rejected follow request takes its notification with it; asking again notifies again", async () => {
  await alice.client.v1.accounts.$select(lena.id).follow();
  expect(await v1Types(lena, alice.id, "follow_request")).toBe(1);
  await lena.client.v1.followRequests.$select(alice.id).reject();
  expect(await v1Types(lena, alice.id, "follow_request")).toBe(0);
  await alice.client.v1.accounts.$select(lena.id).follow();
  expect(await v1Types(lena, alice.id, "follow_request")).toBe(1);
});
