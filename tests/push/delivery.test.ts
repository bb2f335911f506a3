/**
 * Web Push deliveries end to end: notifications made over the API reach a push service on
 * 127.0.0.1 that decrypts them (aes128gcm and aesgcm) and checks VAPID, TTL and Urgency; mutes,
 * filtered notifications, policies and alerts keep pushes back; 410 removes a subscription,
 * 500 is retried.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { revokeToken } from "../../src/services/oauth/tokens";
import { PushReceiver, verifyVapid } from "./receiver";

let s: TestServer;
let rx: PushReceiver;
let vapidKey: string;
let n = 0;

/** A user with a subscription at a fresh path of the receiver. */
async function subscriber(
  name: string,
  o: { standard?: boolean; alerts?: Record<string, boolean>; policy?: string } = {},
): Promise<{ user: TestUser; path: string }> {
  const user = await s.createUser(name);
  const path = `/sub/${name}-${++n}`;
  const { endpoint, keys } = await rx.subscribe(path);
  const res = await s.api("POST", "/api/v1/push/subscription", {
    token: user.token,
    json: {
      subscription: { endpoint, keys: { p256dh: keys.p256dh, auth: keys.authB64 }, standard: o.standard ?? true },
      data: {
        alerts: o.alerts ?? { mention: true, favourite: true, follow: true, reblog: true, follow_request: true },
        policy: o.policy ?? "all",
      },
    },
  });
  expect(res.status).toBe(200);
  return { user, path };
}

const drain = () => s.drain();
const mention = (from: TestUser, to: TestUser, text = "hello") =>
  from.client.v1.statuses.create({ status: `@${to.account.username} ${text}` });

beforeAll(async () => {
  rx = new PushReceiver();
  s = await startTestServer({ runJobs: false });
  vapidKey = (await (await s.api("GET", "/api/v2/instance")).json()).configuration.vapid.public_key;
}, 30000);
afterAll(async () => {
  await s.stop();
  rx.stop();
});

describe("a notification becomes a push", () => {
  test("a mention, decrypted (aes128gcm): Mastodon's payload, TTL, Urgency and a VAPID JWT signed by the instance", async () => {
    const { user: grandma, path } = await subscriber("grandma");
    const kid = await s.createUser("kid");
    await s.api("PATCH", "/api/v1/accounts/update_credentials", { token: kid.token, json: { display_name: "The Kid" } });
    await mention(kid, grandma, "look at this  &  that");
    await drain();
    expect(rx.errors).toEqual([]);
    const [m, ...rest] = rx.at(path);
    expect(rest).toEqual([]);
    const [notification] = await grandma.client.v1.notifications.list();
    expect(m!.payload).toEqual({
      access_token: grandma.token,
      preferred_locale: "en",
      notification_id: Number(notification!.id),
      notification_type: "mention",
      icon: notification!.account.avatarStatic,
      title: "You were mentioned by The Kid",
      body: "@grandma look at this  &  that",
    });
    expect(m!.encoding).toBe("aes128gcm");
    expect(m!.headers.get("content-type")).toBe("application/octet-stream");
    expect(m!.headers.get("ttl")).toBe("172800");
    expect(m!.headers.get("urgency")).toBe("normal");
    expect(m!.headers.get("authorization")).toStartWith("vapid t=");
    expect(m!.vapidKey).toBe(vapidKey);
    const claims = await verifyVapid(m!.jwt, vapidKey, rx.origin, s.ctx.now());
    expect(claims.aud).toBe(rx.origin);
    expect(claims.exp * 1000).toBeGreaterThan(s.ctx.now());
    expect(claims.exp * 1000 - s.ctx.now()).toBeLessThanOrEqual(24 * 3600 * 1000);
    expect(claims.sub).toBe(s.ctx.uris.base);
  });

  test("a favourite and a follow", async () => {
    const { user: me, path } = await subscriber("favme");
    const fan = await s.createUser("fan");
    const post = await me.client.v1.statuses.create({ status: "my garden" });
    await drain();
    await fan.client.v1.statuses.$select(post.id).favourite();
    await fan.client.v1.accounts.$select(me.id).follow();
    await drain();
    expect(rx.errors).toEqual([]);
    const got = rx.at(path).map((m) => [m.payload.notification_type, m.payload.title, m.payload.body]);
    expect(got).toEqual([
      ["favourite", "fan favorited your post", "my garden"],
      ["follow", "fan is now following you", ""],
    ]);
  });

  test("a legacy subscription (standard false) gets aesgcm with Crypto-Key, Encryption and WebPush authorization", async () => {
    const { user: old, path } = await subscriber("oldphone", { standard: false });
    const friend = await s.createUser("friend");
    await s.api("PATCH", "/api/v1/accounts/update_credentials", {
      token: friend.token,
      json: { note: "I knit. ".repeat(30) },
    });
    await friend.client.v1.accounts.$select(old.id).follow();
    await drain();
    expect(rx.errors).toEqual([]);
    const [m] = rx.at(path);
    expect(m!.encoding).toBe("aesgcm");
    expect(m!.headers.get("encryption")).toMatch(/^salt=[A-Za-z0-9_-]{22}$/);
    expect(m!.headers.get("crypto-key")).toMatch(new RegExp(`^dh=[A-Za-z0-9_-]{87};p256ecdsa=${vapidKey}$`));
    expect(m!.headers.get("authorization")).toStartWith("WebPush ");
    expect(m!.payload.notification_type).toBe("follow");
    // The bio, truncated as Rails' truncate(length: 140).
    expect(m!.payload.body).toBe(`${"I knit. ".repeat(30).slice(0, 137)}...`);
    await verifyVapid(m!.jwt, vapidKey, rx.origin, s.ctx.now());
  });
});

describe("what is never pushed", () => {
  test("a muted sender", async () => {
    const { user: me, path } = await subscriber("muter");
    const loud = await s.createUser("loud");
    await me.client.v1.accounts.$select(loud.id).mute({ notifications: true });
    await mention(loud, me);
    await drain();
    expect(rx.at(path)).toEqual([]);
  });

  test("a notification the notification policy filters", async () => {
    const { user: me, path } = await subscriber("filterer");
    const stranger = await s.createUser("stranger");
    const res = await s.api("PUT", "/api/v2/notifications/policy", { token: me.token, json: { for_not_following: "filter" } });
    expect(res.status).toBe(200);
    await mention(stranger, me);
    await drain();
    expect(s.count("notifications", "account_id = ? AND filtered = 1", me.account.id)).toBe(1);
    expect(rx.at(path)).toEqual([]);
  });

  test("policy followed: strangers are not pushed, people I follow are", async () => {
    const { user: me, path } = await subscriber("picky", { policy: "followed" });
    const stranger = await s.createUser("rando");
    const pal = await s.createUser("pal");
    await me.client.v1.accounts.$select(pal.id).follow();
    await mention(stranger, me, "from a stranger");
    await mention(pal, me, "from a pal");
    await drain();
    expect(rx.at(path).map((m) => m.payload.body)).toEqual(["@picky from a pal"]);
  });

  test("policy none, and alerts switched off for the type", async () => {
    const { user: quiet, path: quietPath } = await subscriber("quiet", { policy: "none" });
    const { user: choosy, path: choosyPath } = await subscriber("choosy", { alerts: { mention: true, favourite: false } });
    const other = await s.createUser("other");
    const post = await choosy.client.v1.statuses.create({ status: "fav me not" });
    await mention(other, quiet);
    await drain();
    await other.client.v1.statuses.$select(post.id).favourite();
    await mention(other, choosy, "but mention me");
    await drain();
    expect(rx.at(quietPath)).toEqual([]);
    expect(rx.at(choosyPath).map((m) => m.payload.notification_type)).toEqual(["mention"]);
  });

  test("after the token is revoked", async () => {
    const { user: me, path } = await subscriber("gone");
    const other = await s.createUser("other2");
    expect(revokeToken(s.ctx, me.token)).toBe(true);
    expect(s.count("web_push_subscriptions", "user_id = ?", me.user.id)).toBe(0);
    await mention(other, me);
    await drain();
    expect(rx.at(path)).toEqual([]);
  });
});

describe("answers from the push service", () => {
  test("410 Gone removes the subscription; no more requests", async () => {
    const { user: me, path } = await subscriber("expired");
    const other = await s.createUser("other3");
    rx.answer(path, 410);
    const before = rx.hits;
    await mention(other, me, "one");
    await drain();
    expect(rx.hits - before).toBe(1);
    expect(s.count("web_push_subscriptions", "user_id = ?", me.user.id)).toBe(0);
    expect((await s.api("GET", "/api/v1/push/subscription", { token: me.token })).status).toBe(404);
    await mention(other, me, "two");
    await drain();
    expect(rx.hits - before).toBe(1);
  });

  test("404 removes it too", async () => {
    const { user: me, path } = await subscriber("unknown");
    const other = await s.createUser("other4");
    rx.answer(path, 404);
    await mention(other, me);
    await drain();
    expect(s.count("web_push_subscriptions", "user_id = ?", me.user.id)).toBe(0);
  });

  test("500 is retried with backoff and then delivered", async () => {
    const { user: me, path } = await subscriber("flaky");
    const other = await s.createUser("other5");
    rx.answer(path, 500, 503);
    await mention(other, me, "eventually");
    await drain();
    const job = () =>
      s.ctx.db.query("SELECT attempts, run_at FROM jobs WHERE kind = 'push.deliver'").get() as { attempts: number; run_at: number } | null;
    expect(job()!.attempts).toBe(1);
    expect(job()!.run_at).toBeGreaterThan(s.ctx.now());
    expect(rx.at(path)).toEqual([]);
    s.clock.advance(10 * 60_000);
    await drain();
    expect(job()!.attempts).toBe(2);
    s.clock.advance(10 * 60_000);
    await drain();
    expect(job()).toBeNull();
    expect(rx.at(path).map((m) => m.payload.body)).toEqual(["@flaky eventually"]);
    expect(s.count("web_push_subscriptions", "user_id = ?", me.user.id)).toBe(1);
  });
});
