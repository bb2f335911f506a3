/**
 * Two Hearth instances talking over real HTTP with real signatures, driven through each
 * side's client API: follow (also of a locked account), post, reply with mention, like and
 * boost notifications, edit, delete, profile update, block, Move.
 * Jobs run only when settle() drains both queues, so every step is deterministic.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { resolveAccountByHandle } from "../../../src/services/federation/resolve-account";
import { moveAccount, setAlias } from "../../../src/services/federation/move";
import { drainAll, startTestServer, type TestServer, type TestUser } from "../../rig";

let A: TestServer;
let B: TestServer;
let ann: TestUser; // on A
let lou: TestUser; // on A, locked
let bea: TestUser; // on B
let annOnB: string; // ann's account id on B
let beaOnA: string;

/** Drains both queues until neither has work left (at most 20 rounds): the rig's drainAll. */
async function settle(): Promise<void> {
  await drainAll([A, B], { done: (ran) => ran === 0, maxRounds: 20, pauseMs: 0, maxMs: Number.POSITIVE_INFINITY });
}

async function remoteId(on: TestServer, handle: string): Promise<string> {
  const a = await resolveAccountByHandle(on.ctx, handle);
  if (!a) throw new Error(`cannot resolve ${handle}`);
  return String(a.id);
}

beforeAll(async () => {
  [A, B] = await Promise.all([startTestServer({ runJobs: false }), startTestServer({ runJobs: false })]);
  [ann, lou, bea] = await Promise.all([A.createUser("ann"), A.createUser("lou", { locked: true }), B.createUser("bea")]);
  annOnB = await remoteId(B, `ann@${A.domain}`);
}, 20_000);

afterAll(async () => {
  await Promise.all([A.stop(), B.stop()]);
});

describe("two instances", () => {
  test("B follows A: Follow → Accept → both sides have the follow", async () => {
    const rel = await bea.client.v1.accounts.$select(annOnB).follow();
    expect(rel.requested).toBe(true);
    await settle();
    const [after] = await bea.client.v1.accounts.relationships.fetch({ id: [annOnB] });
    expect(after!.following).toBe(true);
    expect(after!.requested).toBe(false);
    beaOnA = String(A.ctx.db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE uri = ?").get(bea.account.uri)!.id);
    expect(A.count("follows", "account_id = ? AND target_account_id = ?", Number(beaOnA), ann.account.id)).toBe(1);
    const notes = await ann.client.v1.notifications.list();
    expect(notes.some((n) => n.type === "follow" && n.account.id === beaOnA)).toBe(true);
  });

  test("following a locked account waits for authorization", async () => {
    const louOnB = await remoteId(B, `lou@${A.domain}`);
    await bea.client.v1.accounts.$select(louOnB).follow();
    await settle();
    const [pending] = await bea.client.v1.accounts.relationships.fetch({ id: [louOnB] });
    expect(pending!.requested).toBe(true);
    expect(pending!.following).toBe(false);
    const requests = await lou.client.v1.followRequests.list();
    expect(requests.map((a) => a.acct)).toEqual([`bea@${B.domain}`]);
    await lou.client.v1.followRequests.$select(requests[0]!.id).authorize();
    await settle();
    const [done] = await bea.client.v1.accounts.relationships.fetch({ id: [louOnB] });
    expect(done!.following).toBe(true);
  });

  test("A posts → B's home timeline; like and boost notify on A; edit and delete propagate", async () => {
    const post = await ann.client.v1.statuses.create({ status: "hello from A", visibility: "public" });
    await settle();
    const home = await bea.client.v1.timelines.home.list({ limit: 5 });
    const seen = home.find((x) => x.uri === post.uri);
    expect(seen?.content).toContain("hello from A");
    expect(seen!.account.acct).toBe(`ann@${A.domain}`);

    await bea.client.v1.statuses.$select(seen!.id).favourite();
    await bea.client.v1.statuses.$select(seen!.id).reblog();
    await settle();
    const notes = await ann.client.v1.notifications.list();
    expect(notes.find((n) => n.type === "favourite")?.status?.id).toBe(post.id);
    expect(notes.find((n) => n.type === "reblog")?.account.acct).toBe(`bea@${B.domain}`);
    const onA = await ann.client.v1.statuses.$select(post.id).fetch();
    expect([onA.favouritesCount, onA.reblogsCount]).toEqual([1, 1]);

    await bea.client.v1.statuses.$select(seen!.id).unfavourite();
    await settle();
    expect((await ann.client.v1.statuses.$select(post.id).fetch()).favouritesCount).toBe(0);

    await ann.client.v1.statuses.$select(post.id).update({ status: "hello from A, edited" });
    await settle();
    const edited = await bea.client.v1.statuses.$select(seen!.id).fetch();
    expect(edited.content).toContain("edited");
    expect(edited.editedAt).not.toBeNull();

    await ann.client.v1.statuses.$select(post.id).remove();
    await settle();
    expect(B.count("statuses", "uri = ?", post.uri)).toBe(0);
  });

  test("a reply mentioning B's user notifies her", async () => {
    const post = await ann.client.v1.statuses.create({ status: `@bea@${B.domain} are you there?` });
    await settle();
    const notes = await bea.client.v1.notifications.list({ types: ["mention"] });
    const m = notes.find((n) => n.status?.uri === post.uri);
    expect(m?.account.acct).toBe(`ann@${A.domain}`);
  });

  test("a profile update reaches B", async () => {
    await ann.client.v1.accounts.updateCredentials({ displayName: "Ann of A" });
    await settle();
    const acct = await bea.client.v1.accounts.$select(annOnB).fetch();
    expect(acct.displayName).toBe("Ann of A");
  });

  test("A's user blocks B's user: the follow ends on both sides", async () => {
    await lou.client.v1.accounts.$select(beaOnA).block();
    await settle();
    const louOnB = B.ctx.db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE uri = ?").get(lou.account.uri)!.id;
    expect(B.count("blocks", "account_id = ? AND target_account_id = ?", louOnB, bea.account.id)).toBe(1);
    expect(B.count("follows", "account_id = ? AND target_account_id = ?", bea.account.id, louOnB)).toBe(0);
    const [rel] = await bea.client.v1.accounts.relationships.fetch({ id: [String(louOnB)] });
    expect(rel!.following).toBe(false);
  });

  test("Move: ann moves to a new account on B; bea's follow moves with her", async () => {
    const annNew = await B.createUser("annnew");
    await setAlias(B.ctx, annNew.account.id, `ann@${A.domain}`);
    await moveAccount(A.ctx, ann.account.id, `annnew@${B.domain}`);
    await settle();
    const [toOld, toNew] = await bea.client.v1.accounts.relationships.fetch({ id: [annOnB, annNew.id] });
    expect(toOld!.following).toBe(false);
    expect(toNew!.following).toBe(true);
    const moved = await bea.client.v1.accounts.$select(annOnB).fetch();
    expect(moved.moved?.id).toBe(annNew.id);
    // A got the Undo(Follow)
    expect(A.count("follows", "account_id = ? AND target_account_id = ?", Number(beaOnA), ann.account.id)).toBe(0);
  });
});
