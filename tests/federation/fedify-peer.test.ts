/**
 * Hearth ⇄ Fedify peer signing draft-cavage (the scenarios are in fedify-peer-suite.ts), and
 * AUTHORIZED_FETCH against Fedify-signed GETs in both specs. RFC 9421: fedify-peer-rfc9421.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { startPeer, type Peer } from "../peers/fedify-peer";
import { runCli, settle } from "./helpers";
import { peerSuite } from "./fedify-peer-suite";

const T = 20_000;

peerSuite("draft-cavage-http-signatures-12");

describe("AUTHORIZED_FETCH with Fedify peers", () => {
  let H: TestServer, cav: Peer, rfc: Peer, alice: TestUser;
  beforeAll(async () => {
    [H, cav, rfc] = await Promise.all([
      startTestServer({ env: { AUTHORIZED_FETCH: "true" } }),
      startPeer({ spec: "draft-cavage-http-signatures-12" }),
      startPeer({ spec: "rfc9421" }),
    ]);
    alice = await H.createUser("alice");
  }, 30_000);
  afterAll(async () => {
    await cav?.stop();
    await rfc?.stop();
    await H?.stop();
  });

  test(
    "unsigned GET of an actor is refused; a Fedify-signed GET (either spec) gets the document",
    async () => {
      const unsigned = await fetch(alice.account.uri, { headers: { Accept: "application/activity+json" } });
      expect(unsigned.status).toBe(401);
      for (const p of [cav, rfc]) {
        const doc = await p.fetchSigned(alice.account.uri);
        expect(doc.id).toBe(alice.account.uri);
        const gets = p.outgoing.filter((o) => o.method === "GET" && o.url === alice.account.uri);
        // The first knock, in the peer's own spec, is accepted (no fallback to the other spec).
        expect(gets.map((o) => [o.scheme, o.status])).toEqual([[p.spec, 200]]);
      }
    },
    T,
  );

  test(
    "a peer can still follow: Hearth fetches the peer's key and the peer verifies the Accept",
    async () => {
      await cav.follow(`${alice.account.username}@${H.domain}`);
      await settle([H], [cav]);
      expect(cav.received.filter((r) => r.type === "Accept").length).toBe(1);
    },
    T,
  );

  test(
    "a suspended domain's signed GETs are refused",
    async () => {
      const [code, out] = await runCli(H, ["domains", "block", rfc.domain, "--severity", "suspend"]);
      expect(code, out).toBe(0);
      const n = rfc.outgoing.length;
      await expect(rfc.fetchSigned(`${alice.account.uri}/outbox`)).rejects.toThrow();
      const gets = rfc.outgoing.slice(n).filter((o) => o.method === "GET");
      expect(gets.length).toBeGreaterThan(0);
      expect(gets.every((o) => o.status === 401 || o.status === 403)).toBe(true);
      // The other, unblocked peer still gets it.
      expect((await cav.fetchSigned(`${alice.account.uri}/outbox`)).type).toBe("OrderedCollection");
    },
    T,
  );
});
