import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertStatus } from "../../../rig/fixtures";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  carol = await s.createUser("carol");
}, 30_000);
afterAll(() => s.stop());

const counts = (id: string) =>
  s.ctx.db
    .query<{ followers_count: number; following_count: number }, [string]>(
      "SELECT followers_count, following_count FROM accounts WHERE id = ?",
    )
    .get(id)!;

test("follow updates counts, relationship, notification and home feed; unfollow reverses it", async () => {
  const post = insertStatus(s.ctx, Number(bob.id), { text: "before the follow" });
  const rel = await alice.client.v1.accounts.$select(bob.id).follow({ reblogs: false, languages: ["en"] });
  expect(rel).toMatchObject({
    id: bob.id,
    following: true,
    showingReblogs: false,
    notifying: false,
    languages: ["en"],
    requested: false,
    followedBy: false,
  });
  expect(counts(alice.id).following_count).toBe(1);
  expect(counts(bob.id).followers_count).toBe(1);
  expect(s.count("notifications", "account_id = ? AND from_account_id = ? AND type = 'follow'", bob.id, alice.id)).toBe(1);
  expect(s.count("home_feeds", "account_id = ? AND status_id = ?", alice.id, post.id)).toBe(1);

  const [fromBob] = await bob.client.v1.accounts.relationships.fetch({ id: [alice.id] });
  expect(fromBob).toMatchObject({ following: false, followedBy: true });

  // re-follow updates the options and does not double count
  const again = await alice.client.v1.accounts.$select(bob.id).follow({ reblogs: true, notify: true });
  expect(again).toMatchObject({ following: true, showingReblogs: true, notifying: true });
  expect(counts(bob.id).followers_count).toBe(1);

  const un = await alice.client.v1.accounts.$select(bob.id).unfollow();
  expect(un).toMatchObject({ following: false, showingReblogs: false });
  expect(counts(alice.id).following_count).toBe(0);
  expect(counts(bob.id).followers_count).toBe(0);
  expect(s.count("home_feeds", "account_id = ? AND status_id = ?", alice.id, post.id)).toBe(0);
  // unfollowing again is fine
  expect((await alice.client.v1.accounts.$select(bob.id).unfollow()).following).toBe(false);
});

test("remove_from_followers drops the follower", async () => {
  await carol.client.v1.accounts.$select(alice.id).follow();
  expect(counts(alice.id).followers_count).toBe(1);
  const res = await s.api("POST", `/api/v1/accounts/${carol.id}/remove_from_followers`, { token: alice.token });
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ id: carol.id, followed_by: false });
  expect(counts(alice.id).followers_count).toBe(0);
  expect(counts(carol.id).following_count).toBe(0);
});

test("following a remote account creates a pending request only", async () => {
  const id = s.ctx.ids.next();
  s.ctx.db
    .query(
      "INSERT INTO accounts (id, username, domain, uri, created_at, updated_at) VALUES (?, 'zed', 'remote.example', 'https://remote.example/users/zed', 1, 1)",
    )
    .run(id);
  const res = await s.api("POST", `/api/v1/accounts/${id}/follow`, { token: alice.token });
  expect(await res.json()).toMatchObject({ following: false, requested: true });
  expect(s.count("follow_requests", "account_id = ? AND target_account_id = ?", alice.id, id)).toBe(1);
  expect(s.count("follows", "account_id = ? AND target_account_id = ?", alice.id, id)).toBe(0);
  // unfollow withdraws the request
  await s.api("POST", `/api/v1/accounts/${id}/unfollow`, { token: alice.token });
  expect(s.count("follow_requests", "account_id = ?", alice.id)).toBe(0);
});

test("bad input: no token, read-only token, unknown id, self, blocked, bad params", async () => {
  const before = s.count("follows");
  expect((await s.api("POST", `/api/v1/accounts/${bob.id}/follow`)).status).toBe(401);
  const readOnly = s.token(alice.user.id, ["read"]);
  const r403 = await s.api("POST", `/api/v1/accounts/${bob.id}/follow`, { token: readOnly });
  expect(r403.status).toBe(403);
  expect((await r403.json()).error).toBe("This action is outside the authorized scopes");
  // the granular and legacy scopes both work
  const granular = s.token(alice.user.id, ["write:follows"]);
  expect((await s.api("POST", `/api/v1/accounts/${carol.id}/unfollow`, { token: granular })).status).toBe(200);
  expect((await s.api("POST", `/api/v1/accounts/${carol.id}/unfollow`, { token: s.token(alice.user.id, ["follow"]) })).status).toBe(200);
  expect((await s.api("POST", `/api/v1/accounts/99999999/follow`, { token: alice.token })).status).toBe(404);
  expect((await s.api("POST", `/api/v1/accounts/not-an-id/follow`, { token: alice.token })).status).toBe(404);
  // Mastodon's FollowService answers RecordNotFound for self-follows
  expect((await s.api("POST", `/api/v1/accounts/${alice.id}/follow`, { token: alice.token })).status).toBe(404);
  expect((await s.api("POST", `/api/v1/accounts/${bob.id}/follow`, { token: alice.token, json: { reblogs: "maybe" } })).status).toBe(422);
  expect((await s.api("POST", `/api/v1/accounts/${bob.id}/follow`, { token: alice.token, json: { languages: [{ a: 1 }] } })).status).toBe(
    422,
  );
  await bob.client.v1.accounts.$select(alice.id).block();
  const blocked = await s.api("POST", `/api/v1/accounts/${bob.id}/follow`, { token: alice.token });
  expect(blocked.status).toBe(403);
  expect((await blocked.json()).error).toBe("This action is not allowed");
  await bob.client.v1.accounts.$select(alice.id).unblock();
  expect(s.count("follows")).toBe(before);
});
