/**
 * Outbound account-level activities: Update(Person) on profile changes, poll votes on remote
 * polls, reports forwarded as Flag from the instance actor (and the POST /api/v1/reports API
 * itself), and account migration from the CLI (alias, Move).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { TestServer, TestUser } from "../../rig";
import type { AccountRow } from "../../../src/db/rows";
import { runAdmin } from "../../../src/cli/admin";
import { POLL_UPDATE_DELAY_MS } from "../../../src/services/polls/distribute";
import { deliveryJobs, remoteStatus, settle, Sink, startScene, stopScene, type Scene } from "./sink";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
let s: TestServer;
let a: Sink;
let b: Sink;
let alice: TestUser;
let carol: TestUser;
let dave: AccountRow;

let sc: Scene;
beforeAll(async () => {
  sc = await startScene();
  ({ s, a, b, alice, carol, dave } = sc);
}, 30_000);
afterAll(() => stopScene(sc));

const bodies = async (sink: Sink, n: number) => (await settle(s, sink, n)).map((d) => d.body);
const quiet = (fn: () => Promise<number>) => async () => {
  const log = console.log,
    err = console.error;
  console.log = () => {};
  console.error = () => {};
  try {
    return await fn();
  } finally {
    console.log = log;
    console.error = err;
  }
};

describe("profile updates", () => {
  test("update_credentials sends Update(Person) to followers", async () => {
    await alice.client.v1.accounts.updateCredentials({ displayName: "Alice A.", note: "hi there" });
    const got = await bodies(a, 1);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      type: "Update",
      actor: alice.account.uri,
      to: [PUBLIC],
      object: { id: alice.account.uri, type: "Person", name: "Alice A." },
    });
    expect(got[0].id).toStartWith(`${alice.account.uri}#updates/`);
    expect(await bodies(b, 0)).toEqual([]);
  });

  test("an account without remote followers updates silently", async () => {
    await carol.client.v1.accounts.updateCredentials({ displayName: "Carol" });
    expect(deliveryJobs(s)).toBe(0);
    expect(await bodies(a, 0)).toEqual([]);
  });
});

describe("poll votes", () => {
  test("voting in a remote poll sends one Create(Note{name}) per choice to the poll's author", async () => {
    const st = remoteStatus(s, dave.id, `${b.base}/users/dave/statuses/poll-1`);
    const pollId = s.ctx.ids.next();
    const t = s.ctx.now();
    s.ctx.db
      .query(
        "INSERT INTO polls (id, status_id, account_id, options, tallies, multiple, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
      )
      .run(
        pollId,
        st.id,
        dave.id,
        JSON.stringify([{ title: "tea" }, { title: "coffee" }, { title: "water" }]),
        "[0,0,0]",
        t + 3600_000,
        t,
        t,
      );
    s.ctx.db.query("UPDATE statuses SET poll_id = ? WHERE id = ?").run(pollId, st.id);
    const res = await s.api("POST", `/api/v1/polls/${pollId}/votes`, { token: alice.token, json: { choices: ["0", "2"] } });
    expect(res.status).toBe(200);
    const got = await bodies(b, 2);
    expect(got).toHaveLength(2);
    const votes = s.ctx.db
      .query<{ id: number; choice: number; uri: string }, [number]>(
        "SELECT id, choice, uri FROM poll_votes WHERE poll_id = ? ORDER BY choice",
      )
      .all(pollId);
    expect(got.map((x) => x.object.name).sort()).toEqual(["tea", "water"]);
    for (const x of got) {
      const v = votes.find((r) => r.uri === x.object.id)!;
      expect(v).toBeDefined();
      expect(x).toMatchObject({ type: "Create", id: `${v.uri}/activity`, actor: alice.account.uri, to: [dave.uri] });
      expect(x.object).toMatchObject({ type: "Note", attributedTo: alice.account.uri, to: [dave.uri], inReplyTo: st.uri });
    }
    expect(await bodies(a, 0)).toEqual([]);
  });

  test("a vote in a local poll sends Update(Question) with the new counts to the author's remote followers", async () => {
    const st = await alice.client.v1.statuses.create({ status: "tabs or spaces?", poll: { options: ["tabs", "spaces"], expiresIn: 600 } });
    await bodies(a, 1); // the Create(Question)
    const res = await s.api("POST", `/api/v1/polls/${st.poll!.id}/votes`, { token: carol.token, json: { choices: ["1"] } });
    expect(res.status).toBe(200);
    // Debounced as Mastodon's DistributePollUpdateWorker: nothing until the delay has passed.
    expect(await bodies(a, 0)).toEqual([]);
    s.clock.advance(POLL_UPDATE_DELAY_MS);
    const got = await bodies(a, 1);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: "Update", actor: alice.account.uri, object: { type: "Question", votersCount: 1 } });
    expect(got[0].object.oneOf.map((o: any) => o.replies.totalItems)).toEqual([0, 1]);
    expect(await bodies(b, 0)).toEqual([]);
  });

  test("voting in a local poll of an account without remote followers delivers nothing", async () => {
    const st = await carol.client.v1.statuses.create({ status: "which?", poll: { options: ["x", "y"], expiresIn: 600 } });
    const res = await s.api("POST", `/api/v1/polls/${st.poll!.id}/votes`, { token: alice.token, json: { choices: ["1"] } });
    expect(res.status).toBe(200);
    s.clock.advance(POLL_UPDATE_DELAY_MS);
    await s.drain();
    expect(deliveryJobs(s)).toBe(0);
  });
});

describe("POST /api/v1/reports", () => {
  test("a forwarded report of a remote account sends Flag from the instance actor to its server", async () => {
    const st = remoteStatus(s, dave.id, `${b.base}/users/dave/statuses/bad-1`);
    const res = await s.api("POST", "/api/v1/reports", {
      token: alice.token,
      json: { account_id: String(dave.id), status_ids: [String(st.id)], comment: "spam!", forward: true, category: "spam" },
    });
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r).toMatchObject({
      action_taken: false,
      action_taken_at: null,
      category: "spam",
      comment: "spam!",
      forwarded: true,
      status_ids: [String(st.id)],
      rule_ids: null,
    });
    expect(r.target_account.id).toBe(String(dave.id));
    expect(r.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const got = await bodies(b, 1);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: "Flag", actor: s.ctx.uris.instanceActor(), content: "spam!", object: [dave.uri, st.uri] });
    expect(got[0].actor).not.toBe(alice.account.uri);
    const stored = s.ctx.db.query<{ uri: string }, [number]>("SELECT uri FROM reports WHERE id = ?").get(Number(r.id))!;
    expect(got[0].id).toBe(stored.uri);
  });

  test("without forward (or for a local account) nothing leaves; rule ids make it a violation", async () => {
    s.ctx.db.query("INSERT INTO rules (id, text, created_at) VALUES (7, 'Be nice', 0)").run();
    const res = await s.api("POST", "/api/v1/reports", { token: alice.token, form: { account_id: String(dave.id), "rule_ids[]": "7" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ category: "violation", rule_ids: ["7"], forwarded: false, status_ids: [], comment: "" });
    const local = await s.api("POST", "/api/v1/reports", { token: alice.token, json: { account_id: carol.id, forward: true } });
    expect((await local.json()).forwarded).toBe(false);
    expect(await bodies(b, 0)).toEqual([]);
  });

  test("bad input is refused and writes nothing", async () => {
    const before = s.count("reports");
    const other = await carol.client.v1.statuses.create({ status: "not dave's" });
    const cases: [number, Record<string, unknown>, string?][] = [
      [404, {}],
      [404, { account_id: "999999" }],
      [404, { account_id: "abc" }],
      [404, { account_id: String(dave.id), status_ids: [other.id] }],
      [404, { account_id: String(dave.id), status_ids: ["nope"] }],
      [422, { account_id: String(dave.id), comment: "x".repeat(1001) }],
      [422, { account_id: String(dave.id), category: "rude" }],
      [422, { account_id: String(dave.id), rule_ids: ["12345"] }],
      [422, { account_id: String(dave.id), forward: "maybe" }],
      [422, { account_id: { id: 1 } }],
    ];
    for (const [status, json] of cases) {
      const res = await s.api("POST", "/api/v1/reports", { token: alice.token, json });
      expect({ json, status: res.status }).toEqual({ json, status });
      expect(typeof (await res.json()).error).toBe("string");
    }
    expect((await s.api("POST", "/api/v1/reports", { json: { account_id: String(dave.id) } })).status).toBe(401);
    const readOnly = s.token(alice.user.id, ["read"]);
    expect((await s.api("POST", "/api/v1/reports", { token: readOnly, json: { account_id: String(dave.id) } })).status).toBe(403);
    const scoped = s.token(alice.user.id, ["write:reports"]);
    expect((await s.api("POST", "/api/v1/reports", { token: scoped, json: { account_id: String(dave.id) } })).status).toBe(200);
    expect(s.count("reports")).toBe(before + 1);
    expect(await bodies(b, 0)).toEqual([]);
  });
});

describe("account migration (CLI)", () => {
  const admin = (...args: string[]) => quiet(() => runAdmin(s.ctx, args))();

  test("alias --add stores the remote account in alsoKnownAs and sends Update(Person)", async () => {
    expect(await admin("accounts", "alias", "alice", "--add", `dave@${b.host}`)).toBe(0);
    const row = s.ctx.db
      .query<{ also_known_as: string }, [number]>("SELECT also_known_as FROM accounts WHERE id = ?")
      .get(alice.account.id)!;
    expect(JSON.parse(row.also_known_as)).toEqual([dave.uri]);
    const got = await bodies(a, 1);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ type: "Update", object: { id: alice.account.uri, alsoKnownAs: [dave.uri] } });
    expect(await admin("accounts", "alias", "alice", "--remove", `dave@${b.host}`)).toBe(0);
    expect(s.ctx.db.query("SELECT also_known_as FROM accounts WHERE id = ?").get(alice.account.id)).toEqual({ also_known_as: "[]" });
    await bodies(a, 1);
    expect(await admin("accounts", "alias", "alice")).toBe(2);
    expect(await admin("accounts", "alias", "nobody", "--add", `dave@${b.host}`)).toBe(1);
  });

  test("move refuses a target that does not list us in alsoKnownAs, and changes nothing", async () => {
    expect(await admin("accounts", "move", "alice", "--to", `dave@${b.host}`)).toBe(1);
    expect(await admin("accounts", "move", "alice", "--to", `ghost@${b.host}`)).toBe(1);
    expect(await admin("accounts", "move", "alice")).toBe(2);
    expect(s.count("accounts", "id = ? AND moved_to_account_id IS NOT NULL", alice.account.id)).toBe(0);
    expect(deliveryJobs(s)).toBe(0);
  });

  test("move sets movedTo, sends Move (and Update) to followers, and moves local followers", async () => {
    await carol.client.v1.accounts.$select(alice.id).follow();
    b.extra.set("alice2", { alsoKnownAs: [alice.account.uri] });
    expect(await admin("accounts", "move", "alice", "--to", `alice2@${b.host}`)).toBe(0);
    const alice2 = s.ctx.db.query<AccountRow, []>("SELECT * FROM accounts WHERE username = 'alice2'").get()!;
    expect(s.count("accounts", "id = ? AND moved_to_account_id = ?", alice.account.id, alice2.id)).toBe(1);
    const got = await bodies(a, 2);
    const move = got.find((x) => x.type === "Move");
    expect(move).toMatchObject({ actor: alice.account.uri, object: alice.account.uri, target: alice2.uri });
    expect(move.id).toStartWith(`${alice.account.uri}#moves/`);
    expect(got.find((x) => x.type === "Update")?.object?.movedTo).toBe(alice2.uri);
    // carol (local) now asks to follow the new account, and no longer follows the old one
    const atB = await bodies(b, 1);
    expect(atB).toContainEqual(expect.objectContaining({ type: "Follow", actor: carol.account.uri, object: alice2.uri }));
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", carol.account.id, alice.account.id)).toBe(0);
    expect(s.count("follow_requests", "account_id = ? AND target_account_id = ?", carol.account.id, alice2.id)).toBe(1);
  });
});
