/**
 * POST /inbox and /users/:name/inbox: what is accepted (202, one ap.inbox job) and what is
 * refused with which status, writing nothing. Jobs are not run in the background here so the
 * queue can be inspected; tests drain explicitly.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { blockDomain, unblockDomain } from "../../../src/services/admin/block-domain";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { FakeRemote, type FakeActor } from "./fake-remote";

let s: TestServer;
let alice: TestUser;
let remote: FakeRemote;
let bob: FakeActor;
let eve: FakeActor;
let inbox: string;

const CONTENT_TABLES = ["statuses", "follows", "follow_requests", "favourites", "notifications", "blocks", "reports", "status_pins"];
function snapshot(): { jobs: number } & Record<string, number> {
  const out: { jobs: number } & Record<string, number> = { jobs: s.count("jobs", "kind = 'ap.inbox'") };
  for (const t of CONTENT_TABLES) out[t] = s.count(t);
  return out;
}

function follow(actor: FakeActor, id = remote.id()): Record<string, unknown> {
  return { "@context": "https://www.w3.org/ns/activitystreams", id, type: "Follow", actor: actor.uri, object: alice.account.uri };
}

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  alice = await s.createUser("alice");
  remote = new FakeRemote();
  bob = await remote.addActor("bob");
  eve = await remote.addActor("eve", {}, 1);
  inbox = `${s.url}/inbox`;
});

afterAll(async () => {
  remote.stop();
  await s.stop();
});

describe("refused requests write nothing", () => {
  test("unsigned → 401", async () => {
    const before = snapshot();
    const res = await fetch(inbox, {
      method: "POST",
      headers: { "Content-Type": "application/activity+json" },
      body: JSON.stringify(follow(bob)),
    });
    expect(res.status).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  test("signed with another key than the keyId's → 401", async () => {
    const before = snapshot();
    const res = await remote.send(inbox, follow(bob), bob, { privateKeyPem: eve.privateKeyPem });
    expect(res.status).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  test("body changed after signing (wrong Digest) → 401", async () => {
    const before = snapshot();
    const res = await remote.send(inbox, follow(bob), bob, { tamper: (h, b) => ({ headers: h, body: b.replace("Follow", "Block ") }) });
    expect(res.status).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  test("Digest header that does not match the body → 401", async () => {
    const before = snapshot();
    const res = await remote.send(inbox, follow(bob), bob, {
      tamper: (h, b) => ({ headers: { ...h, Digest: "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" }, body: b }),
    });
    expect(res.status).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  test("expired Date (two hours old) → 401", async () => {
    const before = snapshot();
    const res = await remote.send(inbox, follow(bob), bob, { now: Date.now() - 2 * 3600_000 });
    expect(res.status).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  test("signer is not the activity's actor → 401", async () => {
    const before = snapshot();
    const res = await remote.send(inbox, follow(bob), eve);
    expect(res.status).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  test("body over 1 MB → 413", async () => {
    const before = snapshot();
    const big = { ...follow(bob), padding: "x".repeat(1024 * 1024 + 10) };
    const res = await remote.send(inbox, big, bob);
    expect(res.status).toBe(413);
    expect(snapshot()).toEqual(before);
  });

  test("JSON nested deeper than 32 levels → 400", async () => {
    const before = snapshot();
    let deep: any = "x";
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const res = await remote.send(inbox, { ...follow(bob), deep }, bob);
    expect(res.status).toBe(400);
    // nesting inside strings does not count
    const okRes = await remote.send(inbox, { ...follow(bob), note: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" }, bob);
    expect(okRes.status).toBe(202);
    const after = snapshot();
    expect(after.jobs).toBe(before.jobs + 1);
    s.ctx.db.query("DELETE FROM jobs WHERE kind = 'ap.inbox'").run();
  });

  test("invalid JSON → 400", async () => {
    const before = snapshot();
    const res = await remote.send(inbox, '{"type": "Follow", "actor": ', bob);
    expect(res.status).toBe(400);
    expect(snapshot()).toEqual(before);
  });

  test("not an object, no type, no actor → 400", async () => {
    const before = snapshot();
    for (const body of [
      [follow(bob)],
      '"Follow"',
      { ...follow(bob), type: undefined },
      { ...follow(bob), actor: undefined },
      { ...follow(bob), type: 5 },
    ]) {
      const res = await remote.send(inbox, body, bob);
      expect(res.status).toBe(400);
    }
    expect(snapshot()).toEqual(before);
  });

  test("personal inbox of an unknown user → 404", async () => {
    const before = snapshot();
    const res = await remote.send(`${s.url}/users/nobody/inbox`, follow(bob), bob);
    expect(res.status).toBe(404);
    expect(snapshot()).toEqual(before);
  });

  test("a suspended domain → 403", async () => {
    blockDomain(s.ctx, { domain: remote.host, severity: "suspend", rejectMedia: false });
    try {
      const before = snapshot();
      const res = await remote.send(inbox, follow(bob), bob);
      expect(res.status).toBe(403);
      expect(snapshot()).toEqual(before);
    } finally {
      unblockDomain(s.ctx, remote.host);
    }
  });

  test("Delete of an unknown actor by itself → 202 without fetching or storing", async () => {
    const ghost = await remote.addActor("ghost");
    remote.actors.delete("ghost"); // its document is gone (410)
    const before = snapshot();
    const res = await remote.send(inbox, { id: remote.id(), type: "Delete", actor: ghost.uri, object: ghost.uri }, ghost);
    expect(res.status).toBe(202);
    expect(snapshot()).toEqual(before);
  });
});

describe("accepted requests", () => {
  test("a signed Follow → 202 and exactly one ap.inbox job", async () => {
    const before = snapshot();
    const res = await remote.send(inbox, follow(bob), bob);
    expect(res.status).toBe(202);
    expect(snapshot().jobs).toBe(before.jobs + 1);
    const job = s.ctx.db.query<{ payload: string }, []>("SELECT payload FROM jobs WHERE kind = 'ap.inbox' ORDER BY id DESC").get()!;
    const payload = JSON.parse(job.payload);
    expect(payload.activity.type).toBe("Follow");
    expect(payload.signerAccountId).toBe(
      s.ctx.db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE uri = ?").get(bob.uri)!.id,
    );
    expect(payload.recipientUsername).toBeUndefined();
    s.ctx.db.query("DELETE FROM jobs WHERE kind = 'ap.inbox'").run();
  });

  test("personal inbox records the recipient", async () => {
    const res = await remote.send(`${s.url}/users/ALICE/inbox`, follow(bob), bob);
    expect(res.status).toBe(202);
    const job = s.ctx.db.query<{ payload: string }, []>("SELECT payload FROM jobs WHERE kind = 'ap.inbox'").get()!;
    expect(JSON.parse(job.payload).recipientUsername).toBe("alice");
    s.ctx.db.query("DELETE FROM jobs WHERE kind = 'ap.inbox'").run();
  });

  test("an unknown activity type → 202, processed as nothing", async () => {
    const before = snapshot();
    const res = await remote.send(inbox, { id: remote.id(), type: "Dance", actor: bob.uri, object: alice.account.uri }, bob);
    expect(res.status).toBe(202);
    await s.drain();
    expect(snapshot()).toEqual(before);
  });

  test("a replayed activity is accepted (202) but processed once", async () => {
    const a = follow(bob);
    const r1 = await remote.send(inbox, a, bob);
    const r2 = await remote.send(inbox, a, bob);
    expect([r1.status, r2.status]).toEqual([202, 202]);
    expect(s.count("jobs", "kind = 'ap.inbox'")).toBe(1);
    await s.drain();
    expect(s.count("follows", "target_account_id = ?", alice.account.id)).toBe(1);
    const r3 = await remote.send(inbox, a, bob);
    expect(r3.status).toBe(202);
    expect(s.count("jobs", "kind = 'ap.inbox'")).toBe(0);
    expect(s.count("notifications", "account_id = ? AND type = 'follow'", alice.account.id)).toBe(1);
  });

  test("a forged attributedTo → 202 but nothing stored", async () => {
    const before = snapshot();
    const note = remote.note(eve, "I am eve, says bob");
    const res = await remote.send(inbox, { id: remote.id(), type: "Create", actor: bob.uri, object: note, to: note.to }, bob);
    expect(res.status).toBe(202);
    await s.drain();
    const after = snapshot();
    expect(after.statuses).toBe(before.statuses);
  });

  test("a rotated key is refetched once and then verifies", async () => {
    const carol = await remote.addActor("carol", {}, 0);
    expect((await remote.send(inbox, { id: remote.id(), type: "Dance", actor: carol.uri }, carol)).status).toBe(202);
    const rotated = await remote.addActor("carol", {}, 2);
    expect((await remote.send(inbox, { id: remote.id(), type: "Dance", actor: carol.uri }, rotated)).status).toBe(202);
    const row = s.ctx.db.query<{ public_key_pem: string }, [string]>("SELECT public_key_pem FROM accounts WHERE uri = ?").get(carol.uri)!;
    expect(row.public_key_pem.trim()).toBe(rotated.publicKeyPem.trim());
    await s.drain();
  });
});
