import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { INSTANCE_ACTOR_ID, instanceActorId } from "../../src/activitypub/outbound/instance-actor";
import { startTestServer, type TestServer } from "../rig";

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ env: { AUTHORIZED_FETCH: "true" } });
  await s.createUser("alice");
});
afterAll(() => s.stop());

describe("GET /actor", () => {
  test("serves the Application actor without a signature, even with AUTHORIZED_FETCH", async () => {
    const res = await s.api("GET", "/actor", { headers: { Accept: "application/activity+json" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toStartWith("application/activity+json");
    const doc = (await res.json()) as any;
    const base = s.url;
    expect(doc).toMatchObject({
      id: `${base}/actor`,
      type: "Application",
      preferredUsername: s.domain,
      inbox: `${base}/actor/inbox`,
      outbox: `${base}/actor/outbox`,
      manuallyApprovesFollowers: true,
      endpoints: { sharedInbox: `${base}/inbox` },
      publicKey: { id: `${base}/actor#main-key`, owner: `${base}/actor` },
    });
    expect(doc["@context"]).toContain("https://www.w3.org/ns/activitystreams");
    expect(doc.publicKey.publicKeyPem).toStartWith("-----BEGIN PUBLIC KEY-----");
    const again = (await (await s.api("GET", "/actor")).json()) as any;
    expect(again.publicKey.publicKeyPem).toBe(doc.publicKey.publicKeyPem);
    const outbox = (await (await s.api("GET", "/actor/outbox")).json()) as any;
    expect(outbox).toMatchObject({ type: "OrderedCollection", totalItems: 0 });
  });

  test("is one accounts row with a fixed id, a private key and no login", async () => {
    expect(await Promise.all([instanceActorId(s.ctx), instanceActorId(s.ctx)])).toEqual([INSTANCE_ACTOR_ID, INSTANCE_ACTOR_ID]);
    expect(s.count("accounts", "uri = ?", `${s.url}/actor`)).toBe(1);
    const row = s.ctx.db.query("SELECT * FROM accounts WHERE id = ?").get(INSTANCE_ACTOR_ID) as any;
    expect(row).toMatchObject({ username: s.domain, domain: null, actor_type: "Application", locked: 1 });
    expect(row.private_key_pem).toStartWith("-----BEGIN PRIVATE KEY-----");
    expect(s.count("users", "account_id = ?", INSTANCE_ACTOR_ID)).toBe(0);
  });

  test("is not a user: not counted, not addressable by id, its name cannot be registered", async () => {
    const inst = (await (await s.api("GET", "/api/v1/instance")).json()) as any;
    expect(inst.stats.user_count).toBe(1);
    expect((await s.api("GET", `/api/v1/accounts/${INSTANCE_ACTOR_ID}`)).status).toBe(404);
    const before = s.count("accounts");
    const app = (await (
      await s.api("POST", "/api/v1/apps", { json: { client_name: "x", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" } })
    ).json()) as any;
    const tok = (await (
      await s.api("POST", "/oauth/token", {
        json: { grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: "write" },
      })
    ).json()) as any;
    const res = await s.api("POST", "/api/v1/accounts", {
      token: tok.access_token,
      json: { username: s.domain, email: "x@example.com", password: "long-enough-pw", agreement: true, locale: "en" },
    });
    expect(res.status).toBe(422);
    expect(s.count("accounts")).toBe(before);
  });
});
