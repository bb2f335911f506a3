/**
 * Two Hearth instances on 127.0.0.1 talking ActivityPub end to end, driven only through each
 * side's client API: follow (also locked), post, reply, mention, DM, CW, media, like, boost,
 * edit, delete, block, profile update and Move.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { mastodon } from "masto";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { gradient } from "../media/fixtures";
import { accountIdByUri, failedJobs, followsRow, handleOf, resolveAccount, runCli, settle, statusIdByUri, uriOf } from "./helpers";

let A: TestServer, B: TestServer;
let alice: TestUser, dan: TestUser, bob: TestUser, carol: TestUser;
/** alice and bob as seen from the other server. */
let aliceOnB: mastodon.v1.Account, bobOnA: mastodon.v1.Account, carolOnA: mastodon.v1.Account;
const T = 20_000;
const both = () => settle([A, B]);

beforeAll(async () => {
  [A, B] = await Promise.all([startTestServer(), startTestServer()]);
  alice = await A.createUser("alice");
  dan = await A.createUser("dan");
  bob = await B.createUser("bob");
  carol = await B.createUser("carol", { locked: true });
}, 30_000);
afterAll(async () => {
  await A?.stop();
  await B?.stop();
});

async function note(u: TestUser, type: string, pred: (n: mastodon.v1.Notification) => boolean = () => true) {
  const list = await u.client.v1.notifications.list({ limit: 40 });
  return list.find((n) => n.type === type && pred(n));
}

describe("two Hearth instances", () => {
  test(
    "discovery: each side resolves the other's user by handle through /api/v2/search",
    async () => {
      const r = await bob.client.v2.search.list({ q: handleOf(A, alice), resolve: true, type: "accounts" });
      expect(r.accounts.map((a) => a.acct)).toContain(handleOf(A, alice));
      aliceOnB = await resolveAccount(B, bob, handleOf(A, alice));
      bobOnA = await resolveAccount(A, alice, handleOf(B, bob));
      carolOnA = await resolveAccount(A, alice, handleOf(B, carol));
      expect(aliceOnB.acct).toBe(handleOf(A, alice));
      expect(aliceOnB.url).toBeTruthy();
      expect(bobOnA.acct).toBe(handleOf(B, bob));
      expect(carolOnA.locked).toBe(true);
    },
    T,
  );

  test(
    "follow: bob@B follows alice@A; Accept comes back, rows and notifications on both sides",
    async () => {
      const rel = await bob.client.v1.accounts.$select(aliceOnB.id).follow();
      expect(rel.following || rel.requested).toBe(true);
      await both();
      const [after] = await bob.client.v1.accounts.relationships.fetch({ id: [aliceOnB.id] });
      expect(after!.following).toBe(true);
      expect(after!.requested).toBe(false);
      const followers = await alice.client.v1.accounts.$select(alice.id).followers.list();
      expect(followers.map((a) => a.acct)).toContain(handleOf(B, bob));
      expect(await note(alice, "follow", (n) => n.account.acct === handleOf(B, bob))).toBeTruthy();
      expect(followsRow(B, bob.id, aliceOnB.id)).toBe(true);
      expect(followsRow(A, bobOnA.id, alice.id)).toBe(true);
      // dan@A follows bob@B (for the boost scenario).
      await dan.client.v1.accounts.$select(bobOnA.id).follow();
      await both();
      expect(followsRow(A, dan.id, bobOnA.id)).toBe(true);
      expect(followsRow(B, accountIdByUri(B, dan.account.uri), bob.id)).toBe(true);
    },
    T,
  );

  test(
    "follow of a locked account: request → authorize → follow exists on both sides",
    async () => {
      const rel = await alice.client.v1.accounts.$select(carolOnA.id).follow();
      expect(rel.requested).toBe(true);
      await both();
      const [pending] = await alice.client.v1.accounts.relationships.fetch({ id: [carolOnA.id] });
      expect(pending!.requested).toBe(true);
      expect(pending!.following).toBe(false);
      const reqs = await carol.client.v1.followRequests.list();
      const req = reqs.find((a) => a.acct === handleOf(A, alice));
      expect(req).toBeTruthy();
      expect(await note(carol, "follow_request")).toBeTruthy();
      await carol.client.v1.followRequests.$select(req!.id).authorize();
      await both();
      const [done] = await alice.client.v1.accounts.relationships.fetch({ id: [carolOnA.id] });
      expect(done!.following).toBe(true);
      expect(done!.requested).toBe(false);
      expect(followsRow(A, alice.id, carolOnA.id)).toBe(true);
      expect(followsRow(B, req!.id, carol.id)).toBe(true);
    },
    T,
  );

  let post: mastodon.v1.Status;
  let postOnB: string;
  test(
    "post: a public status reaches the follower's home timeline on the other side",
    async () => {
      post = await alice.client.v1.statuses.create({ status: "Hello from A #federation" });
      await both();
      const home = await bob.client.v1.timelines.home.list({ limit: 20 });
      const got = home.find((s) => s.uri === uriOf(A, post.id));
      expect(got).toBeTruthy();
      expect(got!.content).toContain("Hello from A");
      expect(got!.account.acct).toBe(handleOf(A, alice));
      expect(got!.visibility).toBe("public");
      expect(got!.tags.map((t) => t.name)).toContain("federation");
      postOnB = got!.id;
    },
    T,
  );

  test(
    "reply: threads on both sides",
    async () => {
      const reply = await bob.client.v1.statuses.create({ status: `@${handleOf(A, alice)} nice post`, inReplyToId: postOnB });
      await both();
      const onA = statusIdByUri(A, uriOf(B, reply.id));
      expect(onA).toBeTruthy();
      const ctxA = await alice.client.v1.statuses.$select(post.id).context.fetch();
      expect(ctxA.descendants.map((s) => s.id)).toContain(onA!);
      const replyA = await alice.client.v1.statuses.$select(onA!).fetch();
      expect(replyA.inReplyToId).toBe(post.id);
      expect(replyA.inReplyToAccountId).toBe(alice.id);
      const ctxB = await bob.client.v1.statuses.$select(reply.id).context.fetch();
      expect(ctxB.ancestors.map((s) => s.id)).toContain(postOnB);
    },
    T,
  );

  test(
    "mention: the mentioned user on the other side gets a mention notification",
    async () => {
      const st = await bob.client.v1.statuses.create({ status: `hey @${handleOf(A, alice)} look` });
      expect(st.mentions.map((m) => m.acct)).toContain(handleOf(A, alice));
      await both();
      const n = await note(alice, "mention", (x) => x.status?.uri === uriOf(B, st.id));
      expect(n).toBeTruthy();
      expect(n!.status!.mentions.map((m) => m.id)).toContain(alice.id);
    },
    T,
  );

  test(
    "DM: direct visibility is preserved and stays out of public timelines",
    async () => {
      const dm = await bob.client.v1.statuses.create({ status: `@${handleOf(A, alice)} secret words`, visibility: "direct" });
      await both();
      // Mastodon's default policy filters private mentions from strangers into a notification request.
      expect(await note(alice, "mention", (x) => x.status?.uri === uriOf(B, dm.id))).toBeUndefined();
      const requests = await alice.client.v1.notifications.requests.list();
      expect(requests.map((r) => r.account.acct)).toContain(handleOf(B, bob));
      const all = await alice.client.v1.notifications.list({ limit: 40, includeFiltered: true } as any);
      const n = all.find((x) => x.type === "mention" && x.status?.uri === uriOf(B, dm.id));
      expect(n).toBeTruthy();
      expect(n!.status!.visibility).toBe("direct");
      const pub = await alice.client.v1.timelines.public.list({ limit: 40 });
      expect(pub.some((s) => s.content.includes("secret words"))).toBe(false);
      const onA = statusIdByUri(A, uriOf(B, dm.id))!;
      // Not visible to a third user on A.
      const r = await A.api("GET", `/api/v1/statuses/${onA}`, { token: dan.token });
      expect(r.status).toBe(404);
    },
    T,
  );

  test(
    "CW: spoiler_text and sensitive arrive",
    async () => {
      const st = await alice.client.v1.statuses.create({ status: "spoilery", spoilerText: "movie ending", sensitive: true });
      await both();
      const onB = statusIdByUri(B, uriOf(A, st.id));
      expect(onB).toBeTruthy();
      const got = await bob.client.v1.statuses.$select(onB!).fetch();
      expect(got.spoilerText).toBe("movie ending");
      expect(got.sensitive).toBe(true);
    },
    T,
  );

  test(
    "media: an image with alt text arrives as a remote attachment with description and blurhash",
    async () => {
      const m = await alice.client.v2.media.create({
        file: new Blob([await gradient(64, 48, "png")], { type: "image/png" }),
        description: "a gradient",
        focus: "0.5,-0.25",
      });
      await A.drain();
      const st = await alice.client.v1.statuses.create({ status: "look at this", mediaIds: [m.id] });
      await both();
      const onB = statusIdByUri(B, uriOf(A, st.id));
      expect(onB).toBeTruthy();
      const got = await bob.client.v1.statuses.$select(onB!).fetch();
      expect(got.mediaAttachments.length).toBe(1);
      const att = got.mediaAttachments[0]!;
      expect(att.type).toBe("image");
      expect(att.description).toBe("a gradient");
      expect(att.blurhash).toBeTruthy();
      expect(att.remoteUrl).toContain(A.domain);
      expect(att.meta?.focus).toEqual({ x: 0.5, y: -0.25 });
    },
    T,
  );

  test(
    "like: favourite notification on the other side",
    async () => {
      await bob.client.v1.statuses.$select(postOnB).favourite();
      await both();
      expect(await note(alice, "favourite", (n) => n.status?.id === post.id && n.account.acct === handleOf(B, bob))).toBeTruthy();
      expect((await alice.client.v1.statuses.$select(post.id).fetch()).favouritesCount).toBe(1);
    },
    T,
  );

  test(
    "boost: reblog notification, and the boost appears in the booster's follower's home",
    async () => {
      await bob.client.v1.statuses.$select(postOnB).reblog();
      await both();
      expect(await note(alice, "reblog", (n) => n.status?.id === post.id && n.account.acct === handleOf(B, bob))).toBeTruthy();
      const home = await dan.client.v1.timelines.home.list({ limit: 20 });
      const boost = home.find((s) => s.reblog?.id === post.id);
      expect(boost).toBeTruthy();
      expect(boost!.account.acct).toBe(handleOf(B, bob));
      expect((await alice.client.v1.statuses.$select(post.id).fetch()).reblogsCount).toBe(1);
    },
    T,
  );

  test(
    "undo: unfavourite and unboost are undone on the other side; unfollow removes the follow",
    async () => {
      const other = await alice.client.v1.statuses.create({ status: "undo target" });
      await both();
      const onB = statusIdByUri(B, uriOf(A, other.id))!;
      await bob.client.v1.statuses.$select(onB).favourite();
      await bob.client.v1.statuses.$select(onB).reblog();
      await both();
      let st = await alice.client.v1.statuses.$select(other.id).fetch();
      expect([st.favouritesCount, st.reblogsCount]).toEqual([1, 1]);
      await bob.client.v1.statuses.$select(onB).unfavourite();
      await bob.client.v1.statuses.$select(onB).unreblog();
      await both();
      st = await alice.client.v1.statuses.$select(other.id).fetch();
      expect([st.favouritesCount, st.reblogsCount]).toEqual([0, 0]);
      expect(A.count("statuses", "reblog_of_id = ?", Number(other.id))).toBe(0);
      await dan.client.v1.accounts.$select(bobOnA.id).unfollow();
      await both();
      expect(followsRow(A, dan.id, bobOnA.id)).toBe(false);
      expect(followsRow(B, accountIdByUri(B, dan.account.uri), bob.id)).toBe(false);
      expect((await bob.client.v1.accounts.$select(bob.id).fetch()).followersCount).toBe(0);
    },
    T,
  );

  test(
    "edit: edited_at and history on the other side",
    async () => {
      await alice.client.v1.statuses.$select(post.id).update({ status: "Hello from A, edited #federation" });
      await both();
      const got = await bob.client.v1.statuses.$select(postOnB).fetch();
      expect(got.content).toContain("edited");
      expect(got.editedAt).toBeTruthy();
      const hist = await bob.client.v1.statuses.$select(postOnB).history.list();
      expect(hist.length).toBe(2);
      expect(hist[0]!.content).toContain("Hello from A");
      expect(hist[1]!.content).toContain("edited");
    },
    T,
  );

  test(
    "delete: the status is gone on the other side",
    async () => {
      const st = await alice.client.v1.statuses.create({ status: "short-lived" });
      await both();
      const uri = uriOf(A, st.id);
      const onB = statusIdByUri(B, uri);
      expect(onB).toBeTruthy();
      await alice.client.v1.statuses.$select(st.id).remove();
      await both();
      expect(statusIdByUri(B, uri)).toBeNull();
      const r = await B.api("GET", `/api/v1/statuses/${onB}`, { token: bob.token });
      expect(r.status).toBe(404);
    },
    T,
  );

  test(
    "block: carol@B blocks alice@A; the follow is removed on both sides",
    async () => {
      const aliceOnBId = accountIdByUri(B, alice.account.uri)!;
      expect(followsRow(B, aliceOnBId, carol.id)).toBe(true);
      await carol.client.v1.accounts.$select(aliceOnBId).block();
      await both();
      expect(followsRow(B, aliceOnBId, carol.id)).toBe(false);
      expect(followsRow(A, alice.id, carolOnA.id)).toBe(false);
      const [rel] = await alice.client.v1.accounts.relationships.fetch({ id: [carolOnA.id] });
      expect(rel!.following).toBe(false);
      expect(rel!.blockedBy).toBe(true);
    },
    T,
  );

  test(
    "profile update: display name, note and avatar are seen remotely",
    async () => {
      const avatar = new Blob([await gradient(96, 96, "png")], { type: "image/png" });
      await alice.client.v1.accounts.updateCredentials({ displayName: "Alice Federated", note: "Bio from A", avatar });
      await both();
      const got = await bob.client.v1.accounts.$select(aliceOnB.id).fetch();
      expect(got.displayName).toBe("Alice Federated");
      expect(got.note).toContain("Bio from A");
      expect(got.avatar).not.toContain("missing.png");
    },
    T,
  );

  test(
    "pin: alice pins a post on A; bob on B sees it among her pinned posts, then not after unpin",
    async () => {
      const st = await alice.client.v1.statuses.create({ status: "pinned for the fediverse" });
      await both();
      await alice.client.v1.statuses.$select(st.id).pin();
      await both();
      const pinned = await bob.client.v1.accounts.$select(aliceOnB.id).statuses.list({ pinned: true });
      expect(pinned.map((x) => x.uri)).toContain(st.uri);
      await alice.client.v1.statuses.$select(st.id).unpin();
      await both();
      const after = await bob.client.v1.accounts.$select(aliceOnB.id).statuses.list({ pinned: true });
      expect(after.map((x) => x.uri)).not.toContain(st.uri);
    },
    T,
  );

  test("no delivery or inbox job failed along the way", () => {
    expect([...failedJobs(A), ...failedJobs(B)]).toEqual([]);
  });
});

describe("Move between instances", () => {
  test(
    "alice2@B lists alice@A as alias; alice moves; bob's follow moves to alice2",
    async () => {
      const alice2 = await B.createUser("alice2");
      // dan is a local follower of alice on A: he must end up following alice2 on B.
      await dan.client.v1.accounts.$select(alice.id).follow();
      await both();
      expect(followsRow(A, dan.id, alice.id)).toBe(true);
      const [setAlias, aliasOut] = await runCli(B, ["accounts", "alias", "alice2", "--add", handleOf(A, alice)]);
      expect(setAlias, aliasOut).toBe(0);
      await both();
      const [move, moveOut] = await runCli(A, ["accounts", "move", "alice", "--to", handleOf(B, alice2)]);
      expect(move, moveOut).toBe(0);
      await both();
      const me = await alice.client.v1.accounts.$select(alice.id).fetch();
      expect(me.moved?.acct).toBe(handleOf(B, alice2));
      const aliceOnBRow = accountIdByUri(B, alice.account.uri)!;
      const moved = await bob.client.v1.accounts.$select(aliceOnBRow).fetch();
      expect(moved.moved?.id).toBe(alice2.id);
      expect(followsRow(B, bob.id, alice2.id)).toBe(true);
      expect(followsRow(B, bob.id, aliceOnBRow)).toBe(false);
      const alice2OnA = accountIdByUri(A, alice2.account.uri);
      expect(followsRow(A, dan.id, alice2OnA)).toBe(true);
      expect(followsRow(A, dan.id, alice.id)).toBe(false);
      expect(followsRow(B, accountIdByUri(B, dan.account.uri), alice2.id)).toBe(true);
    },
    T,
  );
});
