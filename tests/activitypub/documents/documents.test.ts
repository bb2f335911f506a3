/** ActivityPub documents served to other servers: WebFinger, actor, notes, negotiation, collections. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { apResponseFor } from "../../../src/activitypub/inbound/routes/negotiate";

const AP = { Accept: "application/activity+json" };
const LD = { Accept: 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"' };
const BROWSER = { Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol] = await Promise.all([s.createUser("alice"), s.createUser("bob"), s.createUser("carol", { locked: true })]);
  s.ctx.db
    .query("UPDATE accounts SET bot = 1, fields = ? WHERE id = ?")
    .run(JSON.stringify([{ name: "Site", value: "x", value_html: '<a href="https://x.example">x</a>' }]), carol.account.id);
  for (const v of ["public", "unlisted", "private", "direct"] as const) {
    ids[v] = (await alice.client.v1.statuses.create({ status: `${v} post @bob #Topic`, visibility: v })).id;
  }
  ids.cw = (await alice.client.v1.statuses.create({ status: "behind a warning", spoilerText: "cw here", language: "de" })).id;
  ids.reply = (await bob.client.v1.statuses.create({ status: "@alice a reply", inReplyToId: ids.public })).id;
  ids.poll = (await alice.client.v1.statuses.create({ status: "vote", poll: { options: ["yes", "no"], expiresIn: 3600 } })).id;
  await alice.client.v1.statuses.$select(ids.cw).pin();
  await bob.client.v1.accounts.$select(alice.id).follow();
  await carol.client.v1.accounts.$select(alice.id).follow();
}, 20_000);
afterAll(() => s.stop());

const get = (path: string, headers: Record<string, string> = AP) => s.api("GET", path, { headers });
const json = async (path: string, headers: Record<string, string> = AP) => {
  const r = await get(path, headers);
  expect(r.status).toBe(200);
  return (await r.json()) as Record<string, any>;
};

describe("webfinger", () => {
  test("acct: resource with the port in the domain", async () => {
    const r = await s.api("GET", `/.well-known/webfinger?resource=acct:alice@${s.domain}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/jrd+json");
    const j = (await r.json()) as any;
    expect(j.subject).toBe(`acct:alice@${s.domain}`);
    expect(j.aliases).toEqual([`${s.url}/@alice`, `${s.url}/users/alice`]);
    expect(j.links).toContainEqual({ rel: "self", type: "application/activity+json", href: `${s.url}/users/alice` });
    expect(j.links).toContainEqual({ rel: "http://webfinger.net/rel/profile-page", type: "text/html", href: `${s.url}/@alice` });
    expect(j.links).toContainEqual({
      rel: "http://ostatus.org/schema/1.0/subscribe",
      template: `${s.url}/authorize_interaction?uri={uri}`,
    });
  });
  test("actor URL, profile URL and case-insensitive names resolve to the same subject", async () => {
    for (const res of [`${s.url}/users/alice`, `${s.url}/@alice`, `acct:ALICE@${s.domain}`, `alice@${s.domain}`]) {
      const j = (await (await s.api("GET", `/.well-known/webfinger?resource=${encodeURIComponent(res)}`)).json()) as any;
      expect(j.subject).toBe(`acct:alice@${s.domain}`);
    }
  });
  test("unknown, remote and missing resources", async () => {
    expect((await s.api("GET", `/.well-known/webfinger?resource=acct:nobody@${s.domain}`)).status).toBe(404);
    expect((await s.api("GET", `/.well-known/webfinger?resource=acct:alice@elsewhere.example`)).status).toBe(404);
    expect((await s.api("GET", `/.well-known/webfinger?resource=https://elsewhere.example/users/alice`)).status).toBe(404);
    expect((await s.api("GET", `/.well-known/webfinger`)).status).toBe(400);
  });
});

describe("actor", () => {
  test("Person document with key, endpoints and collections", async () => {
    const a = await json("/users/alice");
    expect(a["@context"][0]).toBe("https://www.w3.org/ns/activitystreams");
    expect(a["@context"][1]).toBe("https://w3id.org/security/v1");
    expect(a["@context"][2].manuallyApprovesFollowers).toBe("as:manuallyApprovesFollowers");
    expect(a["@context"][2].PropertyValue).toBe("schema:PropertyValue");
    expect(a.type).toBe("Person");
    expect(a.id).toBe(`${s.url}/users/alice`);
    expect(a.preferredUsername).toBe("alice");
    expect(a.inbox).toBe(`${s.url}/users/alice/inbox`);
    expect(a.outbox).toBe(`${s.url}/users/alice/outbox`);
    expect(a.followers).toBe(`${s.url}/users/alice/followers`);
    expect(a.following).toBe(`${s.url}/users/alice/following`);
    expect(a.featured).toBe(`${s.url}/users/alice/collections/featured`);
    expect(a.endpoints).toEqual({ sharedInbox: `${s.url}/inbox` });
    expect(a.url).toBe(`${s.url}/@alice`);
    expect(a.publicKey.id).toBe(`${s.url}/users/alice#main-key`);
    expect(a.publicKey.owner).toBe(a.id);
    expect(a.publicKey.publicKeyPem).toContain("BEGIN PUBLIC KEY");
    expect(a.manuallyApprovesFollowers).toBe(false);
    expect(a.discoverable).toBe(true);
    expect(a.indexable).toBe(true);
    expect(a.published).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(a.icon).toBeUndefined();
    expect(a.image).toBeUndefined();
  });
  test("bots are Services; locked accounts approve followers manually; fields are PropertyValues", async () => {
    const c = await json("/users/carol", LD);
    expect(c.type).toBe("Service");
    expect(c.manuallyApprovesFollowers).toBe(true);
    expect(c.attachment).toEqual([{ type: "PropertyValue", name: "Site", value: '<a href="https://x.example">x</a>' }]);
  });
  test("content negotiation: browsers are redirected, AP clients get JSON", async () => {
    const r = await get("/users/alice", BROWSER);
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(`${s.url}/@alice`);
    const j = await get("/users/alice", AP);
    expect(j.headers.get("content-type")).toBe("application/activity+json; charset=utf-8");
    expect((await get("/users/alice", LD)).status).toBe(200);
    expect((await get("/users/nobody", AP)).status).toBe(404);
    // /@name is the web pages' route; it hands AP requests to apResponseFor.
    expect(((await json("/@alice", AP)) as any).id).toBe(`${s.url}/users/alice`);
    const st = await get(`/users/alice/statuses/${ids.public}`, BROWSER);
    expect(st.status).toBe(302);
    expect(st.headers.get("location")).toBe(`${s.url}/@alice/${ids.public}`);
  });
  test("apResponseFor answers AP requests for /@name and /@name/:id only", async () => {
    const req = (h: Record<string, string>) => new Request(`${s.url}/@alice`, { headers: h });
    expect(await apResponseFor(s.ctx, req(BROWSER), "/@alice")).toBeNull();
    const r = (await apResponseFor(s.ctx, req(AP), "/@alice"))!;
    expect(((await r.json()) as any).id).toBe(`${s.url}/users/alice`);
    const n = (await apResponseFor(s.ctx, req(LD), `/@alice/${ids.public}`))!;
    expect(((await n.json()) as any).id).toBe(`${s.url}/users/alice/statuses/${ids.public}`);
    expect((await apResponseFor(s.ctx, req(AP), `/@alice/${ids.private}`))!.status).toBe(404);
    expect((await apResponseFor(s.ctx, req(AP), "/@nobody"))!.status).toBe(404);
  });
});

describe("notes", () => {
  const followers = () => `${s.url}/users/alice/followers`;
  const bobUri = () => `${s.url}/users/bob`;
  test("public: to Public, cc followers and mentioned; tags and content", async () => {
    const n = await json(`/users/alice/statuses/${ids.public}`);
    expect(n.type).toBe("Note");
    expect(n.id).toBe(`${s.url}/users/alice/statuses/${ids.public}`);
    expect(n.url).toBe(`${s.url}/@alice/${ids.public}`);
    expect(n.attributedTo).toBe(`${s.url}/users/alice`);
    expect(n.to).toEqual([PUBLIC]);
    expect(n.cc).toEqual([followers(), bobUri()]);
    expect(n.content).toContain("public post");
    expect(n.tag).toContainEqual({ type: "Mention", href: bobUri(), name: `@bob@${s.domain}` });
    expect(n.tag).toContainEqual({ type: "Hashtag", href: `${s.url}/tags/topic`, name: "#Topic" });
    expect(n.sensitive).toBe(false);
    expect(n.inReplyTo).toBeNull();
  });
  test("unlisted: to followers, cc Public", async () => {
    const n = await json(`/users/alice/statuses/${ids.unlisted}`);
    expect(n.to).toEqual([followers()]);
    expect(n.cc).toEqual([PUBLIC, bobUri()]);
  });
  test("private and direct are not served to anonymous fetchers", async () => {
    expect((await get(`/users/alice/statuses/${ids.private}`)).status).toBe(404);
    expect((await get(`/users/alice/statuses/${ids.direct}`)).status).toBe(404);
    expect((await get(`/users/bob/statuses/${ids.public}`)).status).toBe(404);
    expect((await get(`/users/alice/statuses/abc`)).status).toBe(404);
  });
  test("CW, language, reply and Question", async () => {
    const cw = await json(`/users/alice/statuses/${ids.cw}`);
    expect(cw.summary).toBe("cw here");
    expect(cw.sensitive).toBe(true);
    expect(cw.contentMap).toEqual({ de: cw.content });
    const reply = await json(`/users/bob/statuses/${ids.reply}`);
    expect(reply.inReplyTo).toBe(`${s.url}/users/alice/statuses/${ids.public}`);
    const q = await json(`/users/alice/statuses/${ids.poll}`);
    expect(q.type).toBe("Question");
    expect(q.oneOf).toEqual([
      { type: "Note", name: "yes", replies: { type: "Collection", totalItems: 0 } },
      { type: "Note", name: "no", replies: { type: "Collection", totalItems: 0 } },
    ]);
    expect(q.votersCount).toBe(0);
    expect(typeof q.endTime).toBe("string");
  });
  test("edits carry `updated`; the activity wraps the note with the same audience", async () => {
    await alice.client.v1.statuses.$select(ids.unlisted!).update({ status: "unlisted post edited @bob" });
    const n = await json(`/users/alice/statuses/${ids.unlisted}`);
    expect(typeof n.updated).toBe("string");
    const act = await json(`/users/alice/statuses/${ids.public}/activity`);
    expect(act.type).toBe("Create");
    expect(act.id).toBe(`${s.url}/users/alice/statuses/${ids.public}/activity`);
    expect(act.actor).toBe(`${s.url}/users/alice`);
    expect(act.to).toEqual(act.object.to);
    expect(act.cc).toEqual(act.object.cc);
    expect(act.object.id).toBe(`${s.url}/users/alice/statuses/${ids.public}`);
  });
});

describe("collections", () => {
  test("outbox: totals of public and unlisted posts, pages by max_id/min_id", async () => {
    const o = await json("/users/alice/outbox");
    expect(o.type).toBe("OrderedCollection");
    expect(o.totalItems).toBe(4); // public, unlisted, cw, poll
    expect(o.first).toBe(`${s.url}/users/alice/outbox?page=true`);
    const p1 = await json("/users/alice/outbox?page=true");
    expect(p1.type).toBe("OrderedCollectionPage");
    expect(p1.partOf).toBe(`${s.url}/users/alice/outbox`);
    const items = p1.orderedItems as any[];
    expect(items.map((i) => i.object.id.split("/").pop())).toEqual([ids.poll, ids.cw, ids.unlisted, ids.public]);
    expect(items.every((i) => i.type === "Create")).toBe(true);
    const p2 = await json(new URL(p1.next).pathname + new URL(p1.next).search);
    expect(p2.orderedItems).toEqual([]);
    const older = await json(`/users/alice/outbox?page=true&max_id=${ids.cw}`);
    expect(older.orderedItems.map((i: any) => i.object.id.split("/").pop())).toEqual([ids.unlisted, ids.public]);
    const newer = await json(`/users/alice/outbox?page=true&min_id=${ids.unlisted}`);
    expect(newer.orderedItems.map((i: any) => i.object.id.split("/").pop())).toEqual([ids.poll, ids.cw]);
  });
  test("followers and following: totals and pages; hidden collections show totals only", async () => {
    const f = await json("/users/alice/followers");
    expect(f.totalItems).toBe(2);
    expect(f.first).toBe(`${s.url}/users/alice/followers?page=1`);
    const page = await json("/users/alice/followers?page=1");
    expect(page.type).toBe("OrderedCollectionPage");
    expect([...page.orderedItems].sort()).toEqual([`${s.url}/users/bob`, `${s.url}/users/carol`]);
    const g = await json("/users/bob/following?page=1");
    expect(g.orderedItems).toEqual([`${s.url}/users/alice`]);
    s.ctx.db.query("UPDATE accounts SET hide_collections = 1 WHERE id = ?").run(alice.account.id);
    const hidden = await json("/users/alice/followers?page=1");
    expect(hidden).toEqual({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${s.url}/users/alice/followers`,
      type: "OrderedCollection",
      totalItems: 2,
    });
    s.ctx.db.query("UPDATE accounts SET hide_collections = 0 WHERE id = ?").run(alice.account.id);
    expect((await get("/users/nobody/followers")).status).toBe(404);
  });
  test("featured: pinned posts as notes", async () => {
    const f = await json("/users/alice/collections/featured");
    expect(f.type).toBe("OrderedCollection");
    expect(f.totalItems).toBe(1);
    expect(f.orderedItems[0].id).toBe(`${s.url}/users/alice/statuses/${ids.cw}`);
    expect(f.orderedItems[0].type).toBe("Note");
  });
});
