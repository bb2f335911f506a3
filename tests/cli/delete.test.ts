/**
 * `hearth admin accounts delete NAME` goes the way of DELETE /api/v1/admin/accounts/:id: the
 * account is suspended and emptied (a shell keeps the name and the key pair), its open streams
 * close, and its remote followers get a Delete(Person) signed with its key, queued in the jobs
 * table. Run in-process against a rig server; the "remote" follower is a 127.0.0.1 listener.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { runCli } from "../federation/helpers";
import { WsProbe } from "../streaming/probe";
import { verifyRequest } from "../../src/activitypub/outbound/signatures";

let s: TestServer;
let alice: TestUser, carol: TestUser;
let inbox: ReturnType<typeof Bun.serve>;
const received: { path: string; headers: Headers; body: string; method: string; url: string }[] = [];
let remoteId = 0;
let postId = "";

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  alice = await s.createUser("alice");
  carol = await s.createUser("carol");
  inbox = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      received.push({ path: new URL(req.url).pathname, headers: req.headers, body: await req.text(), method: req.method, url: req.url });
      return new Response(null, { status: 202 });
    },
  });
  const host = `127.0.0.1:${inbox.port}`;
  remoteId = s.ctx.ids.next();
  s.ctx.db
    .query(
      "INSERT INTO accounts (id, username, domain, uri, inbox_url, shared_inbox_url, created_at, updated_at) VALUES (?, 'far', ?, ?, ?, ?, 1, 1)",
    )
    .run(remoteId, host, `http://${host}/users/far`, `http://${host}/users/far/inbox`, `http://${host}/inbox`);
  s.ctx.db
    .query("INSERT INTO follows (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, 1)")
    .run(s.ctx.ids.next(), remoteId, alice.account.id, `http://${host}/follows/1`);
  s.ctx.db.query("UPDATE accounts SET followers_count = 1 WHERE id = ?").run(alice.account.id);
  postId = (await alice.client.v1.statuses.create({ status: "hello from alice" })).id;
  await carol.client.v1.accounts.$select(alice.id).follow();
  await s.drain();
  received.length = 0;
}, 30_000);
afterAll(async () => {
  inbox?.stop(true);
  await s?.stop();
});

describe("hearth admin accounts delete", () => {
  test("bad input changes nothing", async () => {
    const before = [s.count("accounts", "suspended_at IS NOT NULL"), s.count("jobs")];
    expect((await runCli(s, ["accounts", "delete"]))[0]).toBe(2);
    const [code, out] = await runCli(s, ["accounts", "delete", "nobody"]);
    expect(code).toBe(1);
    expect(out).toContain('no local account named "nobody"');
    expect((await runCli(s, ["accounts", "delete", `far@127.0.0.1:${inbox.port}`]))[0]).toBe(1);
    expect((await runCli(s, ["accounts", "delete", "alice", "extra"]))[0]).toBe(2);
    expect([s.count("accounts", "suspended_at IS NOT NULL"), s.count("jobs")]).toEqual(before);
  });

  test("suspends and purges; the stream closes; Delete(Person) reaches the remote follower signed with alice's key", async () => {
    const probe = await WsProbe.open(`ws://${s.domain}/api/v1/streaming?stream=user&access_token=${alice.token}`);
    const closed = new Promise<string>((resolve) => probe.ws.addEventListener("close", () => resolve("closed"), { once: true }));
    const [code, out] = await runCli(s, ["accounts", "delete", "@Alice"]);
    expect(code, out).toBe(0);
    expect(out).toContain("Deleted account @alice");
    // Queued, not sent inline: one fan-out of a Delete of the actor to the follower's shared inbox, no Update.
    const fanouts = s.ctx.db
      .query<{ payload: string }, []>("SELECT payload FROM jobs WHERE kind = 'ap.fanout'")
      .all()
      .map((j) => JSON.parse(j.payload));
    expect(fanouts.map((f) => f.activity.type)).toEqual(["Delete"]);
    expect(fanouts[0]).toMatchObject({
      senderId: alice.account.id,
      inboxes: [`http://127.0.0.1:${inbox.port}/inbox`],
      activity: { actor: alice.account.uri, object: alice.account.uri },
    });
    expect(s.count("jobs", "kind = 'stream.close_tokens'")).toBe(1);
    await s.drain();
    expect(await Promise.race([closed, Bun.sleep(3000).then(() => "still open")])).toBe("closed");
    expect(received.map((r) => [r.method, r.path])).toEqual([["POST", "/inbox"]]);
    const body = JSON.parse(received[0]!.body);
    expect(body).toMatchObject({ type: "Delete", actor: alice.account.uri, object: alice.account.uri });
    const pem = s.ctx.db
      .query<{ public_key_pem: string }, [number]>("SELECT public_key_pem FROM accounts WHERE id = ?")
      .get(alice.account.id)!.public_key_pem;
    const verdict = await verifyRequest(
      { method: "POST", url: received[0]!.url, headers: received[0]!.headers, body: received[0]!.body },
      async (keyId) => (keyId === `${alice.account.uri}#main-key` ? { publicKeyPem: pem, ownerUri: alice.account.uri } : null),
      Date.now(),
    );
    expect(verdict.ok).toBe(true);
  });

  test("what is left: a suspended, emptied shell that keeps the name and key; posts, follows and login gone", async () => {
    const a = await (await s.api("GET", `/api/v1/accounts/${alice.id}`, { token: carol.token })).json();
    expect(a).toMatchObject({ id: alice.id, username: "alice", suspended: true, display_name: "", statuses_count: 0, followers_count: 0 });
    expect((await s.api("GET", `/api/v1/statuses/${postId}`, { token: carol.token })).status).toBe(404);
    expect((await carol.client.v1.timelines.home.list()).map((x) => x.id)).not.toContain(postId);
    expect((await carol.client.v1.accounts.verifyCredentials()).followingCount).toBe(0);
    expect(s.count("statuses", "account_id = ?", alice.account.id)).toBe(0);
    expect(s.count("follows", "account_id = ?1 OR target_account_id = ?1", alice.account.id)).toBe(0);
    expect(s.count("users", "account_id = ?", alice.account.id)).toBe(0);
    expect(s.count("accounts", "id = ? AND private_key_pem IS NOT NULL AND suspended_at IS NOT NULL", alice.account.id)).toBe(1);
    expect((await s.api("GET", "/api/v1/accounts/verify_credentials", { token: alice.token })).status).toBe(401);
    const [code, out] = await runCli(s, ["accounts", "create", "alice", "--email", "new@example.com"]);
    expect(code).toBe(1);
    expect(out).toMatch(/Username has already been taken/);
    // the actor document still serves the key, so remote servers can check the Delete
    const actor = await (await fetch(`${s.url}/users/alice`, { headers: { Accept: "application/activity+json" } })).json();
    expect(actor).toMatchObject({ id: alice.account.uri, suspended: true, publicKey: { id: `${alice.account.uri}#main-key` } });
  });
});
