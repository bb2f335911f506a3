/**
 * Votes from an independent ActivityPub server (the Fedify peer) in Hearth polls, in the shape
 * GoToSocial and snac2 send: one Create{Note{name: option, inReplyTo: poll}} per chosen option,
 * addressed to the poll's author, no content. Hearth counts them, keeps no status or
 * notification, and sends the voters one debounced Update(Question) with the new counts.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { startPeer, type Peer } from "../peers/fedify-peer";
import { POLL_UPDATE_DELAY_MS } from "../../src/services/polls/distribute";
import { accountIdByUri, settle, uriOf } from "./helpers";

const T = 20_000;
let H: TestServer, P: Peer, alice: TestUser;
const done = () => settle([H], [P]);

beforeAll(async () => {
  [H, P] = await Promise.all([startTestServer(), startPeer({ spec: "rfc9421" })]);
  alice = await H.createUser("alice");
}, 30_000);
afterAll(async () => {
  await P?.stop();
  await H?.stop();
});

let seq = 0;
/** POSTs a vote from peer actor `from` to alice's inbox, signed by the peer; expects 202. */
async function vote(from: "peter" | "lena", pollUri: string, name: string): Promise<void> {
  const actor = P.actors[from]!.uri;
  const id = `${actor}/votes/${Date.now()}-${++seq}`;
  const json = {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${id}/activity`,
    type: "Create",
    actor,
    to: alice.account.uri,
    object: { id, type: "Note", attributedTo: actor, inReplyTo: pollUri, name, to: alice.account.uri },
  };
  expect((await P.sendRaw(json, `${alice.account.uri}/inbox`, { from })).status).toBe(202);
}

function tally(statusId: string) {
  const r = H.ctx.db
    .query<{ tallies: string; votes_count: number; voters_count: number }, [number]>(
      "SELECT tallies, votes_count, voters_count FROM polls WHERE status_id = ?",
    )
    .get(Number(statusId))!;
  return { tallies: JSON.parse(r.tallies) as number[], votes: r.votes_count, voters: r.voters_count };
}

/** Update activities the peer received for `uri`'s Question. */
const updatesOf = (uri: string) =>
  P.received.filter((r) => r.type === "Update" && (r.raw ?? r.json)?.object?.id === uri).map((r) => r.raw ?? r.json);

describe("poll votes from a Fedify peer", () => {
  test(
    "multiple choice: two voters, one Note per option; counted on Hearth, no status or notification; the peer gets one Update(Question) with the new counts",
    async () => {
      const st = await alice.client.v1.statuses.create({
        status: "What to drink?",
        poll: { options: ["tea", "coffee", "water"], expiresIn: 3600, multiple: true },
      });
      const uri = uriOf(H, st.id);
      await vote("peter", uri, "tea");
      await vote("peter", uri, "water");
      await vote("lena", uri, "coffee");
      await done();
      expect(tally(st.id)).toEqual({ tallies: [1, 1, 1], votes: 3, voters: 2 });
      const p = await alice.client.v1.polls.$select(st.poll!.id).fetch();
      expect(p).toMatchObject({ votesCount: 3, votersCount: 2, voted: true, ownVotes: [] });
      for (const who of ["peter", "lena"]) {
        const id = Number(accountIdByUri(H, P.actors[who]!.uri));
        expect(H.count("statuses", "account_id = ?", id)).toBe(0);
        expect(H.count("notifications", "from_account_id = ?", id)).toBe(0);
      }
      expect(H.count("account_conversations")).toBe(0);
      expect(await alice.client.v1.notifications.list({ includeFiltered: true } as any)).toEqual([]);

      // Debounced: nothing yet; after the delay exactly one Update reaches the peer (it follows no one here: voters get it).
      expect(updatesOf(uri)).toEqual([]);
      H.clock.advance(POLL_UPDATE_DELAY_MS);
      await done();
      const ups = updatesOf(uri);
      expect(ups.length).toBe(1);
      expect(ups[0]).toMatchObject({ type: "Update", actor: alice.account.uri, object: { type: "Question", votersCount: 2 } });
      expect(ups[0].object.anyOf.map((o: any) => [o.name, o.replies.totalItems])).toEqual([
        ["tea", 1],
        ["coffee", 1],
        ["water", 1],
      ]);
    },
    T,
  );

  test(
    "single choice: a second option from the same voter and an unknown option are refused",
    async () => {
      const st = await alice.client.v1.statuses.create({ status: "Yes or no?", poll: { options: ["yes", "no"], expiresIn: 3600 } });
      const uri = uriOf(H, st.id);
      await vote("peter", uri, "yes");
      await vote("peter", uri, "no");
      await vote("lena", uri, "maybe");
      await done();
      expect(tally(st.id)).toEqual({ tallies: [1, 0], votes: 1, voters: 1 });
      expect(H.count("statuses", "in_reply_to_id = ?", Number(st.id))).toBe(0);
      H.clock.advance(POLL_UPDATE_DELAY_MS);
      await done();
      const ups = updatesOf(uri);
      expect(ups.length).toBe(1);
      expect(ups[0].object.oneOf.map((o: any) => o.replies.totalItems)).toEqual([1, 0]);
    },
    T,
  );

  test(
    "when the poll ends the voters get the closed Question with the final counts; a later vote is ignored",
    async () => {
      const st = await alice.client.v1.statuses.create({ status: "Quick one", poll: { options: ["up", "down"], expiresIn: 300 } });
      const uri = uriOf(H, st.id);
      await vote("lena", uri, "down");
      await done();
      H.clock.advance(POLL_UPDATE_DELAY_MS);
      await done();
      expect(updatesOf(uri).map((u) => u.object.closed ?? null)).toEqual([null]);
      H.clock.advance(301_000 - POLL_UPDATE_DELAY_MS);
      await done();
      expect(updatesOf(uri).length).toBe(2);
      const last = updatesOf(uri).at(-1);
      expect(last?.object?.closed).toBeTruthy();
      expect(last.object.oneOf.map((o: any) => o.replies.totalItems)).toEqual([0, 1]);
      await vote("peter", uri, "up");
      await done();
      expect(tally(st.id)).toEqual({ tallies: [0, 1], votes: 1, voters: 1 });
      expect(H.count("statuses", "in_reply_to_id = ?", Number(st.id))).toBe(0);
    },
    T,
  );
});
