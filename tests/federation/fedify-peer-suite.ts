/**
 * Hearth against an independent ActivityPub implementation (a Fedify peer) for one signature
 * spec of the peer: follows both ways (also locked accounts), posts, replies, mentions, DMs,
 * media, likes, boosts and their Undo, Update/Delete, profile updates, Block, Move to Hearth,
 * and refusal of forged requests. Hearth verifies the peer's signatures and the peer (Fedify's
 * own code) verifies Hearth's. Used by fedify-peer.test.ts and fedify-peer-rfc9421.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { startPeer, type Peer, type SigSpec } from "../peers/fedify-peer";
import { gradient } from "../media/fixtures";
import { accountIdByUri, followsRow, resolveAccount, settle, statusIdByUri, uriOf } from "./helpers";
import { moreScenarios } from "./fedify-peer-suite-more";

const T = 20_000;

/** Registers the whole Hearth ⇄ peer scenario list for one signature spec of the peer. */
export function peerSuite(spec: SigSpec): void {
  describe(`Hearth ⇄ Fedify peer (${spec})`, () => {
    let H: TestServer, P: Peer;
    let alice: TestUser, bob: TestUser;
    let peterId: string, lenaId: string;
    const done = () => settle([H], [P]);
    const peter = () => P.actors.peter!;
    const handle = (u: TestUser) => `${u.account.username}@${H.domain}`;
    /** Activities the peer verified and accepted, of a type, optionally matching the raw JSON. */
    const got = (type: string, pred: (raw: any, json: any) => boolean = () => true) =>
      P.received.filter((r) => r.type === type && pred(r.raw ?? {}, r.json));

    beforeAll(async () => {
      [H, P] = await Promise.all([startTestServer(), startPeer({ spec })]);
      alice = await H.createUser("alice");
      bob = await H.createUser("bob", { locked: true });
    }, 30_000);
    afterAll(async () => {
      await P?.stop();
      await H?.stop();
    });

    test(
      "peer follows a Hearth user: Hearth verifies, Accepts, and the peer verifies the Accept",
      async () => {
        await P.follow(handle(alice));
        await done();
        expect(got("Accept").length).toBe(1);
        expect(peter().following.get(alice.account.uri)?.accepted).toBe(true);
        peterId = accountIdByUri(H, peter().uri)!;
        expect(peterId).toBeTruthy();
        expect(followsRow(H, peterId, alice.id)).toBe(true);
        const followers = await alice.client.v1.accounts.$select(alice.id).followers.list();
        expect(followers.map((a) => a.acct)).toContain(peter().handle);
        const posts = P.outgoing.filter((o) => o.method === "POST");
        expect(posts.length).toBeGreaterThan(0);
        // No double-knock fallback: Hearth accepted the first signature, in the spec under test.
        expect(posts.map((o) => [o.scheme, o.status])).toEqual(posts.map(() => [spec, 202]));
      },
      T,
    );

    test(
      "a locked Hearth user gets a follow request from the peer; authorizing sends Accept",
      async () => {
        await P.follow(handle(bob));
        await done();
        expect(got("Accept").length).toBe(1);
        const reqs = await bob.client.v1.followRequests.list();
        expect(reqs.map((a) => a.acct)).toContain(peter().handle);
        await bob.client.v1.followRequests.$select(peterId).authorize();
        await done();
        expect(got("Accept", (r) => r.actor === bob.account.uri).length).toBe(1);
        expect(followsRow(H, peterId, bob.id)).toBe(true);
      },
      T,
    );

    test(
      "Hearth user follows the peer actor: the peer receives a verified Follow and Accepts",
      async () => {
        const acct = await resolveAccount(H, alice, peter().handle);
        expect(acct.acct).toBe(peter().handle);
        expect(acct.displayName).toBe("Peter Peer");
        await alice.client.v1.accounts.$select(acct.id).follow();
        await done();
        const follows = got("Follow", (r) => r.actor === alice.account.uri);
        expect(follows.length).toBe(1);
        expect(follows[0]!.objectId).toBe(peter().uri);
        expect(peter().followers.has(alice.account.uri)).toBe(true);
        const [rel] = await alice.client.v1.accounts.relationships.fetch({ id: [acct.id] });
        expect(rel!.following).toBe(true);
        expect(followsRow(H, alice.id, peterId)).toBe(true);
      },
      T,
    );

    test(
      "Hearth user follows a locked peer actor: requested until the peer accepts",
      async () => {
        const acct = await resolveAccount(H, alice, P.actors.lena!.handle);
        lenaId = acct.id;
        expect(acct.locked).toBe(true);
        await alice.client.v1.accounts.$select(lenaId).follow();
        await done();
        const [pending] = await alice.client.v1.accounts.relationships.fetch({ id: [lenaId] });
        expect(pending!.requested).toBe(true);
        await P.answerFollow(alice.account.uri, true, "lena");
        await done();
        const [rel] = await alice.client.v1.accounts.relationships.fetch({ id: [lenaId] });
        expect(rel!.following).toBe(true);
        expect(rel!.requested).toBe(false);
      },
      T,
    );

    let peerNote = "";
    test(
      "peer posts Create(Note) to followers: it lands in the Hearth follower's home timeline",
      async () => {
        const { id } = await P.post("<p>Hello from <b>Fedify</b><script>alert(1)</script></p>");
        peerNote = id;
        await done();
        const home = await alice.client.v1.timelines.home.list({ limit: 20 });
        const st = home.find((s) => s.uri === id);
        expect(st).toBeTruthy();
        expect(st!.account.acct).toBe(peter().handle);
        expect(st!.content).toContain("Fedify");
        expect(st!.content).not.toContain("<script");
        expect(st!.visibility).toBe("public");
      },
      T,
    );

    test(
      "peer posts an image with alt text: a remote attachment with description on Hearth",
      async () => {
        P.files.set("/media/gradient.png", { type: "image/png", body: await gradient(40, 30, "png") });
        const { id } = await P.post("<p>a picture</p>", {
          attachments: [{ url: `${P.url}/media/gradient.png`, mediaType: "image/png", name: "a soft gradient" }],
        });
        await done();
        const st = await alice.client.v1.statuses.$select(statusIdByUri(H, id)!).fetch();
        expect(st.mediaAttachments.length).toBe(1);
        expect(st.mediaAttachments[0]!.type).toBe("image");
        expect(st.mediaAttachments[0]!.description).toBe("a soft gradient");
        expect(st.mediaAttachments[0]!.remoteUrl).toBe(`${P.url}/media/gradient.png`);
      },
      T,
    );

    test(
      "peer mentions a Hearth user in a DM: mention notification, direct visibility",
      async () => {
        const { id } = await P.post(`<p>@alice psst</p>`, { visibility: "direct", mentions: [alice.account.uri] });
        await done();
        const notes = await alice.client.v1.notifications.list({ types: ["mention"] });
        const n = notes.find((x) => x.status?.uri === id);
        expect(n).toBeTruthy();
        expect(n!.status!.visibility).toBe("direct");
        const pub = await alice.client.v1.timelines.public.list({ limit: 40 });
        expect(pub.some((s) => s.uri === id)).toBe(false);
      },
      T,
    );

    test(
      "peer unlisted and followers-only notes keep their visibility; followers-only is hidden from non-followers",
      async () => {
        const unl = await P.post("<p>quietly public</p>", { visibility: "unlisted" });
        const priv = await P.post("<p>for my followers</p>", { visibility: "followers" });
        await done();
        const u = await alice.client.v1.statuses.$select(statusIdByUri(H, unl.id)!).fetch();
        expect(u.visibility).toBe("unlisted");
        const privId = statusIdByUri(H, priv.id)!;
        expect((await alice.client.v1.statuses.$select(privId).fetch()).visibility).toBe("private");
        expect((await H.api("GET", `/api/v1/statuses/${privId}`, { token: bob.token })).status).toBe(404);
        const pub = await alice.client.v1.timelines.public.list({ limit: 40 });
        expect(pub.some((x) => x.uri === unl.id || x.uri === priv.id)).toBe(false);
      },
      T,
    );

    let hearthPost = "";
    test(
      "Hearth posts: the peer receives and verifies Create(Note) with content, CW and audience",
      async () => {
        const st = await alice.client.v1.statuses.create({ status: "Hello peer", spoilerText: "cw here", sensitive: true });
        hearthPost = st.id;
        await done();
        const creates = got("Create", (raw) => raw.object?.id === uriOf(H, st.id));
        expect(creates.length).toBe(1);
        const o = creates[0]!.raw.object;
        expect(o.type).toBe("Note");
        expect(o.attributedTo).toBe(alice.account.uri);
        expect(o.content).toContain("Hello peer");
        expect(o.summary).toBe("cw here");
        expect(o.sensitive).toBe(true);
        expect([o.to].flat()).toContain("https://www.w3.org/ns/activitystreams#Public");
        expect(creates[0]!.json.object?.type ?? creates[0]!.json.object).toBeTruthy();
      },
      T,
    );

    test(
      "Hearth replies to the peer's note: inReplyTo and a Mention tag reach the peer",
      async () => {
        const onH = statusIdByUri(H, peerNote)!;
        const st = await alice.client.v1.statuses.create({ status: `@${peter().handle} replying`, inReplyToId: onH });
        await done();
        const c = got("Create", (raw) => raw.object?.id === uriOf(H, st.id));
        expect(c.length).toBe(1);
        expect(c[0]!.raw.object.inReplyTo).toBe(peerNote);
        expect([c[0]!.raw.object.tag].flat().some((t: any) => t?.type === "Mention" && t.href === peter().uri)).toBe(true);
      },
      T,
    );

    test(
      "peer replies to a Hearth post: the reply threads under it on Hearth",
      async () => {
        const { id } = await P.post(`<p>@alice answering</p>`, { inReplyTo: uriOf(H, hearthPost), mentions: [alice.account.uri] });
        await done();
        const ctx = await alice.client.v1.statuses.$select(hearthPost).context.fetch();
        const reply = ctx.descendants.find((x) => x.uri === id);
        expect(reply).toBeTruthy();
        expect(reply!.inReplyToId).toBe(hearthPost);
        expect((await alice.client.v1.statuses.$select(hearthPost).fetch()).repliesCount).toBe(1);
      },
      T,
    );

    test(
      "Hearth DM to a peer actor: delivered to that actor only, without the public audience",
      async () => {
        const st = await alice.client.v1.statuses.create({ status: `@${P.actors.lena!.handle} just for you`, visibility: "direct" });
        await done();
        const c = got("Create", (raw) => raw.object?.id === uriOf(H, st.id));
        expect(c.length).toBe(1);
        const aud = [c[0]!.raw.to, c[0]!.raw.cc, c[0]!.raw.object.to, c[0]!.raw.object.cc].flat().filter(Boolean);
        expect(aud).toContain(P.actors.lena!.uri);
        expect(aud.some((x: string) => /#Public$|^as:Public$|^Public$/.test(x) || x.endsWith("/followers"))).toBe(false);
      },
      T,
    );

    test(
      "Hearth media post: the peer receives the attachment with alt text, media type and blurhash",
      async () => {
        const m = await alice.client.v2.media.create({
          file: new Blob([await gradient(32, 32, "png")], { type: "image/png" }),
          description: "alt for peer",
        });
        await H.drain();
        const st = await alice.client.v1.statuses.create({ status: "with media", mediaIds: [m.id] });
        await done();
        const c = got("Create", (raw) => raw.object?.id === uriOf(H, st.id));
        expect(c.length).toBe(1);
        const att = [c[0]!.raw.object.attachment].flat()[0];
        expect(att.name).toBe("alt for peer");
        expect(att.mediaType).toBe("image/png");
        expect(att.blurhash).toBeTruthy();
        expect(String(att.url?.href ?? att.url)).toContain(H.domain);
      },
      T,
    );

    test(
      "likes and boosts both ways",
      async () => {
        const postUri = uriOf(H, hearthPost);
        await P.like(postUri);
        await P.announce(postUri);
        await done();
        const notes = await alice.client.v1.notifications.list({ limit: 20 });
        expect(notes.some((n) => n.type === "favourite" && n.status?.id === hearthPost && n.account.acct === peter().handle)).toBe(true);
        expect(notes.some((n) => n.type === "reblog" && n.status?.id === hearthPost && n.account.acct === peter().handle)).toBe(true);
        const onH = statusIdByUri(H, peerNote)!;
        await alice.client.v1.statuses.$select(onH).favourite();
        await alice.client.v1.statuses.$select(onH).reblog();
        await done();
        expect(got("Like", (raw) => raw.object === peerNote && raw.actor === alice.account.uri).length).toBe(1);
        expect(got("Announce", (raw) => raw.object === peerNote && raw.actor === alice.account.uri).length).toBe(1);
      },
      T,
    );

    test(
      "Undo of likes, boosts and follows both ways",
      async () => {
        const postUri = uriOf(H, hearthPost);
        const likeId = await P.like(postUri, "lena");
        const annId = await P.announce(postUri, "lena");
        await done();
        const count = (col: string) =>
          H.ctx.db.query<{ n: number }, [number]>(`SELECT ${col} AS n FROM statuses WHERE id = ?`).get(Number(hearthPost))!.n;
        expect(count("favourites_count")).toBe(2);
        expect(count("reblogs_count")).toBe(2);
        await P.undo(likeId, "Like", postUri, [alice.account.uri], "lena");
        await P.undo(annId, "Announce", postUri, [alice.account.uri], "lena");
        await done();
        expect(count("favourites_count")).toBe(1);
        expect(count("reblogs_count")).toBe(1);
        const onH = statusIdByUri(H, peerNote)!;
        await alice.client.v1.statuses.$select(onH).unfavourite();
        await alice.client.v1.statuses.$select(onH).unreblog();
        await done();
        const undos = got("Undo", (raw) => raw.actor === alice.account.uri);
        expect(undos.map((u) => u.raw.object?.type).sort()).toEqual(["Announce", "Like"]);
        expect(undos.every((u) => u.raw.object?.object === peerNote)).toBe(true);
        // alice unfollows lena (peer side loses the follower); peter unfollows alice (Hearth drops the row).
        await alice.client.v1.accounts.$select(lenaId).unfollow();
        await P.unfollow(handle(alice));
        await done();
        expect(got("Undo", (raw) => raw.actor === alice.account.uri && raw.object?.type === "Follow").length).toBe(1);
        expect(P.actors.lena!.followers.has(alice.account.uri)).toBe(false);
        expect(followsRow(H, alice.id, lenaId)).toBe(false);
        expect(followsRow(H, peterId, alice.id)).toBe(false);
        // Follow again after the Undo (a new Follow id): accepted again.
        await P.follow(handle(alice));
        await done();
        expect(followsRow(H, peterId, alice.id)).toBe(true);
        expect(got("Accept", (raw) => raw.actor === alice.account.uri).length).toBe(2);
      },
      T,
    );

    moreScenarios(spec, () => ({ H, P, alice, bob, peterId, lenaId, peerNote, hearthPost, done, got, peter, handle }));
  });
}
