/** /api/v1/push/subscription: create, show, update, delete; one per token; revocation; bad input refused with nothing stored. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createECDH } from "node:crypto";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { revokeAuthorizedApp } from "../../../../src/services/security/authorized-apps";

let s: TestServer;
let strict: TestServer;
let me: TestUser;

const point = () => {
  const e = createECDH("prime256v1");
  e.generateKeys();
  return e.getPublicKey();
};
const b64u = (b: Uint8Array) => Buffer.from(b).toString("base64url");
const keys = () => ({ p256dh: b64u(point()), auth: b64u(crypto.getRandomValues(new Uint8Array(16))) });
const rows = (srv: TestServer = s) => srv.count("web_push_subscriptions");

beforeAll(async () => {
  s = await startTestServer();
  strict = await startTestServer({ env: { ALLOW_PRIVATE_ADDRESSES: "false" } });
  me = await s.createUser("pusher");
}, 30000);
afterAll(async () => {
  await s.stop();
  await strict.stop();
});

describe("the subscription API through masto.js", () => {
  test("create, fetch, update, remove", async () => {
    const instance = await (await s.api("GET", "/api/v2/instance")).json();
    const vapid = instance.configuration.vapid.public_key;
    expect(vapid).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const created = await me.client.v1.push.subscription.create({
      subscription: { endpoint: "https://push.example/abc", keys: keys() },
      data: { alerts: { mention: true, favourite: true, follow: false } },
      policy: "followed",
    });
    expect(created.id).toBeString();
    expect(created.endpoint).toBe("https://push.example/abc");
    expect(created.serverKey).toBe(vapid);
    expect(created.policy).toBe("followed");
    expect(created.alerts.mention).toBe(true);
    expect(created.alerts.favourite).toBe(true);
    expect(created.alerts.follow).toBe(false);
    expect(created.alerts.reblog).toBe(false);
    expect((created as any).standard).toBe(false);

    const fetched = await me.client.v1.push.subscription.fetch();
    expect(fetched).toEqual(created);

    const updated = await me.client.v1.push.subscription.update({
      data: { alerts: { reblog: true, admin: { signUp: true, report: false } } },
    });
    expect(updated.id).toBe(created.id);
    expect(updated.endpoint).toBe(created.endpoint);
    // PUT replaces the data, as Mastodon's update!(data: …): omitted alerts are off, the policy is back to all.
    expect(updated.alerts.reblog).toBe(true);
    expect(updated.alerts.mention).toBe(false);
    // masto.js nests admin alerts on the way in (alerts[admin][sign_up]) and camel-cases the flat keys on the way out.
    expect(updated.alerts as unknown as Record<string, boolean>).toMatchObject({ adminSignUp: true, adminReport: false });
    expect(updated.policy).toBe("all");

    await me.client.v1.push.subscription.remove();
    expect(rows()).toBe(0);
    await expect(me.client.v1.push.subscription.fetch()).rejects.toMatchObject({ statusCode: 404 });
  });

  test("the raw entity has every Mastodon 4.5 alert type and Mastodon's field names", async () => {
    const res = await s.api("POST", "/api/v1/push/subscription", {
      token: me.token,
      form: {
        "subscription[endpoint]": "https://push.example/raw",
        "subscription[keys][p256dh]": keys().p256dh,
        "subscription[keys][auth]": keys().auth,
        "subscription[standard]": "true",
        "data[alerts][quote]": "true",
        "data[alerts][admin.report]": "1",
        "data[alerts][poll]": "false",
        "data[policy]": "follower",
      },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["alerts", "endpoint", "id", "policy", "server_key", "standard"]);
    expect(body.standard).toBe(true);
    expect(body.policy).toBe("follower");
    expect(Object.keys(body.alerts).sort()).toEqual(
      [
        "admin.report",
        "admin.sign_up",
        "favourite",
        "follow",
        "follow_request",
        "mention",
        "moderation_warning",
        "poll",
        "quote",
        "quoted_update",
        "reblog",
        "severed_relationships",
        "status",
        "update",
      ].sort(),
    );
    expect(body.alerts.quote).toBe(true);
    expect(body.alerts["admin.report"]).toBe(true);
    expect(body.alerts.poll).toBe(false);
    expect((await s.api("DELETE", "/api/v1/push/subscription", { token: me.token })).status).toBe(200);
  });

  test("one subscription per token: a new POST replaces it; another token keeps its own", async () => {
    const other = s.token(me.user.id, ["push"]);
    const a = await me.client.v1.push.subscription.create({
      subscription: { endpoint: "https://push.example/1", keys: keys() },
      policy: "all",
    });
    const b = await me.client.v1.push.subscription.create({
      subscription: { endpoint: "https://push.example/2", keys: keys() },
      policy: "all",
    });
    expect(b.id).not.toBe(a.id);
    expect(rows()).toBe(1);
    await s
      .client(other)
      .v1.push.subscription.create({ subscription: { endpoint: "https://push.example/3", keys: keys() }, policy: "all" });
    expect(rows()).toBe(2);
    expect((await me.client.v1.push.subscription.fetch()).endpoint).toBe("https://push.example/2");
    expect((await s.client(other).v1.push.subscription.fetch()).endpoint).toBe("https://push.example/3");
    await me.client.v1.push.subscription.remove();
    await s.client(other).v1.push.subscription.remove();
    expect(rows()).toBe(0);
  });

  test("without a subscription: GET and PUT 404, DELETE answers {}", async () => {
    expect((await s.api("GET", "/api/v1/push/subscription", { token: me.token })).status).toBe(404);
    const put = await s.api("PUT", "/api/v1/push/subscription", { token: me.token, json: { data: { alerts: { mention: true } } } });
    expect(put.status).toBe(404);
    expect(await put.json()).toEqual({ error: "Record not found" });
    const del = await s.api("DELETE", "/api/v1/push/subscription", { token: me.token });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({});
  });

  test("needs the push scope and a user token", async () => {
    const readOnly = s.token(me.user.id, ["read", "write"]);
    const res = await s.api("POST", "/api/v1/push/subscription", {
      token: readOnly,
      json: { subscription: { endpoint: "https://push.example/x", keys: keys() } },
    });
    expect(res.status).toBe(403);
    expect((await s.api("GET", "/api/v1/push/subscription")).status).toBe(401);
    expect(rows()).toBe(0);
  });
});

describe("revoking the token removes its subscription", () => {
  test("POST /oauth/revoke", async () => {
    const app = await (
      await s.api("POST", "/api/v1/apps", {
        json: { client_name: "phone", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read push" },
      })
    ).json();
    const tok = await (
      await s.api("POST", "/oauth/token", {
        form: {
          grant_type: "password",
          client_id: app.client_id,
          client_secret: app.client_secret,
          username: "pusher@example.com",
          password: me.password,
          scope: "read push",
        },
      })
    ).json();
    await s.client(tok.access_token).v1.push.subscription.create({
      subscription: { endpoint: "https://push.example/revoked", keys: keys() },
      policy: "all",
    });
    expect(rows()).toBe(1);
    const res = await s.api("POST", "/oauth/revoke", {
      form: { client_id: app.client_id, client_secret: app.client_secret, token: tok.access_token },
    });
    expect(res.status).toBe(200);
    expect(rows()).toBe(0);
  });

  test("revoking an authorized application", async () => {
    const u = await s.createUser("revoker");
    await u.client.v1.push.subscription.create({ subscription: { endpoint: "https://push.example/app", keys: keys() }, policy: "all" });
    expect(rows()).toBe(1);
    const appId = (s.ctx.db.query("SELECT application_id AS a FROM oauth_access_tokens WHERE token = ?").get(u.token) as { a: number }).a;
    revokeAuthorizedApp(s.ctx, u.user.id, appId);
    expect(rows()).toBe(0);
  });
});

describe("bad input: 422 and nothing stored", () => {
  const good = () => keys();
  const post = (srv: TestServer, token: string, subscription: unknown, data?: unknown) =>
    srv.api("POST", "/api/v1/push/subscription", { token, json: { subscription, data } });

  test("keys of the wrong length or shape", async () => {
    const k = good();
    const p = point();
    const compressed = b64u(Buffer.concat([Buffer.from([2 + (p[64]! & 1)]), p.subarray(1, 33)]));
    const offCurve = Buffer.from(p);
    offCurve[64] = offCurve[64]! ^ 1;
    const cases: Record<string, string>[] = [
      { p256dh: b64u(p.subarray(0, 64)), auth: k.auth },
      { p256dh: b64u(Buffer.concat([p, Buffer.from([0])])), auth: k.auth },
      { p256dh: compressed, auth: k.auth },
      { p256dh: b64u(offCurve), auth: k.auth },
      { p256dh: b64u(Buffer.concat([Buffer.from([5]), p.subarray(1)])), auth: k.auth },
      { p256dh: "not base64!", auth: k.auth },
      { p256dh: "", auth: k.auth },
      { p256dh: k.p256dh, auth: b64u(crypto.getRandomValues(new Uint8Array(15))) },
      { p256dh: k.p256dh, auth: b64u(crypto.getRandomValues(new Uint8Array(17))) },
      { p256dh: k.p256dh, auth: "a" },
      { p256dh: k.p256dh } as Record<string, string>,
    ];
    for (const keys of cases) {
      const res = await post(s, me.token, { endpoint: "https://push.example/bad", keys });
      expect({ keys, status: res.status }).toEqual({ keys, status: 422 });
      expect((await res.json()).error).toStartWith("Validation failed:");
    }
    expect(rows()).toBe(0);
  });

  test("keys padded, unpadded or in standard base64 are all accepted", async () => {
    const p = point();
    const auth = crypto.getRandomValues(new Uint8Array(16));
    for (const [pk, ak] of [
      [Buffer.from(p).toString("base64"), Buffer.from(auth).toString("base64")],
      [b64u(p), b64u(auth)],
      [`${b64u(p)}=`, `${b64u(auth)}==`],
    ] as const) {
      const res = await post(s, me.token, { endpoint: "https://push.example/ok", keys: { p256dh: pk, auth: ak } });
      expect(res.status).toBe(200);
    }
    expect(rows()).toBe(1);
    await s.api("DELETE", "/api/v1/push/subscription", { token: me.token });
  });

  test("missing or malformed endpoint, unknown policy", async () => {
    for (const sub of [
      undefined,
      "https://push.example/",
      { keys: good() },
      { endpoint: "", keys: good() },
      { endpoint: "not a url", keys: good() },
      { endpoint: "ftp://push.example/x", keys: good() },
      { endpoint: "https://user:pw@push.example/x", keys: good() },
      { endpoint: `https://push.example/${"x".repeat(3000)}`, keys: good() },
    ]) {
      const res = await post(s, me.token, sub);
      expect({ sub, status: res.status }).toEqual({ sub, status: 422 });
    }
    const res = await post(s, me.token, { endpoint: "https://push.example/x", keys: good() }, { policy: "friends" });
    expect(res.status).toBe(422);
    expect(rows()).toBe(0);
  });

  test("a refused POST leaves the token's existing subscription as it was", async () => {
    const kept = await me.client.v1.push.subscription.create({
      subscription: { endpoint: "https://push.example/kept", keys: good() },
      policy: "all",
    });
    const res = await post(s, me.token, { endpoint: "https://push.example/new", keys: { p256dh: "AAAA", auth: good().auth } });
    expect(res.status).toBe(422);
    expect(await me.client.v1.push.subscription.fetch()).toEqual(kept);
    const put = await s.api("PUT", "/api/v1/push/subscription", { token: me.token, json: { data: { policy: "nobody" } } });
    expect(put.status).toBe(422);
    expect(await me.client.v1.push.subscription.fetch()).toEqual(kept);
    await me.client.v1.push.subscription.remove();
  });

  test("without ALLOW_PRIVATE_ADDRESSES: plain http and private or loopback addresses are refused", async () => {
    const u = await strict.createUser("strict");
    for (const endpoint of [
      "http://push.example/x",
      "https://127.0.0.1/x",
      "https://localhost/x",
      "https://10.1.2.3/x",
      "https://192.168.0.10:8443/x",
      "https://[::1]/x",
      "https://169.254.169.254/x",
    ]) {
      const res = await post(strict, u.token, { endpoint, keys: good() });
      expect({ endpoint, status: res.status }).toEqual({ endpoint, status: 422 });
    }
    expect(rows(strict)).toBe(0);
    // A public address literal is fine (nothing is sent when subscribing).
    expect((await post(strict, u.token, { endpoint: "https://93.184.215.14/push", keys: good() })).status).toBe(200);
    expect(rows(strict)).toBe(1);
  });
});
