import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeUsers, postPoll } from "./helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol] = await makeUsers(s, ["alice", "bob", "carol"] as const);
}, 15000);
afterAll(() => s.stop());

const vote = (token: string | undefined, pollId: string, json: unknown) => s.api("POST", `/api/v1/polls/${pollId}/votes`, { token, json });
const votes = (pollId: string) => s.count("poll_votes", "poll_id = ?", Number(pollId));

describe("POST /api/v1/polls/:id/votes", () => {
  test("single choice (masto.js): own votes, tallies", async () => {
    const { pollId } = await postPoll(s, alice, { options: ["tea", "coffee"], expires_in: 600 });
    const p = await bob.client.v1.polls.$select(pollId).votes.create({ choices: [1] });
    expect(p).toMatchObject({ voted: true, ownVotes: [1], votesCount: 1, votersCount: null });
    expect(p.options.map((o) => o.votesCount)).toEqual([0, 1]);
    const seenByCarol = (await (await s.api("GET", `/api/v1/polls/${pollId}`, { token: carol.token })).json()) as any;
    expect(seenByCarol).toMatchObject({ voted: false, own_votes: [], votes_count: 1 });
    const again = await vote(bob.token, pollId, { choices: [0] });
    expect(again.status).toBe(422);
    expect(((await again.json()) as any).error).toBe("Validation failed: You have already voted on this poll");
    expect(votes(pollId)).toBe(1);
  });

  test("multiple choice: several options, voters_count counts people", async () => {
    const { pollId } = await postPoll(s, alice, { options: ["a", "b", "c"], expires_in: 600, multiple: true });
    const r = await s.api("POST", `/api/v1/polls/${pollId}/votes`, { token: bob.token, form: { "choices[]": "0" }, body: undefined });
    expect(r.status).toBe(200);
    const p = await carol.client.v1.polls.$select(pollId).votes.create({ choices: [0, 2] });
    expect(p).toMatchObject({ votesCount: 3, votersCount: 2, ownVotes: [0, 2] });
    expect(p.options.map((o) => o.votesCount)).toEqual([2, 0, 1]);
  });

  test("bad votes → 422 and nothing written", async () => {
    const single = (await postPoll(s, alice, { options: ["a", "b"], expires_in: 600 })).pollId;
    const multi = (await postPoll(s, alice, { options: ["a", "b", "c"], expires_in: 600, multiple: true })).pollId;
    const cases: [string, unknown][] = [
      [single, { choices: [0, 1] }], // two answers in a single-choice poll
      [single, { choices: [2] }], // no such option
      [single, { choices: [-1] }],
      [single, { choices: ["x"] }],
      [single, { choices: [] }],
      [single, {}],
      [single, { choices: [{ a: 1 }] }],
      [multi, { choices: [1, 1] }], // the same option twice
      [multi, { choices: [0, 3] }],
    ];
    for (const [id, body] of cases) {
      const r = await vote(bob.token, id, body);
      expect([JSON.stringify(body), r.status]).toEqual([JSON.stringify(body), 422]);
      expect(((await r.json()) as any).error).toStartWith("Validation failed");
    }
    const own = await vote(alice.token, single, { choices: [0] });
    expect(own.status).toBe(422);
    expect(votes(single) + votes(multi)).toBe(0);
    expect(s.count("polls", "id IN (?, ?) AND votes_count = 0 AND voters_count = 0", Number(single), Number(multi))).toBe(2);
  });

  test("an ended poll → 422", async () => {
    const { pollId } = await postPoll(s, alice, { options: ["a", "b"], expires_in: 600 });
    s.ctx.db.query("UPDATE polls SET expires_at = ? WHERE id = ?").run(Date.now() - 1000, Number(pollId));
    const r = await vote(bob.token, pollId, { choices: [0] });
    expect(r.status).toBe(422);
    expect(((await r.json()) as any).error).toBe("Validation failed: The poll has already ended");
    expect(votes(pollId)).toBe(0);
    const p = (await (await s.api("GET", `/api/v1/polls/${pollId}`, { token: bob.token })).json()) as any;
    expect(p.expired).toBe(true);
  });

  test("auth, scope, unknown and invisible polls", async () => {
    const { pollId } = await postPoll(s, alice, { options: ["a", "b"], expires_in: 600 });
    const hidden = (await postPoll(s, alice, { options: ["a", "b"], expires_in: 600 }, { visibility: "private" })).pollId;
    expect((await vote(undefined, pollId, { choices: [0] })).status).toBe(401);
    expect((await vote("bogus", pollId, { choices: [0] })).status).toBe(401);
    expect((await vote(s.token(bob.user.id, ["read"]), pollId, { choices: [0] })).status).toBe(403);
    expect((await vote(bob.token, "999999", { choices: [0] })).status).toBe(404);
    expect((await vote(bob.token, "abc", { choices: [0] })).status).toBe(404);
    expect((await vote(bob.token, hidden, { choices: [0] })).status).toBe(404);
    expect(votes(pollId) + votes(hidden)).toBe(0);
    // write:statuses alone is enough
    expect((await vote(s.token(bob.user.id, ["write:statuses"]), pollId, { choices: [0] })).status).toBe(200);
  });

  test("a blocked voter cannot see or vote", async () => {
    const { pollId } = await postPoll(s, alice, { options: ["a", "b"], expires_in: 600 });
    expect((await s.api("POST", `/api/v1/accounts/${carol.id}/block`, { token: alice.token })).status).toBe(200);
    expect((await vote(carol.token, pollId, { choices: [0] })).status).toBe(404);
    expect(votes(pollId)).toBe(0);
  });
});
