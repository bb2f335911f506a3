/**
 * Votes from a second Hearth in polls of the first, end to end over real HTTP with real
 * signatures: counted once per option per voter (single vs. multiple choice, nothing after the
 * end, unknown options ignored), never kept as a status, notification or conversation, and the
 * new tally sent back as one debounced Update(Question) that the voting side applies.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { mastodon } from "masto";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { deliverToAccounts } from "../../src/activitypub/outbound/delivery";
import { POLL_UPDATE_DELAY_MS } from "../../src/services/polls/distribute";
import { accountIdByUri, resolveAccount, settle, statusIdByUri, uriOf, handleOf } from "./helpers";

let A: TestServer, B: TestServer;
let alice: TestUser, dan: TestUser, bob: TestUser, carol: TestUser;
let aliceOnB: mastodon.v1.Account;
const T = 20_000;
const both = () => settle([A, B]);

beforeAll(async () => {
  [A, B] = await Promise.all([startTestServer(), startTestServer()]);
  [alice, dan, bob, carol] = await Promise.all([A.createUser("alice"), A.createUser("dan"), B.createUser("bob"), B.createUser("carol")]);
  aliceOnB = await resolveAccount(B, bob, handleOf(A, alice));
  await resolveAccount(B, carol, handleOf(A, alice));
  await bob.client.v1.accounts.$select(aliceOnB.id).follow();
  await carol.client.v1.accounts.$select(aliceOnB.id).follow();
  await both();
}, 30_000);
afterAll(async () => {
  await A?.stop();
  await B?.stop();
});

/** alice posts a poll on A; returns its A ids and the status id on B (delivered to her followers there). */
async function alicePoll(options: string[], o: { multiple?: boolean; expiresIn?: number } = {}) {
  const st = await alice.client.v1.statuses.create({
    status: "Vote please",
    poll: { options, expiresIn: o.expiresIn ?? 3600, multiple: o.multiple ?? false },
  });
  await both();
  const onB = statusIdByUri(B, uriOf(A, st.id));
  expect(onB).toBeTruthy();
  return { st, uri: uriOf(A, st.id), onB: onB! };
}

/** The poll row on A (what the author's server counts). */
function tallyOnA(statusId: string) {
  const r = A.ctx.db
    .query<{ tallies: string; votes_count: number; voters_count: number }, [number]>(
      "SELECT tallies, votes_count, voters_count FROM polls WHERE status_id = ?",
    )
    .get(Number(statusId))!;
  return { tallies: JSON.parse(r.tallies) as number[], votes: r.votes_count, voters: r.voters_count };
}

let seq = 0;
/** Sends a vote Note from `voter` on B to alice on A through B's own signed delivery (GoToSocial/snac2 shape). */
async function rawVote(voter: TestUser, pollUri: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = `${voter.account.uri}/test-votes/${++seq}`;
  const activity = {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${id}/activity`,
    type: "Create",
    actor: voter.account.uri,
    to: [alice.account.uri],
    object: { id, type: "Note", name, attributedTo: voter.account.uri, to: [alice.account.uri], inReplyTo: pollUri, ...extra },
  };
  B.ctx.db.transaction(() => deliverToAccounts(B.ctx, voter.account.id, activity, [Number(aliceOnB.id)])).immediate();
  await both();
  return id;
}

/** Nothing of the votes shows on A as a status, a notification (filtered or not) or a conversation. */
async function noTraceOnA(voters: TestUser[]) {
  for (const v of voters) {
    const id = accountIdByUri(A, v.account.uri);
    expect(id).toBeTruthy();
    expect(A.count("statuses", "account_id = ?", Number(id))).toBe(0);
    expect(A.count("notifications", "account_id = ? AND from_account_id = ? AND type != 'follow'", alice.account.id, Number(id))).toBe(0);
  }
  expect(A.count("account_conversations", "account_id = ?", alice.account.id)).toBe(0);
  const notes = await alice.client.v1.notifications.list({ limit: 40, includeFiltered: true } as any);
  expect(notes.filter((n) => n.type !== "follow").map((n) => n.type)).toEqual([]);
  expect(await alice.client.v1.notifications.requests.list()).toEqual([]);
  expect(await alice.client.v1.conversations.list()).toEqual([]);
}

/** Pending debounced distributions of the poll of A status `statusId`. */
const pendingUpdates = (statusId: string) =>
  A.count("jobs", "kind = 'poll.distribute_update' AND payload = ?", JSON.stringify({ statusId: Number(statusId) }));

describe("votes from a second Hearth in a local poll", () => {
  test(
    "single choice: bob@B votes through B's API; A counts it, keeps no status, notification or conversation; one Update(Question) after the delay brings B the tally",
    async () => {
      const { st, onB } = await alicePoll(["tea", "coffee"]);
      const pollOnB = (await bob.client.v1.statuses.$select(onB).fetch()).poll!;
      await bob.client.v1.polls.$select(pollOnB.id).votes.create({ choices: [1] });
      await both();
      expect(tallyOnA(st.id)).toEqual({ tallies: [0, 1], votes: 1, voters: 1 });
      const seen = await alice.client.v1.polls.$select(st.poll!.id).fetch();
      expect(seen.votesCount).toBe(1);
      expect(seen.options.map((o) => o.votesCount)).toEqual([0, 1]);
      expect(A.count("poll_votes", "poll_id = ? AND uri LIKE ?", Number(st.poll!.id), `${bob.account.uri}#votes/%`)).toBe(1);
      await noTraceOnA([bob]);

      // A local vote on A as well: both ride on the one pending Update.
      await dan.client.v1.polls.$select(st.poll!.id).votes.create({ choices: [0] });
      expect(pendingUpdates(st.id)).toBe(1);
      await both();
      // Throttled: B knows only the vote it sent itself until A's Update arrives.
      expect((await carol.client.v1.statuses.$select(onB).fetch()).poll!.options.map((o) => o.votesCount)).toEqual([0, 1]);

      A.clock.advance(POLL_UPDATE_DELAY_MS);
      await both();
      expect(pendingUpdates(st.id)).toBe(0);
      const carolSees = (await carol.client.v1.statuses.$select(onB).fetch()).poll!;
      expect(carolSees.options.map((o) => o.votesCount)).toEqual([1, 1]);
      expect(carolSees.votesCount).toBe(2);
      const bobSees = await bob.client.v1.polls.$select(pollOnB.id).fetch();
      expect(bobSees).toMatchObject({ votesCount: 2, voted: true, ownVotes: [1] });
    },
    T,
  );

  test(
    "multiple choice: one vote per option per voter; voters_count counts people; unknown options are ignored",
    async () => {
      const { st, uri, onB } = await alicePoll(["a", "b", "c"], { multiple: true });
      const pollOnB = (await bob.client.v1.statuses.$select(onB).fetch()).poll!;
      await bob.client.v1.polls.$select(pollOnB.id).votes.create({ choices: [0, 2] });
      await both();
      expect(tallyOnA(st.id)).toEqual({ tallies: [1, 0, 1], votes: 2, voters: 1 });
      await rawVote(bob, uri, "a"); // the same option again
      expect(tallyOnA(st.id)).toEqual({ tallies: [1, 0, 1], votes: 2, voters: 1 });
      await rawVote(carol, uri, "b");
      await rawVote(carol, uri, "c");
      expect(tallyOnA(st.id)).toEqual({ tallies: [1, 1, 2], votes: 4, voters: 2 });
      await rawVote(carol, uri, "not an option");
      expect(tallyOnA(st.id)).toEqual({ tallies: [1, 1, 2], votes: 4, voters: 2 });
      const seen = await alice.client.v1.polls.$select(st.poll!.id).fetch();
      expect(seen).toMatchObject({ votesCount: 4, votersCount: 2 });
      await noTraceOnA([bob, carol]);

      A.clock.advance(POLL_UPDATE_DELAY_MS);
      await both();
      const carolSees = (await carol.client.v1.statuses.$select(onB).fetch()).poll!;
      expect(carolSees.options.map((o) => o.votesCount)).toEqual([1, 1, 2]);
      expect(carolSees).toMatchObject({ votesCount: 4, votersCount: 2 });
    },
    T,
  );

  test(
    "single choice refuses a second option; a text reply to the poll is still a reply",
    async () => {
      const { st, uri, onB } = await alicePoll(["x", "y"]);
      await rawVote(bob, uri, "x");
      await rawVote(bob, uri, "y");
      expect(tallyOnA(st.id)).toEqual({ tallies: [1, 0], votes: 1, voters: 1 });
      await noTraceOnA([bob, carol]);
      const reply = await carol.client.v1.statuses.create({ status: `@${handleOf(A, alice)} neither!`, inReplyToId: onB });
      await both();
      const replyOnA = statusIdByUri(A, uriOf(B, reply.id));
      expect(replyOnA).toBeTruthy();
      expect((await alice.client.v1.statuses.$select(replyOnA!).fetch()).inReplyToId).toBe(st.id);
      expect(tallyOnA(st.id)).toEqual({ tallies: [1, 0], votes: 1, voters: 1 });
    },
    T,
  );

  test(
    "a vote after the poll ended is ignored",
    async () => {
      const { st, uri } = await alicePoll(["early", "late"], { expiresIn: 300 });
      A.clock.advance(301_000);
      await both();
      const before = A.count("statuses");
      await rawVote(bob, uri, "late");
      expect(tallyOnA(st.id)).toEqual({ tallies: [0, 0], votes: 0, voters: 0 });
      expect(A.count("statuses")).toBe(before);
      expect(A.count("poll_votes", "poll_id = ?", Number(st.poll!.id))).toBe(0);
    },
    T,
  );
});
