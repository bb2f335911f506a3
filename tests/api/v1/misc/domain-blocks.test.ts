/**
 * User domain blocks: GET/POST/DELETE /api/v1/domain_blocks through masto.js, the Link paging,
 * and what a block does (Mastodon's AfterBlockDomainFromAccountService): posts of the domain
 * vanish from home and public timelines and threads, its notifications go (and no new ones
 * come), follows both ways are removed with Undo(Follow) and Reject(Follow) queued, and the
 * Relationship says domain_blocking.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../../rig";
import { insertRemoteAccount, insertStatus } from "../../../rig/fixtures";
import { notify } from "../../../../src/services/notifications/notify";

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ fixtures: true, frozen: true, runJobs: false });
}, 30_000);
afterAll(() => s.stop());

const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

test("a blocked domain's posts and notifications vanish, follows both ways go (federated), relationship says so", async () => {
  const { local_account_1: alice, local_account_2: bob, remote_account_1: wolf } = s.fixtures;
  const db = s.ctx.db;
  const now = s.clock.now();
  // alice follows wolf and wolf follows alice (as if both Follows had been accepted earlier).
  db.query("INSERT INTO follows (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, ?)").run(
    s.ctx.ids.next(),
    alice.account.id,
    wolf.id,
    `${s.url}/follows/1`,
    now,
  );
  db.query("INSERT INTO follows (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, ?)").run(
    s.ctx.ids.next(),
    wolf.id,
    alice.account.id,
    "https://remote-one.example/follows/9",
    now,
  );
  const wolfPost = insertStatus(s.ctx, wolf.id, { text: "from the evil domain" });
  db.query("INSERT OR IGNORE INTO home_feeds (account_id, status_id) VALUES (?, ?)").run(alice.account.id, wolfPost.id);
  // bob (followed by alice) boosts wolf's post, and replies in its thread.
  await alice.client.v1.accounts.$select(bob.id).follow();
  const boost = await bob.client.v1.statuses.$select(String(wolfPost.id)).reblog();
  const mine = await alice.client.v1.statuses.create({ status: "alice's post" });
  notify(s.ctx, { accountId: alice.account.id, fromAccountId: wolf.id, type: "favourite", statusId: Number(mine.id) });

  const home0 = await alice.client.v1.timelines.home.list();
  expect(ids(home0)).toContain(String(wolfPost.id));
  expect(ids(home0)).toContain(boost.id);
  expect((await alice.client.v1.notifications.list()).map((n) => n.type)).toContain("favourite");

  await alice.client.v1.domainBlocks.create({ domain: "Remote-One.example" });
  expect(await alice.client.v1.domainBlocks.list()).toEqual(["remote-one.example"]);

  const home = await alice.client.v1.timelines.home.list();
  expect(ids(home)).not.toContain(String(wolfPost.id));
  expect(ids(home)).not.toContain(boost.id);
  expect(ids(home)).toContain(mine.id);
  expect(ids(await alice.client.v1.timelines.public.list())).not.toContain(String(wolfPost.id));
  expect(ids(await bob.client.v1.timelines.public.list())).toContain(String(wolfPost.id));
  expect((await alice.client.v1.notifications.list()).filter((n) => n.account?.id === String(wolf.id))).toEqual([]);
  // New notifications from the domain are not created either.
  expect(notify(s.ctx, { accountId: alice.account.id, fromAccountId: wolf.id, type: "mention", statusId: wolfPost.id })).toBeNull();

  // Follows both ways removed, with Undo(Follow) and Reject(Follow) on their way to the remote.
  expect(s.count("follows", "account_id = ? AND target_account_id = ?", alice.account.id, wolf.id)).toBe(0);
  expect(s.count("follows", "account_id = ? AND target_account_id = ?", wolf.id, alice.account.id)).toBe(0);
  const queued = db.query<{ payload: string }, []>("SELECT payload FROM jobs WHERE kind IN ('ap.fanout', 'ap.deliver')").all();
  const activities = queued.map((j) => JSON.parse(j.payload)).map((p) => p.activity ?? p.body ?? p);
  const text = JSON.stringify(activities);
  expect(text).toContain('"type":"Undo"');
  expect(text).toContain('"type":"Reject"');

  const [rel] = await alice.client.v1.accounts.relationships.fetch({ id: [String(wolf.id), bob.id] });
  expect(rel).toMatchObject({ domainBlocking: true, following: false, followedBy: false });
  const [relBob] = await alice.client.v1.accounts.relationships.fetch({ id: [bob.id] });
  expect(relBob!.domainBlocking).toBe(false);

  // The thread of bob's reply to wolf hides wolf's post for alice.
  const reply = await bob.client.v1.statuses.create({ status: "a reply", inReplyToId: String(wolfPost.id) });
  const ctx = await alice.client.v1.statuses.$select(reply.id).context.fetch();
  expect(ctx.ancestors).toEqual([]);

  // Unblocking shows the domain's posts again (follows are not restored).
  await alice.client.v1.domainBlocks.remove({ domain: "remote-one.example" });
  expect(await alice.client.v1.domainBlocks.list()).toEqual([]);
  expect(ids(await alice.client.v1.timelines.public.list())).toContain(String(wolfPost.id));
});

test("bad domains are 422; the list pages by block id with a Link header; scopes are checked", async () => {
  const u = await s.createUser("pager");
  for (const bad of ["", "not a domain", "nodots", "a/b.example", s.domain]) {
    const res = await s.api("POST", "/api/v1/domain_blocks", { token: u.token, json: { domain: bad } });
    expect(res.status).toBe(422);
  }
  expect(s.count("account_domain_blocks", "account_id = ?", u.account.id)).toBe(0);
  for (const d of ["one.example", "two.example", "three.example"]) {
    s.clock.advance(1000);
    expect((await s.api("POST", "/api/v1/domain_blocks", { token: u.token, form: { domain: d } })).status).toBe(200);
  }
  // Blocking twice is fine and adds nothing.
  expect((await s.api("POST", "/api/v1/domain_blocks", { token: u.token, form: { domain: "one.example" } })).status).toBe(200);
  const first = await s.api("GET", "/api/v1/domain_blocks?limit=2", { token: u.token });
  expect(await first.json()).toEqual(["three.example", "two.example"]);
  const link = first.headers.get("link")!;
  const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
  expect(next).toContain("max_id=");
  const second = await s.api("GET", next.replace(s.url, ""), { token: u.token });
  expect(await second.json()).toEqual(["one.example"]);
  // Paginator through masto.js walks the same pages.
  const pages: string[][] = [];
  for await (const page of u.client.v1.domainBlocks.list({ limit: 2 })) pages.push(page);
  expect(pages).toEqual([["three.example", "two.example"], ["one.example"]]);

  const readOnly = s.token(u.user.id, ["read:accounts"]);
  expect((await s.api("GET", "/api/v1/domain_blocks", { token: readOnly })).status).toBe(403);
  expect((await s.api("POST", "/api/v1/domain_blocks", { token: readOnly, form: { domain: "x.example" } })).status).toBe(403);
  expect((await s.api("GET", "/api/v1/domain_blocks")).status).toBe(401);
});

test("a remote account created later on a blocked domain is hidden too, in timelines and search (the block is by domain)", async () => {
  const u = await s.createUser("later");
  await u.client.v1.domainBlocks.create({ domain: "late.example" });
  const acct = insertRemoteAccount(s.ctx, "newcomer", "late.example");
  const post = insertStatus(s.ctx, acct.id, { text: "newcomer zanzibarian greetings" });
  expect(ids(await u.client.v1.timelines.public.list({ limit: 40 }))).not.toContain(String(post.id));
  // Search leaves the hidden domain's posts out too (for the blocker only).
  const other = await s.createUser("other");
  const found = await other.client.v2.search.list({ q: "zanzibarian", type: "statuses" });
  expect(ids(found.statuses)).toEqual([String(post.id)]);
  expect((await u.client.v2.search.list({ q: "zanzibarian", type: "statuses" })).statuses).toEqual([]);
});
