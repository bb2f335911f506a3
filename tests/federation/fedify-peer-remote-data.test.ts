/**
 * Remote data from a Fedify peer: a newly seen account is backfilled (pinned and latest public
 * posts from its featured collection and outbox), a missing reply parent is fetched, and a
 * remote status is resolved by URL through /api/v2/search.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { startPeer, type Peer } from "../peers/fedify-peer";
import { accountIdByUri, settle, statusIdByUri } from "./helpers";

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

describe("remote data from a Fedify peer", () => {
  test(
    "a newly seen account is backfilled: its pinned and latest public posts appear on its profile",
    async () => {
      // lena has no followers on Hearth: these posts reach Hearth only through backfill.
      const posts = [];
      for (const text of ["one", "two", "three"]) posts.push(await P.post(`<p>lena says ${text}</p>`, { from: "lena" }));
      const hidden = await P.post("<p>followers only</p>", { from: "lena", visibility: "followers" });
      await P.pin(posts[0]!.id);
      const r = await alice.client.v2.search.list({ q: P.actors.lena!.handle, resolve: true, type: "accounts" });
      const lena = r.accounts.find((a) => a.acct === P.actors.lena!.handle);
      expect(lena).toBeTruthy();
      await done();
      const statuses = await alice.client.v1.accounts.$select(lena!.id).statuses.list({ limit: 40 });
      const uris = statuses.map((s) => s.uri);
      for (const p of posts) expect(uris).toContain(p.id);
      expect(uris).not.toContain(hidden.id);
      const pinned = await alice.client.v1.accounts.$select(lena!.id).statuses.list({ pinned: true });
      expect(pinned.map((s) => s.uri)).toEqual([posts[0]!.id]);
    },
    T,
  );

  test(
    "a reply whose parent Hearth has never seen makes Hearth fetch the parent",
    async () => {
      await P.follow(`alice@${H.domain}`);
      const peter = (await alice.client.v2.search.list({ q: P.actors.peter!.handle, resolve: true, type: "accounts" })).accounts[0]!;
      await alice.client.v1.accounts.$select(peter.id).follow();
      await done();
      const parent = await P.post("<p>a parent nobody here follows</p>", { from: "lena" });
      expect(statusIdByUri(H, parent.id)).toBeNull();
      const reply = await P.post("<p>replying to lena</p>", { inReplyTo: parent.id });
      await done();
      const replyId = statusIdByUri(H, reply.id)!;
      expect(replyId).toBeTruthy();
      const parentId = statusIdByUri(H, parent.id);
      expect(parentId).toBeTruthy();
      const st = await alice.client.v1.statuses.$select(replyId).fetch();
      expect(st.inReplyToId).toBe(parentId!);
      const ctx = await alice.client.v1.statuses.$select(replyId).context.fetch();
      expect(ctx.ancestors.map((s) => s.uri)).toEqual([parent.id]);
    },
    T,
  );

  test(
    "a remote status is resolved by its URL through /api/v2/search?resolve=true",
    async () => {
      const note = await P.post("<p>find me by URL</p>", { from: "lena" });
      expect(statusIdByUri(H, note.id)).toBeNull();
      const r = await alice.client.v2.search.list({ q: note.id, resolve: true, type: "statuses" });
      expect(r.statuses.map((s) => s.uri)).toEqual([note.id]);
      expect(r.statuses[0]!.account.acct).toBe(P.actors.lena!.handle);
      expect(accountIdByUri(H, P.actors.lena!.uri)).toBeTruthy();
    },
    T,
  );
});
