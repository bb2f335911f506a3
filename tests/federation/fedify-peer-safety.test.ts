/**
 * Hearth ⇄ Fedify peer, beyond the happy path: Fedify's own parser reads Hearth's documents
 * (actor, note, outbox, followers), key rotation (Hearth refetches a changed key once), replayed
 * activities processed once, and a suspended domain that neither reaches Hearth nor is reached.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Collection, Create, Note, OrderedCollection, Person } from "@fedify/vocab";
import { generateCryptoKeyPair } from "@fedify/fedify";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { startPeer, type Peer } from "../peers/fedify-peer";
import { accountIdByUri, followsRow, runCli, settle, statusIdByUri, uriOf } from "./helpers";

const T = 20_000;
let H: TestServer, P: Peer, alice: TestUser;
const done = () => settle([H], [P]);

beforeAll(async () => {
  [H, P] = await Promise.all([startTestServer(), startPeer({ spec: "rfc9421" })]);
  alice = await H.createUser("alice");
}, 30_000);
afterAll(async () => {
  await P?.stop();
  await H?.stop();
});

describe("Hearth documents, key rotation, replays and domain blocks against a Fedify peer", () => {
  test(
    "Fedify parses Hearth's actor, note, outbox and followers collections",
    async () => {
      await P.follow(`alice@${H.domain}`);
      const st = await alice.client.v1.statuses.create({ status: "parse me #tag" });
      await done();
      const ctx = P.context();
      const loader = await ctx.getDocumentLoader({ identifier: "peter" });
      const actor = await ctx.lookupObject(alice.account.uri, { documentLoader: loader });
      expect(actor).toBeInstanceOf(Person);
      const person = actor as Person;
      expect(person.preferredUsername?.toString()).toBe("alice");
      expect(person.inboxId?.href).toBe(`${alice.account.uri}/inbox`);
      expect(person.endpoints?.sharedInbox?.href).toBe(`${H.url}/inbox`);
      expect((await person.getPublicKey({ documentLoader: loader }))?.id?.href).toContain(alice.account.uri);
      const note = await ctx.lookupObject(uriOf(H, st.id), { documentLoader: loader });
      expect(note).toBeInstanceOf(Note);
      expect((note as Note).attributionId?.href).toBe(alice.account.uri);
      expect((note as Note).content?.toString()).toContain("parse me");
      const outbox = await person.getOutbox({ documentLoader: loader });
      expect(outbox).toBeInstanceOf(OrderedCollection);
      expect(outbox!.totalItems).toBe(1);
      const items = [];
      for await (const it of ctx.traverseCollection(outbox as Collection, { documentLoader: loader })) items.push(it);
      expect(items.length).toBe(1);
      expect(items[0]).toBeInstanceOf(Create);
      const followers = await person.getFollowers({ documentLoader: loader });
      expect(followers?.totalItems).toBe(1);
    },
    T,
  );

  test(
    "key rotation: after the peer changes its key, Hearth refetches it once and accepts",
    async () => {
      const peter = P.actors.peter!;
      const peterId = accountIdByUri(H, peter.uri)!;
      const before = H.ctx.db
        .query<{ public_key_pem: string }, [number]>("SELECT public_key_pem FROM accounts WHERE id = ?")
        .get(Number(peterId))!.public_key_pem;
      peter.keys = [await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"), peter.keys[1]!];
      const st = await alice.client.v1.statuses.create({ status: "rotate" });
      await done();
      const posts = P.outgoing.length;
      await P.like(uriOf(H, st.id));
      await done();
      expect(
        P.outgoing
          .slice(posts)
          .filter((o) => o.method === "POST")
          .map((o) => [o.scheme, o.status]),
      ).toEqual([["rfc9421", 202]]);
      expect(H.count("favourites", "status_id = ? AND account_id = ?", Number(st.id), Number(peterId))).toBe(1);
      const after = H.ctx.db
        .query<{ public_key_pem: string }, [number]>("SELECT public_key_pem FROM accounts WHERE id = ?")
        .get(Number(peterId))!.public_key_pem;
      expect(after).not.toBe(before);
    },
    T,
  );

  test(
    "a replayed activity (same id, freshly signed) is processed once",
    async () => {
      const st = await alice.client.v1.statuses.create({ status: "replay target" });
      await done();
      const like = {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${P.actors.lena!.uri}/likes/replayed`,
        type: "Like",
        actor: P.actors.lena!.uri,
        object: uriOf(H, st.id),
      };
      const first = await P.sendRaw(like, `${H.url}/inbox`, { from: "lena" });
      await done();
      const second = await P.sendRaw(like, `${H.url}/inbox`, { from: "lena" });
      await done();
      expect(first.status).toBe(202);
      expect([200, 202]).toContain(second.status);
      expect(H.count("favourites", "status_id = ?", Number(st.id))).toBe(1);
      expect(H.count("notifications", "status_id = ? AND type = 'favourite'", Number(st.id))).toBe(1);
    },
    T,
  );

  test(
    "authority: forged attributedTo, foreign Update/Delete and boosts of private posts are ignored",
    async () => {
      const AS = "https://www.w3.org/ns/activitystreams";
      const peter = P.actors.peter!,
        lena = P.actors.lena!;
      const n = Date.now();
      const mine = await alice.client.v1.statuses.create({ status: "only for followers", visibility: "private" });
      const pub = await alice.client.v1.statuses.create({ status: "public one" });
      const lenaNote = await P.post("<p>lena's own words</p>", { from: "lena" });
      const known = await alice.client.v2.search.list({ q: lenaNote.id, resolve: true, type: "statuses" });
      expect(known.statuses.length).toBe(1);
      const send = (json: object, from = "peter") => P.sendRaw({ "@context": AS, ...json }, `${H.url}/inbox`, { from });
      const results = [
        await send({
          id: `${peter.uri}/c/${n}`,
          type: "Create",
          actor: peter.uri,
          to: [`${AS}#Public`],
          object: {
            id: `${peter.uri}/forged/${n}`,
            type: "Note",
            attributedTo: alice.account.uri,
            content: "forged words",
            to: [`${AS}#Public`],
          },
        }),
        await send({ id: `${peter.uri}/d/${n}`, type: "Delete", actor: peter.uri, object: uriOf(H, pub.id) }),
        await send({ id: `${peter.uri}/a/${n}`, type: "Announce", actor: peter.uri, object: uriOf(H, mine.id), to: [`${AS}#Public`] }),
        await send({
          id: `${peter.uri}/u/${n}`,
          type: "Update",
          actor: peter.uri,
          object: { id: lenaNote.id, type: "Note", attributedTo: lena.uri, content: "tampered by peter", to: [`${AS}#Public`] },
        }),
      ];
      await done();
      expect(results.every((r) => r.status < 500)).toBe(true);
      expect(H.count("statuses", "content LIKE '%forged words%'")).toBe(0);
      expect(statusIdByUri(H, `${peter.uri}/forged/${n}`)).toBeNull();
      expect((await alice.client.v1.statuses.$select(pub.id).fetch()).content).toContain("public one");
      expect(H.count("statuses", "reblog_of_id = ?", Number(mine.id))).toBe(0);
      expect(H.count("statuses", "content LIKE '%tampered by peter%'")).toBe(0);
      expect((await alice.client.v1.statuses.$select(known.statuses[0]!.id).fetch()).content).toContain("own words");
    },
    T,
  );

  test(
    "suspending the peer's domain: its accounts are suspended, nothing is delivered either way",
    async () => {
      const peterId = accountIdByUri(H, P.actors.peter!.uri)!;
      expect(followsRow(H, peterId, alice.id)).toBe(true);
      const [code, out] = await runCli(H, ["domains", "block", P.domain, "--severity", "suspend"]);
      expect(code, out).toBe(0);
      await done();
      // (Hearth marks the domain's accounts suspended and keeps the follow rows, so an unblock restores them.)
      expect(H.count("accounts", "id = ? AND suspended_at IS NOT NULL", Number(peterId))).toBe(1);
      const hits = P.inboxHits.length;
      const st = await alice.client.v1.statuses.create({ status: "not for suspended servers" });
      await done();
      expect(P.inboxHits.slice(hits).map((h) => h.body?.type)).toEqual([]);
      const like = {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${P.actors.peter!.uri}/likes/blocked`,
        type: "Like",
        actor: P.actors.peter!.uri,
        object: uriOf(H, st.id),
      };
      const res = await P.sendRaw(like, `${H.url}/inbox`);
      await done();
      expect(res.status).toBeLessThan(500);
      expect(H.count("favourites", "status_id = ?", Number(st.id))).toBe(0);
    },
    T,
  );
});

describe("a Fedify peer in secure mode (signed GETs required)", () => {
  let S: Peer, bob: TestUser;
  beforeAll(async () => {
    S = await startPeer({ spec: "draft-cavage-http-signatures-12", authorizedFetch: true });
    bob = await H.createUser("bob");
  }, 30_000);
  afterAll(async () => {
    await S?.stop();
  });

  test(
    "Hearth signs its GETs: Fedify verifies them for the actor and a note; unsigned GETs are refused",
    async () => {
      const unsigned = await fetch(S.actors.peter!.uri, { headers: { Accept: "application/activity+json" } });
      expect(unsigned.status).toBe(401);
      const n = S.signedGets.length;
      const r = await bob.client.v2.search.list({ q: S.actors.peter!.handle, resolve: true, type: "accounts" });
      expect(r.accounts.map((a) => a.acct)).toEqual([S.actors.peter!.handle]);
      const actorGets = S.signedGets.slice(n).filter((g) => g.path === "/users/peter");
      expect(actorGets.length).toBeGreaterThan(0);
      expect(actorGets.every((g) => g.keyId?.startsWith(H.url))).toBe(true);
      const note = await S.post("<p>only for signed fetchers</p>");
      const found = await bob.client.v2.search.list({ q: note.id, resolve: true, type: "statuses" });
      expect(found.statuses.map((x) => x.uri)).toEqual([note.id]);
      const noteGets = S.signedGets.filter((g) => note.id.endsWith(g.path));
      expect(noteGets.length).toBeGreaterThan(0);
      expect(noteGets.every((g) => g.keyId?.startsWith(H.url))).toBe(true);
      await settle([H], [S]);
    },
    T,
  );
});
