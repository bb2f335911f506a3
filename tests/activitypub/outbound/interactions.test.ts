/**
 * Outbound interactions: Like, Follow, Accept/Reject(Follow), Block and their Undo go to the
 * remote account concerned (host B); alice's follower's server (host A) hears nothing of them,
 * and interactions between local accounts deliver nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { TestServer, TestUser } from "../../rig";
import type { AccountRow } from "../../../src/db/rows";
import { deliveryJobs, remoteStatus, remoteFollows, settle, Sink, startScene, stopScene, type Scene } from "./sink";

let s: TestServer;
let a: Sink;
let b: Sink;
let alice: TestUser;
let carol: TestUser;
let dave: AccountRow;
let frank: AccountRow;

let sc: Scene;
beforeAll(async () => {
  sc = await startScene({ onB: ["frank"] });
  ({ s, a, b, alice, carol, dave } = sc);
  frank = sc.onB.frank!;
}, 30_000);
afterAll(() => stopScene(sc));

/** Deliveries at B; asserts A got nothing. */
async function atB(n: number): Promise<any[]> {
  const rb = (await settle(s, b, n)).map((d) => d.body);
  expect((await settle(s, a)).map((d) => d.body)).toEqual([]);
  return rb;
}

describe("Like", () => {
  test("favouriting a remote post sends Like to its author; unfavouriting sends Undo(Like)", async () => {
    const st = remoteStatus(s, dave.id, `${b.base}/users/dave/statuses/10`);
    await alice.client.v1.statuses.$select(String(st.id)).favourite();
    const [like, ...rest] = await atB(1);
    expect(rest).toEqual([]);
    const favId = s.ctx.db.query<{ id: number }, [number]>("SELECT id FROM favourites WHERE status_id = ?").get(st.id)!.id;
    expect(like).toMatchObject({ type: "Like", id: `${alice.account.uri}#likes/${favId}`, actor: alice.account.uri, object: st.uri });

    await alice.client.v1.statuses.$select(String(st.id)).favourite(); // already favourited: nothing new
    expect(await atB(0)).toEqual([]);

    await alice.client.v1.statuses.$select(String(st.id)).unfavourite();
    const [undo] = await atB(1);
    expect(undo).toMatchObject({
      type: "Undo",
      id: `${like.id}/undo`,
      actor: alice.account.uri,
      object: { type: "Like", id: like.id, object: st.uri },
    });
  });

  test("favouriting a local post delivers nothing", async () => {
    const st = await carol.client.v1.statuses.create({ status: "local" });
    await alice.client.v1.statuses.$select(st.id).favourite();
    await alice.client.v1.statuses.$select(st.id).unfavourite();
    expect(deliveryJobs(s)).toBe(0);
    expect(await atB(0)).toEqual([]);
  });
});

describe("Follow", () => {
  test("following a remote account sends Follow and keeps a pending request with its id; unfollowing sends Undo(Follow)", async () => {
    const rel = await alice.client.v1.accounts.$select(String(dave.id)).follow();
    expect(rel.requested).toBe(true);
    expect(rel.following).toBe(false);
    const [follow] = await atB(1);
    expect(follow).toMatchObject({ type: "Follow", actor: alice.account.uri, object: dave.uri });
    const req = s.ctx.db
      .query<{ uri: string }, [number, number]>("SELECT uri FROM follow_requests WHERE account_id = ? AND target_account_id = ?")
      .get(alice.account.id, dave.id)!;
    expect(req.uri).toBe(follow.id);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", alice.account.id, dave.id)).toBe(0);

    await alice.client.v1.accounts.$select(String(dave.id)).unfollow();
    const [undo] = await atB(1);
    expect(undo).toMatchObject({
      type: "Undo",
      actor: alice.account.uri,
      object: { type: "Follow", id: follow.id, actor: alice.account.uri, object: dave.uri },
    });
    expect(s.count("follow_requests", "account_id = ?", alice.account.id)).toBe(0);
  });

  test("authorizing and rejecting remote follow requests send Accept / Reject with the remote Follow's id", async () => {
    s.ctx.db.query("UPDATE accounts SET locked = 1 WHERE id = ?").run(alice.account.id);
    const insert = s.ctx.db.query(
      "INSERT INTO follow_requests (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, ?)",
    );
    insert.run(s.ctx.ids.next(), dave.id, alice.account.id, `${b.base}/follows/dave-1`, s.ctx.now());
    insert.run(s.ctx.ids.next(), frank.id, alice.account.id, `${b.base}/follows/frank-1`, s.ctx.now());

    await alice.client.v1.followRequests.$select(String(dave.id)).authorize();
    const [accept] = await atB(1);
    expect(accept).toMatchObject({
      type: "Accept",
      actor: alice.account.uri,
      object: { type: "Follow", id: `${b.base}/follows/dave-1`, actor: dave.uri, object: alice.account.uri },
    });
    expect(accept.id).toStartWith(`${alice.account.uri}#accepts/follows/`);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", dave.id, alice.account.id)).toBe(1);

    await alice.client.v1.followRequests.$select(String(frank.id)).reject();
    const [reject] = await atB(1);
    expect(reject).toMatchObject({
      type: "Reject",
      actor: alice.account.uri,
      object: { type: "Follow", id: `${b.base}/follows/frank-1`, actor: frank.uri },
    });
    s.ctx.db.query("UPDATE accounts SET locked = 0 WHERE id = ?").run(alice.account.id);
  });

  test("removing a remote follower sends Reject(Follow)", async () => {
    const res = await s.api("POST", `/api/v1/accounts/${dave.id}/remove_from_followers`, { token: alice.token });
    expect(res.status).toBe(200);
    const [reject] = await atB(1);
    expect(reject).toMatchObject({
      type: "Reject",
      actor: alice.account.uri,
      object: { type: "Follow", id: `${b.base}/follows/dave-1`, actor: dave.uri, object: alice.account.uri },
    });
  });

  test("following and unfollowing a local account delivers nothing", async () => {
    await alice.client.v1.accounts.$select(carol.id).follow();
    await alice.client.v1.accounts.$select(carol.id).unfollow();
    expect(deliveryJobs(s)).toBe(0);
    expect(await atB(0)).toEqual([]);
  });
});

describe("Block", () => {
  test("blocking a remote follower sends Reject(Follow) then Block; unblocking sends Undo(Block)", async () => {
    remoteFollows(s, frank.id, alice.account.id, `${b.base}/follows/frank-2`);
    await alice.client.v1.accounts.$select(String(frank.id)).block();
    const got = await atB(2);
    expect(got.map((x) => x.type).sort()).toEqual(["Block", "Reject"]);
    const block = got.find((x) => x.type === "Block");
    const blockId = s.ctx.db
      .query<{ id: number; uri: string }, [number]>("SELECT id, uri FROM blocks WHERE target_account_id = ?")
      .get(frank.id)!;
    expect(block).toMatchObject({ id: `${alice.account.uri}#blocks/${blockId.id}`, actor: alice.account.uri, object: frank.uri });
    expect(blockId.uri).toBe(block.id);
    expect(got.find((x) => x.type === "Reject").object.id).toBe(`${b.base}/follows/frank-2`);

    await alice.client.v1.accounts.$select(String(frank.id)).block(); // again: nothing new
    expect(await atB(0)).toEqual([]);

    await alice.client.v1.accounts.$select(String(frank.id)).unblock();
    const [undo] = await atB(1);
    expect(undo).toMatchObject({
      type: "Undo",
      id: `${block.id}/undo`,
      actor: alice.account.uri,
      object: { type: "Block", id: block.id, object: frank.uri },
    });
  });

  test("blocking a remote account we follow sends Undo(Follow) and Block", async () => {
    await alice.client.v1.accounts.$select(String(dave.id)).follow();
    const [follow] = await atB(1);
    await alice.client.v1.accounts.$select(String(dave.id)).block();
    const got = await atB(2);
    expect(got.map((x) => x.type).sort()).toEqual(["Block", "Undo"]);
    expect(got.find((x) => x.type === "Undo").object.id).toBe(follow.id);
  });

  test("blocking a local account delivers nothing", async () => {
    await alice.client.v1.accounts.$select(carol.id).block();
    await alice.client.v1.accounts.$select(carol.id).unblock();
    expect(deliveryJobs(s)).toBe(0);
    expect(await atB(0)).toEqual([]);
  });
});
