import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let alice: TestUser, bob: TestUser, gone: TestUser, admin: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  gone = await s.createUser("gone");
  admin = await s.createUser("boss", { role: "admin" });
  s.ctx.db.query("UPDATE accounts SET suspended_at = 1 WHERE id = ?").run(gone.id);
}, 30_000);
afterAll(() => s.stop());

test("verify_credentials returns a CredentialAccount with source and role", async () => {
  const me = await alice.client.v1.accounts.verifyCredentials();
  expect(me).toMatchObject({ id: alice.id, username: "alice", acct: "alice", locked: false, followersCount: 0 });
  expect(me.source).toMatchObject({ privacy: "public", sensitive: false, language: null, note: "", fields: [], followRequestsCount: 0 });
  expect(me.role).toMatchObject({ id: "-99", name: "", permissions: "0" });
  const raw = await (await s.api("GET", "/api/v1/accounts/verify_credentials", { token: admin.token })).json();
  expect(raw.role).toMatchObject({ name: "Admin", highlighted: true });
  expect(raw.created_at).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/);
  // the profile scope is enough, a write-only token is not
  expect((await s.api("GET", "/api/v1/accounts/verify_credentials", { token: s.token(alice.user.id, ["profile"]) })).status).toBe(200);
  expect((await s.api("GET", "/api/v1/accounts/verify_credentials", { token: s.token(alice.user.id, ["write"]) })).status).toBe(403);
  expect((await s.api("GET", "/api/v1/accounts/verify_credentials")).status).toBe(401);
  expect((await s.api("GET", "/api/v1/accounts/verify_credentials", { token: "bogus" })).status).toBe(401);
});

test("show, lookup and index, with and without a token", async () => {
  const a = await s.client().v1.accounts.$select(bob.id).fetch();
  expect(a).toMatchObject({ id: bob.id, username: "bob", acct: "bob", url: `${s.url}/@bob` });
  expect((await alice.client.v1.accounts.lookup({ acct: "BOB" })).id).toBe(bob.id);
  expect((await alice.client.v1.accounts.lookup({ acct: `@bob@${s.domain}` })).id).toBe(bob.id);
  const many = await s.api("GET", `/api/v1/accounts?id[]=${bob.id}&id[]=999999&id[]=${alice.id}&id[]=${gone.id}&id[]=x`);
  expect(((await many.json()) as { id: string }[]).map((x) => x.id)).toEqual([bob.id, alice.id, gone.id]);
});

test("a suspended account is shown (suspended: true, profile emptied) with no posts or network; acting on it is 404", async () => {
  // posts and follows made before the suspension
  s.ctx.db.query("UPDATE accounts SET suspended_at = NULL WHERE id = ?").run(gone.id);
  await gone.client.v1.statuses.create({ status: "before" });
  await gone.client.v1.accounts.$select(bob.id).follow();
  await bob.client.v1.accounts.$select(gone.id).follow();
  for (const what of ["statuses", "followers", "following"])
    expect((await (await s.api("GET", `/api/v1/accounts/${gone.id}/${what}`)).json()).length).toBe(1);
  s.ctx.db.query("UPDATE accounts SET suspended_at = 1 WHERE id = ?").run(gone.id);
  s.ctx.db
    .query("UPDATE accounts SET display_name = 'Gone Girl', note = '<p>bio</p>', fields = ?, locked = 1, statuses_count = 3 WHERE id = ?")
    .run(JSON.stringify([{ name: "web", value: "x" }]), gone.id);
  for (const token of [alice.token, undefined]) {
    const res = await s.api("GET", `/api/v1/accounts/${gone.id}`, { token });
    expect(res.status).toBe(200);
    const a = await res.json();
    expect(a).toMatchObject({
      id: gone.id,
      username: "gone",
      acct: "gone",
      suspended: true,
      display_name: "",
      note: "",
      locked: false,
      fields: [],
      emojis: [],
    });
    expect(a.avatar).toBe(a.avatar_static);
  }
  expect((await alice.client.v1.accounts.lookup({ acct: "gone" })).suspended).toBe(true);
  expect((await s.client().v1.accounts.$select(gone.id).fetch()).suspended).toBe(true);
  for (const what of ["statuses", "followers", "following"]) {
    const res = await s.api("GET", `/api/v1/accounts/${gone.id}/${what}`, { token: alice.token });
    expect({ what, status: res.status, body: await res.json() }).toEqual({ what, status: 200, body: [] });
  }
  for (const what of ["follow", "block", "mute"]) {
    expect((await s.api("POST", `/api/v1/accounts/${gone.id}/${what}`, { token: alice.token })).status).toBe(404);
  }
  expect(
    s.count("follows", "account_id = ? AND target_account_id = ?", alice.account.id, gone.account.id) +
      s.count("blocks", "target_account_id = ?", gone.account.id),
  ).toBe(0);
  // others are not marked
  expect("suspended" in (await (await s.api("GET", `/api/v1/accounts/${bob.id}`)).json())).toBe(false);
});

test("unknown and malformed ids are 404", async () => {
  for (const path of [
    `/api/v1/accounts/999999`,
    `/api/v1/accounts/abc`,
    `/api/v1/accounts/lookup?acct=nobody`,
    `/api/v1/accounts/lookup?acct=bob@elsewhere.example`,
    `/api/v1/accounts/lookup`,
    `/api/v1/accounts/999999/statuses`,
    `/api/v1/accounts/abc/following`,
    `/api/v1/accounts/999999/followers`,
    `/api/v1/accounts/999999/featured_tags`,
  ]) {
    const res = await s.api("GET", path, { token: alice.token });
    expect(res.status, path).toBe(404);
    expect(await res.json()).toEqual({ error: "Record not found" });
  }
});

test("stubs: featured tags, lists, endorsements", async () => {
  expect(await (await s.api("GET", `/api/v1/accounts/${bob.id}/featured_tags`)).json()).toEqual([]);
  expect(await (await s.api("GET", `/api/v1/accounts/${bob.id}/lists`, { token: alice.token })).json()).toEqual([]);
  expect((await s.api("GET", `/api/v1/accounts/${bob.id}/lists`)).status).toBe(401);
  expect(await (await s.api("GET", `/api/v1/endorsements`, { token: alice.token })).json()).toEqual([]);
});
