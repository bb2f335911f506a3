import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeUsers, postPoll } from "./helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol] = await makeUsers(s, ["alice", "bob", "carol"] as const);
  await bob.client.v1.accounts.$select(alice.id).follow();
}, 15000);
afterAll(() => s.stop());

describe("GET /api/v1/polls/:id", () => {
  test("a poll on a public status, logged in (masto.js) and logged out", async () => {
    const { pollId, statusId } = await postPoll(s, alice, { options: ["tea", "coffee"], expires_in: 3600 });
    const p = await bob.client.v1.polls.$select(pollId).fetch();
    expect(p).toMatchObject({
      id: pollId,
      expired: false,
      multiple: false,
      votesCount: 0,
      votersCount: null,
      voted: false,
      ownVotes: [],
      emojis: [],
      options: [
        { title: "tea", votesCount: 0 },
        { title: "coffee", votesCount: 0 },
      ],
    });
    expect(Date.parse(p.expiresAt!)).toBeGreaterThan(Date.now() + 3500_000);
    const anon = await s.api("GET", `/api/v1/polls/${pollId}`);
    expect(anon.status).toBe(200);
    const a = (await anon.json()) as Record<string, unknown>;
    expect("voted" in a).toBe(false);
    expect("own_votes" in a).toBe(false);
    // the Status entity carries the same poll
    const st = await bob.client.v1.statuses.$select(statusId).fetch();
    expect(st.poll?.id).toBe(pollId);
    expect(st.poll?.options.map((o) => o.title)).toEqual(["tea", "coffee"]);
  });

  test("emojis: the custom emoji the option titles use (Mastodon's Poll#emojis), also inside Status.poll", async () => {
    s.ctx.db
      .query(`INSERT INTO custom_emojis (id, shortcode, domain, image_key, category, created_at)
        VALUES (901, 'pollcat', NULL, 'emoji/pollcat.png', NULL, 0), (902, 'unused', NULL, 'emoji/unused.png', NULL, 0),
               (903, 'faraway', 'remote.example', NULL, NULL, 0)`)
      .run();
    const { pollId, statusId } = await postPoll(s, alice, { options: [":pollcat: yes", "no :faraway: :nosuch:"], expires_in: 600 });
    const p = (await (await s.api("GET", `/api/v1/polls/${pollId}`, { token: bob.token })).json()) as any;
    expect(p.emojis).toEqual([
      {
        shortcode: "pollcat",
        url: `${s.url}/system/emoji/pollcat.png`,
        static_url: `${s.url}/system/emoji/pollcat.png`,
        visible_in_picker: true,
        category: null,
      },
    ]);
    const anon = (await (await s.api("GET", `/api/v1/statuses/${statusId}`)).json()) as any;
    expect(anon.poll.emojis.map((e: any) => e.shortcode)).toEqual(["pollcat"]);
    // Status.emojis counts the option titles too (Mastodon's Status#emojis), in a single status and in lists.
    expect(anon.emojis.map((e: any) => e.shortcode)).toEqual(["pollcat"]);
    const listed = (await (await s.api("GET", `/api/v1/accounts/${alice.id}/statuses?limit=5`)).json()) as any[];
    expect(listed.find((x) => x.id === statusId)?.emojis.map((e: any) => e.shortcode)).toEqual(["pollcat"]);
    const voted = (await (
      await s.api("POST", `/api/v1/polls/${pollId}/votes`, { token: bob.token, json: { choices: [0] } })
    ).json()) as any;
    expect(voted.emojis.map((e: any) => e.shortcode)).toEqual(["pollcat"]);
  });

  test("hide_totals hides per-option counts until the end; multiple shows voters_count", async () => {
    const { pollId } = await postPoll(s, alice, { options: ["a", "b", "c"], expires_in: 600, hide_totals: true, multiple: true });
    const p = (await (await s.api("GET", `/api/v1/polls/${pollId}`, { token: bob.token })).json()) as any;
    expect(p.options.map((o: any) => o.votes_count)).toEqual([null, null, null]);
    expect(p.voters_count).toBe(0);
    expect(p.multiple).toBe(true);
  });

  test("a poll on a private status: followers only", async () => {
    const { pollId } = await postPoll(s, alice, { options: ["x", "y"], expires_in: 600 }, { visibility: "private" });
    expect((await s.api("GET", `/api/v1/polls/${pollId}`, { token: bob.token })).status).toBe(200);
    const other = await s.api("GET", `/api/v1/polls/${pollId}`, { token: carol.token });
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: "Record not found" });
    expect((await s.api("GET", `/api/v1/polls/${pollId}`)).status).toBe(404);
  });

  test("unknown or malformed ids → 404; bad token → 401; token without read → 403", async () => {
    const { pollId } = await postPoll(s, alice, { options: ["x", "y"], expires_in: 600 });
    expect((await s.api("GET", "/api/v1/polls/999999")).status).toBe(404);
    expect((await s.api("GET", "/api/v1/polls/abc")).status).toBe(404);
    expect((await s.api("GET", `/api/v1/polls/${pollId}`, { token: "bogus" })).status).toBe(401);
    const writeOnly = s.token(bob.user.id, ["write"]);
    expect((await s.api("GET", `/api/v1/polls/${pollId}`, { token: writeOnly })).status).toBe(403);
  });
});
