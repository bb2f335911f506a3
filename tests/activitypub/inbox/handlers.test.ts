/**
 * Each inbox activity type, sent signed by a fake remote server to one Hearth instance,
 * processed by the ap.inbox job: the rows it writes, the notifications, what is delivered
 * back, and what is ignored (wrong owner, invisible status, unknown object).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { AccountRow, StatusRow } from "../../../src/db/rows";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { insertStatus } from "../../rig/fixtures";
import { FakeRemote, type FakeActor } from "./fake-remote";

let s: TestServer;
let alice: TestUser;
let lena: TestUser;
let remote: FakeRemote;
let bob: FakeActor;
let eve: FakeActor;

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

async function send(activity: Record<string, unknown>, signer: FakeActor = bob, path = "/inbox"): Promise<void> {
  const res = await remote.send(
    `${s.url}${path}`,
    { "@context": "https://www.w3.org/ns/activitystreams", id: remote.id(), ...activity },
    signer,
  );
  expect(res.status).toBe(202);
  await s.drain();
}

function account(uri: string): AccountRow {
  return s.ctx.db.query<AccountRow, [string]>("SELECT * FROM accounts WHERE uri = ?").get(uri)!;
}

/** A remote status row for `a` (as if received earlier). */
function remoteStatus(a: FakeActor, visibility = 0): StatusRow {
  const id = s.ctx.ids.next();
  const uri = remote.id("notes");
  return s.ctx.db
    .query<StatusRow, any[]>(
      "INSERT INTO statuses (id, uri, account_id, local, content, visibility, created_at, updated_at) VALUES (?, ?, ?, 0, '<p>hi</p>', ?, ?, ?) RETURNING *",
    )
    .get(id, uri, account(a.uri).id, visibility, Date.now(), Date.now())!;
}

beforeAll(async () => {
  // Jobs run only in drain(): a background runner could still hold a job when drain returns.
  s = await startTestServer({ runJobs: false });
  alice = await s.createUser("alice");
  lena = await s.createUser("lena", { locked: true });
  remote = new FakeRemote();
  bob = await remote.addActor("bob");
  eve = await remote.addActor("eve", {}, 1);
  // make both remote actors known
  await send({ type: "Dance", actor: bob.uri });
  await send({ type: "Dance", actor: eve.uri }, eve);
});

afterAll(async () => {
  remote.stop();
  await s.stop();
});

describe("Follow / Accept / Reject / Undo", () => {
  test("Follow of an unlocked account: follow, notification, Accept delivered", async () => {
    const id = remote.id();
    await send({ id, type: "Follow", actor: bob.uri, object: alice.account.uri });
    const b = account(bob.uri);
    expect(s.count("follows", "account_id = ? AND target_account_id = ? AND uri = ?", b.id, alice.account.id, id)).toBe(1);
    expect(s.count("notifications", "account_id = ? AND from_account_id = ? AND type = 'follow'", alice.account.id, b.id)).toBe(1);
    expect(account(alice.account.uri).followers_count).toBe(1);
    const accepts = remote.receivedOfType("Accept");
    expect(accepts.length).toBe(1);
    expect(accepts[0]!.path).toBe("/users/bob/inbox");
    expect(accepts[0]!.body.actor).toBe(alice.account.uri);
    expect(accepts[0]!.body.object.id ?? accepts[0]!.body.object).toBe(id);
  });

  test("Follow of a locked account: request + follow_request notification, no Accept until authorized", async () => {
    const id = remote.id();
    const accepts = remote.receivedOfType("Accept").length;
    await send({ id, type: "Follow", actor: bob.uri, object: lena.account.uri });
    const b = account(bob.uri);
    expect(s.count("follow_requests", "account_id = ? AND target_account_id = ? AND uri = ?", b.id, lena.account.id, id)).toBe(1);
    expect(s.count("follows", "target_account_id = ?", lena.account.id)).toBe(0);
    expect(s.count("notifications", "account_id = ? AND type = 'follow_request'", lena.account.id)).toBe(1);
    expect(remote.receivedOfType("Accept").length).toBe(accepts);
    await lena.client.v1.followRequests.$select(String(b.id)).authorize();
    await s.drain();
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", b.id, lena.account.id)).toBe(1);
    const last = remote.receivedOfType("Accept").at(-1)!;
    expect(last.body.object.id ?? last.body.object).toBe(id);
  });

  test("Undo(Follow) embedded and by id", async () => {
    const b = account(bob.uri);
    await send({ type: "Undo", actor: bob.uri, object: { type: "Follow", actor: bob.uri, object: lena.account.uri } });
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", b.id, lena.account.id)).toBe(0);
    const id = remote.id();
    await send({ id, type: "Follow", actor: bob.uri, object: lena.account.uri });
    expect(s.count("follow_requests", "account_id = ? AND target_account_id = ?", b.id, lena.account.id)).toBe(1);
    await send({ type: "Undo", actor: bob.uri, object: id });
    expect(s.count("follow_requests", "account_id = ? AND target_account_id = ?", b.id, lena.account.id)).toBe(0);
    expect(s.count("notifications", "account_id = ? AND type = 'follow_request' AND from_account_id = ?", lena.account.id, b.id)).toBe(0);
  });

  test("Undo of someone else's Follow is ignored", async () => {
    const b = account(bob.uri);
    await send({ type: "Undo", actor: eve.uri, object: { type: "Follow", actor: bob.uri, object: alice.account.uri } }, eve);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", b.id, alice.account.id)).toBe(1);
  });

  test("our Follow is Accepted → follows row; Reject → gone", async () => {
    const b = account(bob.uri);
    await alice.client.v1.accounts.$select(String(b.id)).follow();
    await s.drain();
    const req = s.ctx.db
      .query<{ uri: string }, [number, number]>("SELECT uri FROM follow_requests WHERE account_id = ? AND target_account_id = ?")
      .get(alice.account.id, b.id)!;
    expect(req.uri).toBeTruthy();
    const sent = remote.receivedOfType("Follow").at(-1)!;
    expect(sent.body.id).toBe(req.uri);
    // an Accept from someone else changes nothing
    await send({ type: "Accept", actor: eve.uri, object: sent.body }, eve);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", alice.account.id, b.id)).toBe(0);
    await send({ type: "Accept", actor: bob.uri, object: sent.body.id });
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", alice.account.id, b.id)).toBe(1);
    expect(s.count("follow_requests", "account_id = ? AND target_account_id = ?", alice.account.id, b.id)).toBe(0);
    await send({ type: "Reject", actor: bob.uri, object: { type: "Follow", actor: alice.account.uri, object: bob.uri } });
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", alice.account.id, b.id)).toBe(0);
    expect(account(alice.account.uri).following_count).toBe(0);
    // follow again and stay following for later tests (Accept with the embedded Follow)
    await alice.client.v1.accounts.$select(String(b.id)).follow();
    await s.drain();
    await send({ type: "Accept", actor: bob.uri, object: remote.receivedOfType("Follow").at(-1)!.body });
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", alice.account.id, b.id)).toBe(1);
  });
});

describe("Create / Update(Note)", () => {
  test("Create by a followed actor is stored; a forged attributedTo or a foreign-origin object is not", async () => {
    const note = remote.note(bob, "a real post by bob");
    await send({ type: "Create", actor: bob.uri, object: note, to: note.to, cc: note.cc });
    expect(s.count("statuses", "uri = ? AND account_id = ?", note.id, account(bob.uri).id)).toBe(1);
    const forged = remote.note(eve, "eve's words, sent by bob");
    await send({ type: "Create", actor: bob.uri, object: forged, to: forged.to });
    const foreign: Record<string, any> = { ...remote.note(bob, "elsewhere"), id: "https://elsewhere.example/notes/1" };
    await send({ type: "Create", actor: bob.uri, object: foreign, to: foreign.to });
    expect(s.count("statuses", "uri IN (?, ?)", forged.id, foreign.id)).toBe(0);
    // Update by the author edits it; by someone else is ignored
    await send({ type: "Update", actor: eve.uri, object: { ...note, attributedTo: eve.uri, content: "<p>hijacked</p>" } }, eve);
    await send({ type: "Update", actor: bob.uri, object: { ...note, content: "<p>edited by bob</p>", updated: new Date().toISOString() } });
    const row = s.ctx.db.query<StatusRow, [string]>("SELECT * FROM statuses WHERE uri = ?").get(note.id)!;
    expect(row.content).toContain("edited by bob");
  });

  test("Update of a note never seen stands for its Create (Mastodon 4.4.5+), unless published over a day ago or forged", async () => {
    const fresh = remote.note(bob, "the Update came first");
    await send({ type: "Update", actor: bob.uri, object: fresh, to: fresh.to, cc: fresh.cc });
    expect(s.count("statuses", "uri = ? AND account_id = ?", fresh.id, account(bob.uri).id)).toBe(1);
    const old: Record<string, any> = {
      ...remote.note(bob, "an old post edited"),
      published: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    };
    await send({ type: "Update", actor: bob.uri, object: old, to: old.to, cc: old.cc });
    const forged = remote.note(eve, "eve's words in bob's Update");
    await send({ type: "Update", actor: bob.uri, object: forged, to: forged.to });
    expect(s.count("statuses", "uri IN (?, ?)", old.id, forged.id)).toBe(0);
  });
});

describe("Like / Announce / Undo", () => {
  test("Like of a public status → favourite + notification; Undo → gone", async () => {
    const st = insertStatus(s.ctx, alice.account.id, { text: "likeable" });
    const id = remote.id();
    await send({ id, type: "Like", actor: eve.uri, object: st.uri }, eve);
    const e = account(eve.uri);
    expect(s.count("favourites", "account_id = ? AND status_id = ? AND uri = ?", e.id, st.id, id)).toBe(1);
    expect(s.count("notifications", "account_id = ? AND type = 'favourite' AND status_id = ?", alice.account.id, st.id)).toBe(1);
    await send({ type: "Undo", actor: eve.uri, object: { id, type: "Like", actor: eve.uri, object: st.uri } }, eve);
    expect(s.count("favourites", "status_id = ?", st.id)).toBe(0);
    expect(s.count("notifications", "type = 'favourite' AND status_id = ?", st.id)).toBe(0);
  });

  test("Misskey's Like with a reaction and EmojiReact count as favourites", async () => {
    const st = insertStatus(s.ctx, alice.account.id, { text: "react" });
    await send({ type: "Like", actor: eve.uri, object: st.uri, content: "🍮", _misskey_reaction: "🍮" }, eve);
    await send({ type: "EmojiReact", actor: bob.uri, object: st.uri, content: "👍" });
    expect(s.count("favourites", "status_id = ?", st.id)).toBe(2);
  });

  test("Like of a private status by a non-follower, or of an unknown status, is ignored", async () => {
    const st = insertStatus(s.ctx, alice.account.id, { text: "secret", visibility: "private" });
    await send({ type: "Like", actor: eve.uri, object: st.uri }, eve);
    await send({ type: "Like", actor: eve.uri, object: `${s.url}/users/alice/statuses/1` }, eve);
    expect(s.count("favourites", "status_id = ?", st.id)).toBe(0);
    // bob follows alice: he may
    await send({ type: "Like", actor: bob.uri, object: st.uri });
    expect(s.count("favourites", "status_id = ?", st.id)).toBe(1);
  });

  test("Announce of a public status → boost row, notification, boosts count; Undo → gone", async () => {
    const st = insertStatus(s.ctx, alice.account.id, { text: "boostable" });
    const id = remote.id();
    await send({ id, type: "Announce", actor: eve.uri, object: st.uri, to: [PUBLIC], cc: [eve.followers] }, eve);
    const boost = s.ctx.db.query<StatusRow, [string]>("SELECT * FROM statuses WHERE uri = ?").get(id)!;
    expect(boost.reblog_of_id).toBe(st.id);
    expect(boost.visibility).toBe(0);
    expect(s.count("notifications", "account_id = ? AND type = 'reblog' AND status_id = ?", alice.account.id, st.id)).toBe(1);
    const statuses = await alice.client.v1.statuses.$select(String(st.id)).fetch();
    expect(statuses.reblogsCount).toBe(1);
    await send({ type: "Undo", actor: eve.uri, object: { id, type: "Announce", actor: eve.uri, object: st.uri } }, eve);
    expect(s.count("statuses", "uri = ?", id)).toBe(0);
    expect((await alice.client.v1.statuses.$select(String(st.id)).fetch()).reblogsCount).toBe(0);
  });

  test("Announce of a private status is ignored", async () => {
    const st = insertStatus(s.ctx, alice.account.id, { text: "private", visibility: "private" });
    await send({ type: "Announce", actor: bob.uri, object: st.uri, to: [PUBLIC] });
    expect(s.count("statuses", "reblog_of_id = ?", st.id)).toBe(0);
  });

  test("Announce by someone alice follows lands in her home timeline", async () => {
    const st = insertStatus(s.ctx, lena.account.id, { text: "lena's post" });
    const id = remote.id();
    await send({ id, type: "Announce", actor: bob.uri, object: st.uri, to: [PUBLIC] });
    const home = await alice.client.v1.timelines.home.list({ limit: 5 });
    expect(home[0]?.reblog?.id).toBe(String(st.id));
    await send({ type: "Undo", actor: bob.uri, object: id });
    const after = await alice.client.v1.timelines.home.list({ limit: 5 });
    expect(after.some((x) => x.reblog?.id === String(st.id))).toBe(false);
  });
});

describe("Delete / Block / Flag / Add / Remove / Update(Person)", () => {
  test("Delete of a status: only by its author; then tombstoned", async () => {
    const st = remoteStatus(bob);
    await send({ type: "Delete", actor: eve.uri, object: st.uri }, eve);
    expect(s.count("statuses", "id = ?", st.id)).toBe(1);
    await send({ type: "Delete", actor: bob.uri, object: { id: st.uri, type: "Tombstone" } });
    expect(s.count("statuses", "id = ?", st.id)).toBe(0);
    expect(s.count("tombstones", "uri = ?", st.uri)).toBe(1);
  });

  test("Add / Remove to the featured collection pin and unpin", async () => {
    const st = remoteStatus(bob);
    const b = account(bob.uri);
    await send({ type: "Add", actor: bob.uri, object: st.uri, target: "https://elsewhere.example/featured" });
    expect(s.count("status_pins", "status_id = ?", st.id)).toBe(0);
    await send({ type: "Add", actor: bob.uri, object: st.uri, target: b.featured_url });
    expect(s.count("status_pins", "account_id = ? AND status_id = ?", b.id, st.id)).toBe(1);
    await send({ type: "Remove", actor: bob.uri, object: st.uri, target: b.featured_url });
    expect(s.count("status_pins", "status_id = ?", st.id)).toBe(0);
  });

  test("Flag → a report per local target account", async () => {
    const st = insertStatus(s.ctx, alice.account.id, { text: "reported" });
    const id = remote.id();
    await send(
      { id, type: "Flag", actor: eve.uri, object: [alice.account.uri, st.uri, "https://elsewhere.example/x"], content: "spam" },
      eve,
    );
    const r = s.ctx.db.query<any, [string]>("SELECT * FROM reports WHERE uri = ?").get(id);
    expect(r.account_id).toBe(account(eve.uri).id);
    expect(r.target_account_id).toBe(alice.account.id);
    expect(JSON.parse(r.status_ids)).toEqual([String(st.id)]);
    expect(r.comment).toBe("spam");
    await send({ type: "Flag", actor: eve.uri, object: ["https://elsewhere.example/x"] }, eve);
    expect(s.count("reports")).toBe(1);
  });

  test("Update(Person) of the actor itself updates the profile; of another actor is ignored", async () => {
    await send({ type: "Update", actor: bob.uri, object: { ...remote.actorDoc(bob), name: "Bob Renamed" } });
    expect(account(bob.uri).display_name).toBe("Bob Renamed");
    await send({ type: "Update", actor: eve.uri, object: { ...remote.actorDoc(bob), name: "Bob by Eve" } }, eve);
    expect(account(bob.uri).display_name).toBe("Bob Renamed");
  });

  test("Block → block row, follows both ways end; Undo(Block) → gone", async () => {
    const e = account(eve.uri);
    await send({ type: "Follow", actor: eve.uri, object: alice.account.uri }, eve);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", e.id, alice.account.id)).toBe(1);
    const id = remote.id();
    await send({ id, type: "Block", actor: eve.uri, object: alice.account.uri }, eve);
    expect(s.count("blocks", "account_id = ? AND target_account_id = ? AND uri = ?", e.id, alice.account.id, id)).toBe(1);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", e.id, alice.account.id)).toBe(0);
    // blocked: a new Follow is answered with Reject
    const rejects = remote.receivedOfType("Reject").length;
    await send({ type: "Follow", actor: eve.uri, object: alice.account.uri }, eve);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", e.id, alice.account.id)).toBe(0);
    expect(remote.receivedOfType("Reject").length).toBe(rejects + 1);
    await send({ type: "Undo", actor: eve.uri, object: { id, type: "Block", actor: eve.uri, object: alice.account.uri } }, eve);
    expect(s.count("blocks", "account_id = ?", e.id)).toBe(0);
  });
});

describe("Move and Delete(Person)", () => {
  test("Move without alsoKnownAs on the target is ignored", async () => {
    const bob2 = await remote.addActor("bob2", {}, 2);
    await send({ type: "Move", actor: bob.uri, object: bob.uri, target: bob2.uri });
    expect(account(bob.uri).moved_to_account_id).toBeNull();
  });

  test("Move to an account that lists the origin: followers move", async () => {
    const bob3 = await remote.addActor("bob3", { alsoKnownAs: [bob.uri] }, 2);
    const b = account(bob.uri);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", alice.account.id, b.id)).toBe(1);
    const follows = remote.receivedOfType("Follow").length;
    await send({ type: "Move", actor: bob.uri, object: bob.uri, target: bob3.uri });
    const b3 = account(bob3.uri);
    expect(account(bob.uri).moved_to_account_id).toBe(b3.id);
    expect(s.count("follows", "account_id = ? AND target_account_id = ?", alice.account.id, b.id)).toBe(0);
    expect(s.count("follow_requests", "account_id = ? AND target_account_id = ?", alice.account.id, b3.id)).toBe(1);
    const sent = remote.receivedOfType("Follow").slice(follows);
    expect(sent.map((r) => [r.path, r.body.object])).toEqual([["/users/bob3/inbox", bob3.uri]]);
    expect(remote.receivedOfType("Undo").some((r) => r.body.object?.object === bob.uri)).toBe(true);
  });

  test("Move carries local blocks and mutes of the old account over to the new one", async () => {
    const old = await remote.addActor("mover", {}, 2);
    await send(
      {
        type: "Create",
        actor: old.uri,
        object: {
          id: `${old.uri}/notes/hello`,
          type: "Note",
          attributedTo: old.uri,
          content: "hi",
          to: [`https://www.w3.org/ns/activitystreams#Public`],
          cc: [],
        },
      },
      old,
    );
    const o = account(old.uri);
    const blocker = await s.createUser("blockerx");
    const muter = await s.createUser("muterx");
    s.ctx.db
      .query("INSERT INTO blocks (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)")
      .run(s.ctx.ids.next(), blocker.account.id, o.id, Date.now());
    s.ctx.db
      .query("INSERT INTO mutes (id, account_id, target_account_id, hide_notifications, created_at) VALUES (?, ?, ?, 0, ?)")
      .run(s.ctx.ids.next(), muter.account.id, o.id, Date.now());
    const next = await remote.addActor("mover2", { alsoKnownAs: [old.uri] }, 2);
    await send({ type: "Move", actor: old.uri, object: old.uri, target: next.uri }, old);
    const n = account(next.uri);
    expect(s.count("blocks", "account_id = ? AND target_account_id = ?", blocker.account.id, n.id)).toBe(1);
    expect(s.count("mutes", "account_id = ? AND target_account_id = ? AND hide_notifications = 0", muter.account.id, n.id)).toBe(1);
  });

  test("Delete of the actor itself removes the account and its statuses", async () => {
    const st = remoteStatus(eve);
    const e = account(eve.uri);
    await send({ type: "Delete", actor: eve.uri, object: eve.uri }, eve);
    expect(s.count("accounts", "id = ?", e.id)).toBe(0);
    expect(s.count("statuses", "id = ?", st.id)).toBe(0);
  });
});
