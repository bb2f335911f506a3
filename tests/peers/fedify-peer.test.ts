/**
 * Self-test of the Fedify test peer: two peers talk to each other (one signing draft-cavage,
 * one RFC 9421), so failures in the Hearth federation suites point at Hearth, not the peer.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startPeer, type Peer } from "./fedify-peer";

let cav: Peer, rfc: Peer;
beforeAll(async () => {
  [cav, rfc] = await Promise.all([startPeer({ spec: "draft-cavage-http-signatures-12" }), startPeer({ spec: "rfc9421" })]);
}, 30_000);
afterAll(async () => {
  await cav?.stop();
  await rfc?.stop();
});

async function idle(...peers: Peer[]) {
  for (let i = 0; i < 300 && !peers.every((p) => p.idle()); i++) await Bun.sleep(10);
}

describe("fedify peer self-test", () => {
  test("serves WebFinger with a port in the handle, actor JSON and NodeInfo", async () => {
    const wf = await fetch(`${cav.url}/.well-known/webfinger?resource=acct:peter@${cav.domain}`);
    expect(wf.status).toBe(200);
    const j = (await wf.json()) as any;
    expect(j.subject).toBe(`acct:peter@${cav.domain}`);
    expect(j.links.find((l: any) => l.rel === "self").href).toBe(cav.actors.peter!.uri);
    const actor = (await (await fetch(cav.actors.peter!.uri, { headers: { Accept: "application/activity+json" } })).json()) as any;
    expect(actor.type).toBe("Person");
    expect(actor.publicKey.publicKeyPem).toContain("BEGIN PUBLIC KEY");
    expect(actor.endpoints.sharedInbox).toBe(`${cav.url}/inbox`);
    const ni = (await (await fetch(`${cav.url}/.well-known/nodeinfo`)).json()) as any;
    expect(ni.links[0].href).toContain("/nodeinfo/2.1");
  });

  test("follow with each signature spec: both sides verify, Accept comes back", async () => {
    await cav.follow(rfc.actors.peter!.handle);
    await rfc.follow(cav.actors.peter!.handle);
    await idle(cav, rfc);
    await rfc.waitFor((r) => r.some((x) => x.type === "Follow"));
    await cav.waitFor((r) => r.some((x) => x.type === "Accept"));
    await cav.waitFor((r) => r.some((x) => x.type === "Follow"));
    await rfc.waitFor((r) => r.some((x) => x.type === "Accept"));
    expect(cav.actors.peter!.following.get(rfc.actors.peter!.uri)?.accepted).toBe(true);
    expect(rfc.actors.peter!.followers.has(cav.actors.peter!.uri)).toBe(true);
    expect(cav.outgoing.filter((o) => o.method === "POST").every((o) => o.scheme === "draft-cavage-http-signatures-12")).toBe(true);
    expect(rfc.outgoing.filter((o) => o.method === "POST").every((o) => o.scheme === "rfc9421")).toBe(true);
    expect(rfc.inboxHits.filter((h) => h.scheme === "draft-cavage-http-signatures-12" && h.status === 202).length).toBeGreaterThan(0);
    expect(cav.inboxHits.filter((h) => h.scheme === "rfc9421" && h.status === 202).length).toBeGreaterThan(0);
    expect([...cav.rejected, ...rfc.rejected]).toEqual([]);
  });

  test("a post reaches followers; an unsigned POST is refused", async () => {
    const { id } = await rfc.post("<p>hello from rfc</p>");
    await cav.waitFor((r) => r.some((x) => x.type === "Create" && x.json.object?.id === id));
    const res = await fetch(cav.actors.peter!.inbox, {
      method: "POST",
      headers: { "Content-Type": "application/activity+json" },
      body: JSON.stringify({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${rfc.url}/x`,
        type: "Like",
        actor: rfc.actors.peter!.uri,
        object: id,
      }),
    });
    expect(res.status).toBe(401);
  });
});
