/**
 * WEB_DOMAIN different from LOCAL_DOMAIN, as Mastodon allows: handles on the short domain
 * (`@alice@example.test`), the site and every URL and URI on WEB_DOMAIN
 * (`https://social.example.test/users/alice`). WebFinger answers on either host (a proxy sends
 * LOCAL_DOMAIN's /.well-known here) and host-meta points at WEB_DOMAIN. Requests go to
 * 127.0.0.1 with the Host header a proxy would pass. Then a second Hearth instance resolves,
 * follows and mentions `@alice@localhost:PORT` on an instance whose site is `127.0.0.1:PORT`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { freePort, startTestServer, type TestServer, type TestUser } from "../rig";
import { resolveAccount, settle } from "../federation/helpers";

const LOCAL = "example.test";
const WEB = "social.example.test";
let s: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  s = await startTestServer({ env: { LOCAL_DOMAIN: LOCAL, WEB_DOMAIN: WEB, PROTOCOL: "https" } });
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
});
afterAll(() => s?.stop());

async function finger(resource: string, host: string): Promise<Response> {
  return s.api("GET", `/.well-known/webfinger?resource=${encodeURIComponent(resource)}`, { headers: { Host: host } });
}

describe("LOCAL_DOMAIN=example.test, WEB_DOMAIN=social.example.test", () => {
  test("WebFinger on LOCAL_DOMAIN answers for acct:alice@example.test with links on WEB_DOMAIN", async () => {
    const res = await finger(`acct:alice@${LOCAL}`, LOCAL);
    expect(res.status).toBe(200);
    const jrd = (await res.json()) as { subject: string; aliases: string[]; links: { rel: string; href?: string }[] };
    expect(jrd.subject).toBe(`acct:alice@${LOCAL}`);
    expect(jrd.aliases).toEqual([`https://${WEB}/@alice`, `https://${WEB}/users/alice`]);
    expect(jrd.links.find((l) => l.rel === "self")?.href).toBe(`https://${WEB}/users/alice`);
  });

  test("WebFinger also answers acct:alice@WEB_DOMAIN and the actor URL, with the LOCAL_DOMAIN subject", async () => {
    for (const resource of [`acct:alice@${WEB}`, `https://${WEB}/users/alice`, `https://${WEB}/@alice`]) {
      const res = await finger(resource, WEB);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { subject: string }).subject).toBe(`acct:alice@${LOCAL}`);
    }
    // URLs are made only on WEB_DOMAIN; another host's URL, or another domain's handle, is not ours.
    expect((await finger(`https://${LOCAL}/users/alice`, LOCAL)).status).toBe(404);
    expect((await finger("acct:alice@elsewhere.test", LOCAL)).status).toBe(404);
  });

  test("host-meta on LOCAL_DOMAIN points WebFinger clients at WEB_DOMAIN", async () => {
    const res = await s.api("GET", "/.well-known/host-meta", { headers: { Host: LOCAL } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`template="https://${WEB}/.well-known/webfinger?resource={uri}"`);
  });

  test("the actor document and its collections are on WEB_DOMAIN", async () => {
    const res = await s.api("GET", "/users/alice", { headers: { Accept: "application/activity+json", Host: WEB } });
    expect(res.status).toBe(200);
    const actor = (await res.json()) as Record<string, any>;
    expect(actor.id).toBe(`https://${WEB}/users/alice`);
    expect(actor.preferredUsername).toBe("alice");
    expect(actor.url).toBe(`https://${WEB}/@alice`);
    for (const k of ["inbox", "outbox", "followers", "following"]) expect(actor[k]).toStartWith(`https://${WEB}/users/alice/`);
    expect(actor.endpoints.sharedInbox).toBe(`https://${WEB}/inbox`);
    expect(actor.publicKey.id).toStartWith(`https://${WEB}/users/alice`);
  });

  test("the instance reports LOCAL_DOMAIN as its domain and streams on WEB_DOMAIN", async () => {
    const v1 = (await (await s.api("GET", "/api/v1/instance")).json()) as Record<string, any>;
    expect(v1.uri).toBe(LOCAL);
    expect(v1.urls.streaming_api).toBe(`wss://${WEB}`);
    const v2 = (await (await s.api("GET", "/api/v2/instance")).json()) as Record<string, any>;
    expect(v2.domain).toBe(LOCAL);
    expect(v2.configuration.urls.streaming).toBe(`wss://${WEB}`);
  });

  test("local accounts' acct has no domain; their url is on WEB_DOMAIN", async () => {
    const me = await alice.client.v1.accounts.verifyCredentials();
    expect(me.acct).toBe("alice");
    expect(me.url).toBe(`https://${WEB}/@alice`);
    expect((me as any).uri).toBe(`https://${WEB}/users/alice`);
  });

  test("a post mentioning @bob@LOCAL_DOMAIN and @bob@WEB_DOMAIN mentions the local bob; its URI is on WEB_DOMAIN", async () => {
    const st = await alice.client.v1.statuses.create({ status: `hi @bob@${LOCAL} and @bob@${WEB}` });
    expect(st.mentions.map((m) => [m.acct, m.url])).toEqual([["bob", `https://${WEB}/@bob`]]);
    expect(st.uri).toBe(`https://${WEB}/users/alice/statuses/${st.id}`);
    expect(st.url).toBe(`https://${WEB}/@alice/${st.id}`);
    await s.drain();
    const notes = await bob.client.v1.notifications.list({ types: ["mention"] });
    expect(notes.map((n) => n.status?.id)).toContain(st.id);
  });

  test("lookup and the public profile page take the handle on either domain", async () => {
    for (const acct of [`alice@${LOCAL}`, `alice@${WEB}`]) {
      const res = await s.api("GET", `/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { id: string }).id).toBe(alice.id);
    }
    const page = await s.api("GET", `/@alice@${LOCAL}`);
    expect(page.status).toBe(301);
    expect(page.headers.get("location")).toBe(`https://${WEB}/@alice`);
  });
});

describe("a second Hearth instance and a handle on the short domain", () => {
  let A: TestServer, B: TestServer;
  let carol: TestUser, dave: TestUser;
  let handle = "";
  beforeAll(async () => {
    const port = freePort();
    // A's handles are on localhost:PORT, its site and URIs on 127.0.0.1:PORT: two names for one server.
    handle = `carol@localhost:${port}`;
    [A, B] = await Promise.all([
      startTestServer({ port, env: { LOCAL_DOMAIN: `localhost:${port}`, WEB_DOMAIN: `127.0.0.1:${port}` } }),
      startTestServer(),
    ]);
    carol = await A.createUser("carol");
    dave = await B.createUser("dave");
  }, 20_000);
  afterAll(async () => {
    await A?.stop();
    await B?.stop();
  });

  test("B resolves @carol@LOCAL_DOMAIN to the actor on WEB_DOMAIN, follows her and gets her posts", async () => {
    const carolOnB = await resolveAccount(B, dave, handle);
    expect(carolOnB.acct).toBe(handle);
    expect((carolOnB as any).uri).toBe(`http://127.0.0.1:${A.port}/users/carol`);
    expect(carolOnB.url).toBe(`http://127.0.0.1:${A.port}/@carol`);
    await dave.client.v1.accounts.$select(carolOnB.id).follow();
    await settle([A, B]);
    const followers = await carol.client.v1.accounts.$select(carol.id).followers.list();
    expect(followers.map((a) => a.acct)).toEqual([`dave@${B.domain}`]);
    const st = await carol.client.v1.statuses.create({ status: "hello from the short domain" });
    await settle([A, B]);
    const home = await dave.client.v1.timelines.home.list();
    const got = home.find((h) => h.uri === st.uri);
    expect(got?.account.acct).toBe(handle);
  }, 30_000);

  test("a mention of @carol@LOCAL_DOMAIN from B reaches carol", async () => {
    const st = await dave.client.v1.statuses.create({ status: `@${handle} are you there?` });
    expect(st.mentions.map((m) => m.acct)).toEqual([handle]);
    await settle([A, B]);
    const notes = await carol.client.v1.notifications.list({ types: ["mention"] });
    expect(notes.map((n) => n.account.acct)).toContain(`dave@${B.domain}`);
  }, 30_000);
});
