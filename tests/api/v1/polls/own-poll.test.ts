/**
 * The author of a poll counts as having voted in it (Mastodon's Poll#voted?), so clients such as
 * Phanpy and Elk show the results instead of a Vote button; own_votes stays empty.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeUsers } from "./helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob] = await makeUsers(s, ["alice", "bob"] as const);
}, 15000);
afterAll(() => s.stop());

describe("the author's view of their own poll", () => {
  test("voted: true and own_votes: [] in the created status, GET /api/v1/polls/:id and the status (masto.js)", async () => {
    const st = await alice.client.v1.statuses.create({ status: "Own poll", poll: { options: ["yes", "no"], expiresIn: 600 } });
    expect(st.poll).toMatchObject({ voted: true, ownVotes: [] });
    const p = await alice.client.v1.polls.$select(st.poll!.id).fetch();
    expect(p).toMatchObject({ voted: true, ownVotes: [], votesCount: 0 });
    const again = await alice.client.v1.statuses.$select(st.id).fetch();
    expect(again.poll).toMatchObject({ voted: true, ownVotes: [] });
    const home = await alice.client.v1.timelines.home.list({ limit: 5 });
    expect(home.find((x) => x.id === st.id)?.poll).toMatchObject({ voted: true, ownVotes: [] });
    // Someone else who has not voted still sees voted: false; logged out, neither field.
    expect(await bob.client.v1.polls.$select(st.poll!.id).fetch()).toMatchObject({ voted: false, ownVotes: [] });
    const anon = (await (await s.api("GET", `/api/v1/polls/${st.poll!.id}`)).json()) as Record<string, unknown>;
    expect("voted" in anon).toBe(false);
    // The author still cannot vote.
    const r = await s.api("POST", `/api/v1/polls/${st.poll!.id}/votes`, { token: alice.token, json: { choices: [0] } });
    expect(r.status).toBe(422);
  });
});
