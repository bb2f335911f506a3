/** Resolving accounts and statuses of one Hearth instance from another over real HTTP. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { resolveAccountByHandle, resolveAccountByUri } from "../../../src/services/federation/resolve-account";
import { resolveStatusByUri } from "../../../src/services/federation/resolve-status";
import { settle } from "./settle";

let a: TestServer, b: TestServer;
let alice: TestUser, bob: TestUser;
const posts: Record<string, string> = {};

beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
  [alice, bob] = await Promise.all([a.createUser("alice"), b.createUser("bob")]);
  await alice.client.v1.accounts.updateCredentials({
    displayName: "Alice A",
    note: "hi <b>there</b> #bio",
    fieldsAttributes: [{ name: "web", value: "https://alice.example" }],
  });
  posts.pinned = (await alice.client.v1.statuses.create({ status: "pinned one" })).id;
  await alice.client.v1.statuses.$select(posts.pinned).pin();
  posts.public = (await alice.client.v1.statuses.create({ status: "hello from A #fedi" })).id;
  posts.private = (await alice.client.v1.statuses.create({ status: "followers only", visibility: "private" })).id;
  posts.reply = (await alice.client.v1.statuses.create({ status: "answering myself", inReplyToId: posts.public })).id;
}, 20_000);
afterAll(async () => {
  await Promise.all([a.stop(), b.stop()]);
});

describe("accounts", () => {
  test("by handle: WebFinger round trip, stored as user@domain with its key and endpoints", async () => {
    const acc = (await resolveAccountByHandle(b.ctx, `alice@${a.domain}`))!;
    expect(acc).not.toBeNull();
    expect(acc.username).toBe("alice");
    expect(acc.domain).toBe(a.domain);
    expect(acc.uri).toBe(`${a.url}/users/alice`);
    expect(acc.url).toBe(`${a.url}/@alice`);
    expect(acc.inbox_url).toBe(`${a.url}/users/alice/inbox`);
    expect(acc.shared_inbox_url).toBe(`${a.url}/inbox`);
    expect(acc.featured_url).toBe(`${a.url}/users/alice/collections/featured`);
    expect(acc.public_key_pem).toContain("BEGIN PUBLIC KEY");
    expect(acc.display_name).toBe("Alice A");
    expect(acc.note).toContain("hi");
    expect(acc.note).not.toContain("<b>");
    expect(JSON.parse(acc.fields)[0].name).toBe("web");
    // Same handle again: cached, no second row.
    expect((await resolveAccountByHandle(b.ctx, `@alice@${a.domain}`))!.id).toBe(acc.id);
    expect(b.count("accounts", "uri = ?", acc.uri)).toBe(1);
  });
  test("by URL, and the Mastodon API shows the remote account", async () => {
    const acc = (await resolveAccountByUri(b.ctx, `${a.url}/users/alice`))!;
    expect(acc.domain).toBe(a.domain);
    const view = (await (await b.api("GET", `/api/v1/accounts/${acc.id}`, { token: bob.token })).json()) as any;
    expect(view.acct).toBe(`alice@${a.domain}`);
    expect(view.username).toBe("alice");
    expect(view.url).toBe(`${a.url}/@alice`);
    expect(view.uri).toBe(`${a.url}/users/alice`);
    expect(view.display_name).toBe("Alice A");
    expect(view.avatar).toBe(`${b.url}/avatars/original/missing.png`);
  });
  test("unknown handles and unreachable hosts resolve to null", async () => {
    expect(await resolveAccountByHandle(b.ctx, `nobody@${a.domain}`)).toBeNull();
    expect(await resolveAccountByHandle(b.ctx, `x@127.0.0.1:1`)).toBeNull();
    expect(await resolveAccountByUri(b.ctx, `${a.url}/users/nobody`)).toBeNull();
    expect(await resolveAccountByUri(b.ctx, "file:///etc/passwd")).toBeNull();
  });
  test("a newly seen account is backfilled: pinned and public posts, no private ones, no notifications", async () => {
    await settle([a, b]);
    const acc = (await resolveAccountByUri(b.ctx, `${a.url}/users/alice`))!;
    const uris = b.ctx.db
      .query<{ uri: string }, [number]>("SELECT uri FROM statuses WHERE account_id = ? ORDER BY id")
      .all(acc.id)
      .map((r) => r.uri);
    expect(uris).toContain(`${a.url}/users/alice/statuses/${posts.public}`);
    expect(uris).toContain(`${a.url}/users/alice/statuses/${posts.pinned}`);
    expect(uris).not.toContain(`${a.url}/users/alice/statuses/${posts.private}`);
    const pinned = b.ctx.db
      .query<{ uri: string }, [number]>("SELECT s.uri FROM status_pins p JOIN statuses s ON s.id = p.status_id WHERE p.account_id = ?")
      .all(acc.id);
    expect(pinned.map((r) => r.uri)).toEqual([`${a.url}/users/alice/statuses/${posts.pinned}`]);
    const reply = b.ctx.db
      .query<{ in_reply_to_id: number | null }, [string]>("SELECT in_reply_to_id FROM statuses WHERE uri = ?")
      .get(`${a.url}/users/alice/statuses/${posts.reply}`);
    expect(reply?.in_reply_to_id).not.toBeNull();
    expect(b.count("notifications")).toBe(0);
    expect(b.count("home_feeds", "status_id IN (SELECT id FROM statuses WHERE account_id = ?)", acc.id)).toBe(0);
  });
});

describe("API", () => {
  test("v2 search with resolve=true finds a remote handle", async () => {
    const c = await startTestServer();
    try {
      const carol = await c.createUser("carol");
      const r = await c.api("GET", `/api/v2/search?q=${encodeURIComponent(`alice@${a.domain}`)}&resolve=true`, { token: carol.token });
      expect(r.status).toBe(200);
      const j = (await r.json()) as any;
      expect(j.accounts.map((x: any) => x.acct)).toEqual([`alice@${a.domain}`]);
      const without = (await (
        await c.api("GET", `/api/v2/search?q=${encodeURIComponent(`bob2@${a.domain}`)}&resolve=false`, { token: carol.token })
      ).json()) as any;
      expect(without.accounts).toEqual([]);
      expect((await c.api("GET", `/api/v2/search?q=${encodeURIComponent(`alice@${a.domain}`)}&resolve=true`)).status).toBe(401);
    } finally {
      await c.stop();
    }
  });
  test("v2 search with resolve=true finds a remote status by URL", async () => {
    const url = `${a.url}/@alice/${posts.public}`;
    const j = (await (
      await b.api("GET", `/api/v2/search?q=${encodeURIComponent(url)}&resolve=true&type=statuses`, { token: bob.token })
    ).json()) as any;
    expect(j.statuses.length).toBe(1);
    expect(j.statuses[0].uri).toBe(`${a.url}/users/alice/statuses/${posts.public}`);
    expect(j.statuses[0].account.acct).toBe(`alice@${a.domain}`);
    expect(j.statuses[0].tags).toEqual([{ name: "fedi", url: `${b.url}/tags/fedi` }]);
  });
  test("accounts/lookup resolves a remote acct", async () => {
    const r = await b.api("GET", `/api/v1/accounts/lookup?acct=${encodeURIComponent(`alice@${a.domain}`)}`, { token: bob.token });
    expect(r.status).toBe(200);
    expect(((await r.json()) as any).acct).toBe(`alice@${a.domain}`);
    expect(
      (await b.api("GET", `/api/v1/accounts/lookup?acct=${encodeURIComponent(`ghost@${a.domain}`)}`, { token: bob.token })).status,
    ).toBe(404);
  });
});

describe("statuses", () => {
  test("by URI: stored once, private posts are not readable anonymously", async () => {
    const uri = `${a.url}/users/alice/statuses/${posts.public}`;
    const s1 = (await resolveStatusByUri(b.ctx, uri))!;
    const s2 = (await resolveStatusByUri(b.ctx, uri))!;
    expect(s1.id).toBe(s2.id);
    expect(s1.local).toBe(0);
    expect(s1.visibility).toBe(0);
    expect(s1.url).toBe(`${a.url}/@alice/${posts.public}`);
    expect(b.count("statuses", "uri = ?", uri)).toBe(1);
    expect(await resolveStatusByUri(b.ctx, `${a.url}/users/alice/statuses/${posts.private}`)).toBeNull();
    expect(await resolveStatusByUri(b.ctx, `${a.url}/users/alice/statuses/1`)).toBeNull();
  });
});
