/** Poll services: parameter validation, creation, edits (resetPoll) and expiry notifications. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { ApiError } from "../../../../src/model/errors";
import { createPollForStatus } from "../../../../src/services/polls/create";
import { resetPoll } from "../../../../src/services/polls/reset";
import { validatePollInput } from "../../../../src/services/polls/validate";
import { makeUsers, postPoll } from "./helpers";

let s: TestServer;
let clock = Date.now();
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;

beforeAll(async () => {
  // a clock the test moves, and no background runner: jobs run only in drain()
  s = await startTestServer({ now: () => clock, runJobs: false });
  [alice, bob, carol, dave] = await makeUsers(s, ["alice", "bob", "carol", "dave"] as const);
}, 15000);
afterAll(() => s.stop());

function rejects(input: unknown): string {
  try {
    validatePollInput(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(422);
    return (e as ApiError).message;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe("poll parameters (validatePollInput)", () => {
  test("accepts Mastodon's limits, trims options, reads form-style values", () => {
    expect(validatePollInput({ options: [" a ", "b", "", "c", "d"], expires_in: "300", multiple: "true", hide_totals: "0" })).toEqual({
      options: ["a", "b", "c", "d"],
      expiresIn: 300,
      multiple: true,
      hideTotals: false,
    });
    expect(validatePollInput({ options: ["x".repeat(50), "y"], expires_in: 2629746 }).expiresIn).toBe(2629746);
  });

  test("rejects bad polls with 422", () => {
    expect(rejects({ options: ["only"], expires_in: 300 })).toContain("more than one item");
    expect(rejects({ options: ["a", "b", "c", "d", "e"], expires_in: 300 })).toContain("more than 4 items");
    expect(rejects({ options: ["x".repeat(51), "y"], expires_in: 300 })).toContain("50 characters");
    expect(rejects({ options: ["same", "same"], expires_in: 300 })).toContain("duplicate");
    expect(rejects({ options: ["a", "b"], expires_in: 299 })).toContain("too soon");
    expect(rejects({ options: ["a", "b"], expires_in: 2629747 })).toContain("too far");
    expect(rejects({ options: ["a", "b"] })).toContain("expires_in");
    expect(rejects({ options: ["a", "b"], expires_in: "soon" })).toContain("expires_in");
    expect(rejects({ options: "a", expires_in: 300 })).toContain("more than one item");
    expect(rejects({ options: [{ x: 1 }, "b"], expires_in: 300 })).toContain("options");
    expect(rejects({ options: ["a", "b"], expires_in: 300, multiple: "maybe" })).toContain("multiple");
    expect(rejects("a poll")).toContain("Poll");
    expect(rejects(null)).toContain("Poll");
  });
});

describe("createPollForStatus", () => {
  test("writes the poll, links the status and schedules expiry; a bad poll writes nothing", async () => {
    const jobsBefore = s.ctx.jobs.count("poll.expire");
    const { statusId, pollId } = await postPoll(s, alice, { options: ["a", "b"], expires_in: 300 });
    expect(s.count("statuses", "id = ? AND poll_id = ?", Number(statusId), Number(pollId))).toBe(1);
    expect(s.ctx.jobs.count("poll.expire")).toBe(jobsBefore + 1);
    const polls = s.count("polls");
    const r = await s.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: "no poll" } });
    const other = Number(((await r.json()) as { id: string }).id);
    expect(() =>
      s.ctx.db.transaction(() => createPollForStatus(s.ctx, other, alice.account.id, { options: ["a"], expires_in: 300 })).immediate(),
    ).toThrow(ApiError);
    expect(s.count("polls")).toBe(polls);
    expect(s.count("statuses", "id = ? AND poll_id IS NULL", other)).toBe(1);
    expect(s.ctx.jobs.count("poll.expire")).toBe(jobsBefore + 1);
  });
});

describe("POST /api/v1/statuses with a poll", () => {
  test("masto.js creates a status with a poll; bad polls → 422 and nothing written", async () => {
    const st = await alice.client.v1.statuses.create({
      status: "Pick one",
      poll: { options: ["red", "blue"], expiresIn: 600, multiple: true },
    });
    expect(st.poll).toMatchObject({ multiple: true, votesCount: 0, votersCount: 0, voted: true, ownVotes: [] }); // the author counts as having voted
    expect(st.poll?.options.map((o) => o.title)).toEqual(["red", "blue"]);
    expect(s.count("polls", "status_id = ?", Number(st.id))).toBe(1);
    const statuses = s.count("statuses"),
      polls = s.count("polls"),
      jobs = s.ctx.jobs.count();
    const bad = [
      { options: ["only"], expires_in: 600 },
      { options: ["a", "b"], expires_in: 10 },
      { options: ["a", "a"], expires_in: 600 },
      "not a poll",
    ];
    for (const poll of bad) {
      const r = await s.api("POST", "/api/v1/statuses", { token: alice.token, json: { status: "bad poll", poll } });
      expect(r.status).toBe(422);
    }
    const form = await s.api("POST", "/api/v1/statuses", {
      token: alice.token,
      form: { status: "form poll", "poll[options][]": "one", "poll[expires_in]": "600" },
    });
    expect(form.status).toBe(422); // a single option
    expect([s.count("statuses"), s.count("polls"), s.ctx.jobs.count()]).toEqual([statuses, polls, jobs]);
  });
});

describe("resetPoll (status edits)", () => {
  test("changed options drop the votes, unchanged ones keep them, null removes the poll", async () => {
    const { statusId, pollId } = await postPoll(s, alice, { options: ["a", "b"], expires_in: 600 });
    const sid = Number(statusId);
    expect((await s.api("POST", `/api/v1/polls/${pollId}/votes`, { token: bob.token, json: { choices: [1] } })).status).toBe(200);
    const edit = (input: unknown) => s.ctx.db.transaction(() => resetPoll(s.ctx, sid, input)).immediate();

    expect(edit({ options: ["a", "b"], expires_in: 900, hide_totals: true })).toBe(Number(pollId));
    expect(s.count("poll_votes", "poll_id = ?", Number(pollId))).toBe(1);
    expect(s.count("polls", "id = ? AND votes_count = 1 AND hide_totals = 1", Number(pollId))).toBe(1);

    expect(edit({ options: ["a", "b", "c"], expires_in: 900 })).toBe(Number(pollId));
    expect(s.count("poll_votes", "poll_id = ?", Number(pollId))).toBe(0);
    const p = (await (await s.api("GET", `/api/v1/polls/${pollId}`, { token: bob.token })).json()) as any;
    expect(p).toMatchObject({ votes_count: 0, voted: false, own_votes: [] });
    expect(p.options).toEqual([
      { title: "a", votes_count: 0 },
      { title: "b", votes_count: 0 },
      { title: "c", votes_count: 0 },
    ]);

    expect(edit(null)).toBeNull();
    expect(s.count("polls", "id = ?", Number(pollId))).toBe(0);
    expect(s.count("statuses", "id = ? AND poll_id IS NULL", sid)).toBe(1);
    expect((await s.api("GET", `/api/v1/polls/${pollId}`, { token: bob.token })).status).toBe(404);

    // a new poll on an edited status that had none
    const newId = edit({ options: ["yes", "no"], expires_in: 300 });
    expect(s.count("statuses", "id = ? AND poll_id = ?", sid, newId)).toBe(1);
    expect(() => edit({ options: ["one"], expires_in: 300 })).toThrow(ApiError);
  });
});

const pollNotes = (accountId: number, statusId: string) =>
  s.count("notifications", "account_id = ? AND type = 'poll' AND status_id = ?", accountId, Number(statusId));

describe("poll expiry", () => {
  test("notifies the author and each voter once, when the poll ends", async () => {
    const { pollId, statusId } = await postPoll(s, alice, { options: ["a", "b"], expires_in: 300 });
    await bob.client.v1.polls.$select(pollId).votes.create({ choices: [0] });
    await carol.client.v1.polls.$select(pollId).votes.create({ choices: [1] });
    await s.drain();
    expect(pollNotes(alice.account.id, statusId) + pollNotes(bob.account.id, statusId)).toBe(0); // not over yet

    clock += 301_000;
    await s.drain();
    for (const u of [alice, bob, carol]) expect(pollNotes(u.account.id, statusId)).toBe(1);
    expect(pollNotes(dave.account.id, statusId)).toBe(0);
    const [n] = await bob.client.v1.notifications.list({ types: ["poll"] });
    expect(n?.type).toBe("poll");
    expect(n?.status?.id).toBe(statusId);
    expect(n?.status?.poll?.expired).toBe(true);
    expect(n?.account.id).toBe(alice.id);
    await s.drain();
    expect(pollNotes(bob.account.id, statusId)).toBe(1);
  });

  test("a poll reset to a later end is not announced at the old time", async () => {
    const { pollId, statusId } = await postPoll(s, alice, { options: ["a", "b"], expires_in: 300 });
    await dave.client.v1.polls.$select(pollId).votes.create({ choices: [0] });
    s.ctx.db.transaction(() => resetPoll(s.ctx, Number(statusId), { options: ["a", "b"], expires_in: 3600 })).immediate();
    clock += 301_000;
    await s.drain();
    expect(pollNotes(dave.account.id, statusId)).toBe(0);
    clock += 3600_000;
    await s.drain();
    expect(pollNotes(dave.account.id, statusId)).toBe(1);
  });
});
