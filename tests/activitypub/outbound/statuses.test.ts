/**
 * Outbound statuses: Create/Update/Delete(Note) and Announce/Undo(Announce) leave with the
 * right type, actor, object and addressing, only to the remote servers that should get them.
 * Host A holds alice's remote follower; host B holds accounts that are only mentioned or replied to.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { TestServer, TestUser } from "../../rig";
import type { AccountRow, StatusRow } from "../../../src/db/rows";
import { resolveRemoteMentions } from "../../../src/services/federation/mentions";
import { deliveryJobs, remoteStatus, settle, Sink, startScene, stopScene, type Scene } from "./sink";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
let s: TestServer;
let a: Sink; // alice's follower's server
let b: Sink; // mentioned / replied-to accounts' server
let alice: TestUser;
let carol: TestUser;
let dave: AccountRow;

let sc: Scene;
beforeAll(async () => {
  sc = await startScene({ beforeSettle: (x) => x.b.extra.set("erin", {}) });
  ({ s, a, b, alice, carol, dave } = sc);
}, 30_000);
afterAll(() => stopScene(sc));

const row = (id: string) => s.ctx.db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(Number(id))!;
async function both(na: number, nb: number) {
  const ra = await settle(s, a, na);
  const rb = await settle(s, b, nb);
  return { ra: ra.map((d) => d.body), rb: rb.map((d) => d.body) };
}

describe("Create", () => {
  test("a public post goes to the followers' server only, as Create(Note) to Public, cc followers", async () => {
    const st = await alice.client.v1.statuses.create({ status: "hello fediverse #hearth" });
    const { ra, rb } = await both(1, 0);
    expect(rb).toEqual([]);
    expect(ra).toHaveLength(1);
    const act = ra[0];
    const uri = row(st.id).uri;
    expect(act.type).toBe("Create");
    expect(act.id).toBe(`${uri}/activity`);
    expect(act.actor).toBe(alice.account.uri);
    expect(act.to).toEqual([PUBLIC]);
    expect(act.cc).toEqual([`${alice.account.uri}/followers`]);
    expect(act.object).toMatchObject({ id: uri, type: "Note", attributedTo: alice.account.uri, to: [PUBLIC] });
    expect(act.object.content).toContain("hello fediverse");
    expect(act.object.tag).toContainEqual(expect.objectContaining({ type: "Hashtag", name: "#hearth" }));
  });

  test("mentioning an unknown remote handle resolves it first: link, mention row, and delivery to its server", async () => {
    expect(s.count("accounts", "username = 'erin'")).toBe(0);
    const st = await alice.client.v1.statuses.create({ status: `hi @erin@${b.host} and @nobody@${b.host}` });
    const erin = s.ctx.db.query<AccountRow, []>("SELECT * FROM accounts WHERE username = 'erin'").get()!;
    expect(erin.domain).toBe(b.host);
    expect(st.mentions.map((m) => m.acct)).toEqual([`erin@${b.host}`]);
    expect(st.content).toContain(`href="${b.base}/@erin"`);
    expect(st.content).toContain(`class="u-url mention"`);
    expect(st.content).toContain(`@nobody@${b.host}`); // unresolvable: stays text
    expect(s.count("mentions", "status_id = ? AND account_id = ?", Number(st.id), erin.id)).toBe(1);
    const { ra, rb } = await both(1, 1);
    expect(ra.map((x) => x.type)).toEqual(["Create"]);
    expect(rb.map((x) => x.type)).toEqual(["Create"]);
    expect(rb[0].object.cc).toContain(erin.uri);
    expect(rb[0].object.tag).toContainEqual(expect.objectContaining({ type: "Mention", href: erin.uri }));
  });

  test("resolving mentions is capped in count and time: a hanging server cannot hold a post", async () => {
    let hits = 0;
    const hang = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: () => {
        hits++;
        return new Promise<Response>(() => {});
      },
    });
    const host = `127.0.0.1:${hang.port}`;
    try {
      const t0 = Date.now();
      await resolveRemoteMentions(s.ctx, `@x@${host} @y@${host} @z@${host}`, { max: 2, timeoutMs: 300 });
      expect(Date.now() - t0).toBeLessThan(2000);
      await Bun.sleep(100);
      expect(hits).toBeGreaterThanOrEqual(1);
      expect(hits).toBeLessThanOrEqual(2); // the third handle is never looked up
    } finally {
      hang.stop(true);
    }
  });

  test("a direct message goes only to the mentioned account's server", async () => {
    const st = await alice.client.v1.statuses.create({ status: `psst @dave@${b.host}`, visibility: "direct" });
    const { ra, rb } = await both(0, 1);
    expect(ra).toEqual([]);
    expect(rb).toHaveLength(1);
    expect(rb[0]).toMatchObject({ type: "Create", actor: alice.account.uri, to: [dave.uri], cc: [] });
    expect(rb[0].object.id).toBe(row(st.id).uri);
  });

  test("a followers-only post goes to followers (and mentioned accounts), addressed to the followers collection", async () => {
    await alice.client.v1.statuses.create({ status: "friends only", visibility: "private" });
    const { ra, rb } = await both(1, 0);
    expect(rb).toEqual([]);
    expect(ra).toHaveLength(1);
    expect(ra[0].to).toEqual([`${alice.account.uri}/followers`]);
    expect(ra[0].to).not.toContain(PUBLIC);
    expect(ra[0].cc).not.toContain(PUBLIC);
  });

  test("a reply also reaches the replied-to remote author, with inReplyTo", async () => {
    const parent = remoteStatus(s, dave.id, `${b.base}/users/dave/statuses/1`);
    await alice.client.v1.statuses.create({ status: "nice post", inReplyToId: String(parent.id) });
    const { ra, rb } = await both(1, 1);
    expect(ra.map((x) => x.type)).toEqual(["Create"]);
    expect(rb).toHaveLength(1);
    expect(rb[0].object.inReplyTo).toBe(parent.uri);
  });

  test("a post by an account with only local followers delivers nothing", async () => {
    await s.api("POST", `/api/v1/accounts/${alice.id}/follow`, { token: carol.token });
    const before = deliveryJobs(s);
    await carol.client.v1.statuses.create({ status: "just us locals" });
    await carol.client.v1.statuses.create({ status: `hey @alice` });
    expect(deliveryJobs(s)).toBe(before);
    const { ra, rb } = await both(0, 0);
    expect(ra).toEqual([]);
    expect(rb).toEqual([]);
  });
});

describe("Update and Delete", () => {
  test("an edit sends Update(Note) with the new content", async () => {
    const st = await alice.client.v1.statuses.create({ status: "first version" });
    await both(1, 0);
    await alice.client.v1.statuses.$select(st.id).update({ status: "second version" });
    const { ra, rb } = await both(1, 0);
    expect(rb).toEqual([]);
    expect(ra).toHaveLength(1);
    const uri = row(st.id).uri;
    expect(ra[0].type).toBe("Update");
    expect(ra[0].id).toStartWith(`${uri}#updates/`);
    expect(ra[0].actor).toBe(alice.account.uri);
    expect(ra[0].object).toMatchObject({ id: uri, type: "Note" });
    expect(ra[0].object.content).toContain("second version");
    expect(typeof ra[0].object.updated).toBe("string");
  });

  test("a delete sends Delete(Tombstone) to followers, mentioned accounts and remote boosters", async () => {
    const st = await alice.client.v1.statuses.create({ status: "soon gone" });
    const uri = row(st.id).uri;
    await both(1, 0);
    // dave (on B) boosted it: his server must hear about the delete too
    const t = s.ctx.now();
    s.ctx.db
      .query(
        "INSERT INTO statuses (id, uri, account_id, local, reblog_of_id, visibility, created_at, updated_at) VALUES (?, ?, ?, 0, ?, 0, ?, ?)",
      )
      .run(s.ctx.ids.next(), `${b.base}/users/dave/statuses/boost-1`, dave.id, Number(st.id), t, t);
    await alice.client.v1.statuses.$select(st.id).remove();
    const { ra, rb } = await both(1, 1);
    for (const x of [ra, rb]) {
      expect(x).toHaveLength(1);
      expect(x[0]).toMatchObject({ type: "Delete", id: `${uri}#delete`, actor: alice.account.uri, object: { id: uri, type: "Tombstone" } });
    }
  });

  test("deleting a DM tells only the mentioned account's server", async () => {
    const st = await alice.client.v1.statuses.create({ status: `secret @dave@${b.host}`, visibility: "direct" });
    await both(0, 1);
    await alice.client.v1.statuses.$select(st.id).remove();
    const { ra, rb } = await both(0, 1);
    expect(ra).toEqual([]);
    expect(rb.map((x) => x.type)).toEqual(["Delete"]);
  });
});

describe("Announce", () => {
  let original: StatusRow;
  let boostId: string;

  test("boosting a remote post sends Announce to followers and to the original author", async () => {
    original = remoteStatus(s, dave.id, `${b.base}/users/dave/statuses/2`);
    const boost = await alice.client.v1.statuses.$select(String(original.id)).reblog();
    boostId = boost.id;
    const { ra, rb } = await both(1, 1);
    const boostUri = row(boost.id).uri;
    for (const x of [ra, rb]) {
      expect(x).toHaveLength(1);
      expect(x[0]).toMatchObject({ type: "Announce", id: boostUri, actor: alice.account.uri, object: original.uri, to: [PUBLIC] });
      expect(x[0].cc).toEqual([dave.uri, `${alice.account.uri}/followers`]);
    }
  });

  test("unboosting sends Undo(Announce) to the same servers", async () => {
    const boostUri = row(boostId).uri;
    await alice.client.v1.statuses.$select(String(original.id)).unreblog();
    const { ra, rb } = await both(1, 1);
    for (const x of [ra, rb]) {
      expect(x).toHaveLength(1);
      expect(x[0].type).toBe("Undo");
      expect(x[0].actor).toBe(alice.account.uri);
      expect(x[0].object).toMatchObject({ type: "Announce", id: boostUri, object: original.uri });
      expect(x[0].object["@context"]).toBeUndefined();
    }
  });

  test("a local account without remote followers boosting a local post delivers nothing", async () => {
    const st = await alice.client.v1.statuses.create({ status: "boost me" });
    await both(1, 0);
    const before = deliveryJobs(s);
    await carol.client.v1.statuses.$select(st.id).reblog();
    await carol.client.v1.statuses.$select(st.id).unreblog();
    expect(deliveryJobs(s)).toBe(before);
    const { ra, rb } = await both(0, 0);
    expect([...ra, ...rb]).toEqual([]);
  });
});
