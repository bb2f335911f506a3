/**
 * Behind a TLS proxy (Caddy, nginx) Hearth is reached over plain HTTP while peers address and sign
 * `https://…`. RFC 9421 signatures cover the scheme (`@target-uri`), so the inbox and signed
 * fetches must check them against the public URL, not the one the proxy forwarded to. Requests go
 * to 127.0.0.1 with the Host header a proxy passes on; PROTOCOL=https as in production.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { signRequest, signRequestRfc9421 } from "../../src/activitypub/outbound/signatures";
import { FakeRemote, startTestServer, type FakeActor, type TestServer, type TestUser } from "../rig";

const WEB = "social.example.test";
let s: TestServer;
let alice: TestUser;
let remote: FakeRemote;
const signers: Record<"cavage" | "rfc9421", FakeActor> = {} as never;

beforeAll(async () => {
  s = await startTestServer({ env: { LOCAL_DOMAIN: WEB, PROTOCOL: "https", AUTHORIZED_FETCH: "true" } });
  alice = await s.createUser("alice");
  remote = new FakeRemote();
  signers.cavage = await remote.addActor("bob");
  signers.rfc9421 = await remote.addActor("carol", {}, 1);
});
afterAll(async () => {
  remote?.stop();
  await s?.stop();
});

/** Sends a request signed for `https://WEB/<path>` to the server's plain-HTTP port, as a proxy would. */
async function viaProxy(spec: "cavage" | "rfc9421", method: "GET" | "POST", path: string, body?: unknown): Promise<Response> {
  const publicUrl = `https://${WEB}${path}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const req = { method, url: publicUrl, headers: { "Content-Type": "application/activity+json" }, body: text };
  const signer = signers[spec];
  const key = { keyId: signer.keyId, privateKeyPem: signer.privateKeyPem };
  const headers = spec === "cavage" ? await signRequest(req, key, Date.now()) : await signRequestRfc9421(req, key, Date.now());
  return fetch(`${s.url}${path}`, {
    method,
    headers: { ...headers, Host: WEB, Accept: "application/activity+json", "X-Forwarded-Proto": "https" },
    body: text,
  });
}

describe("signatures checked against the public https URL behind a proxy", () => {
  for (const spec of ["cavage", "rfc9421"] as const) {
    test(`${spec}: a signed Follow POSTed to the inbox is accepted and alice gains that follower`, async () => {
      const actor = signers[spec];
      const follow = {
        "@context": "https://www.w3.org/ns/activitystreams",
        id: remote.id(),
        type: "Follow",
        actor: actor.uri,
        object: `https://${WEB}/users/alice`,
      };
      const res = await viaProxy(spec, "POST", "/users/alice/inbox", follow);
      expect(res.status).toBe(202);
      await s.drain();
      const followers = await alice.client.v1.accounts.$select(alice.id).followers.list();
      expect(followers.map((a) => a.url)).toContain(`${remote.base}/@${actor.name}`);
    });

    test(`${spec}: a signed GET of alice's actor under authorized fetch is answered`, async () => {
      const res = await viaProxy(spec, "GET", "/users/alice");
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(`https://${WEB}/users/alice`);
    });
  }

  test("a signature made for the http:// URL does not verify when the public scheme is https (rfc9421)", async () => {
    const path = "/users/alice";
    const req = { method: "GET", url: `http://${WEB}${path}` };
    const headers = await signRequestRfc9421(
      req,
      { keyId: signers.rfc9421.keyId, privateKeyPem: signers.rfc9421.privateKeyPem },
      Date.now(),
    );
    const res = await fetch(`${s.url}${path}`, { headers: { ...headers, Host: WEB, Accept: "application/activity+json" } });
    expect(res.status).toBe(401);
  });
});
