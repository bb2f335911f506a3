/** POST /api/v1/admin/accounts/:id/action and the undo endpoints, with their visible effects. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { checkLogin } from "../../../../src/services/oauth/credentials";
import { call, remoteAccount, staffUser } from "./helpers";

let s: TestServer;
let admin: TestUser, mod: TestUser, alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  // Jobs run only on drain(): the Reject sent to a remote account is inspected, never delivered.
  s = await startTestServer({ runJobs: false });
  admin = await staffUser(s, "root2", "admin");
  mod = await staffUser(s, "mod", "moderator");
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
  carol = await s.createUser("carol");
}, 30_000);
afterAll(() => s.stop());

const act = (who: TestUser, id: string | number, json: Record<string, unknown>) =>
  call(s, "POST", `/api/v1/admin/accounts/${id}/action`, who.token, json);
const post = (who: TestUser, id: string | number, what: string) => call(s, "POST", `/api/v1/admin/accounts/${id}/${what}`, who.token);
const publicIds = async () => ((await call(s, "GET", "/api/v1/timelines/public?limit=40")).body as { id: string }[]).map((x) => x.id);

describe("actions and their effects", () => {
  test("disable: the user's token answers 403 and login is refused; enable restores both", async () => {
    await mod.client.v1.admin.accounts.$select(alice.id).action.create({ type: "disable", text: "cool down" });
    const r = await call(s, "GET", "/api/v1/accounts/verify_credentials", alice.token);
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: "Your login is currently disabled" });
    expect((await mod.client.v1.admin.accounts.$select(alice.id).fetch()).disabled).toBe(true);
    expect(await checkLogin(s.ctx, "alice", alice.password)).toEqual({ ok: false, reason: "disabled" });
    expect(s.count("account_warnings", "target_account_id = ? AND action = 'disable' AND text = 'cool down'", alice.account.id)).toBe(1);
    const enabled = await mod.client.v1.admin.accounts.$select(alice.id).enable();
    expect(enabled.disabled).toBe(false);
    expect((await call(s, "GET", "/api/v1/accounts/verify_credentials", alice.token)).status).toBe(200);
    expect((await checkLogin(s.ctx, "alice", alice.password)).ok).toBe(true);
  });

  test("suspend: token refused, hidden from timelines and search, shown as suspended with an emptied profile; unsuspend restores", async () => {
    s.ctx.db.query("UPDATE accounts SET display_name = 'Bob B', note = '<p>hi</p>' WHERE id = ?").run(bob.account.id);
    const st = await bob.client.v1.statuses.create({ status: "bob says hi" });
    await carol.client.v1.accounts.$select(bob.id).follow();
    await s.drain();
    expect(await publicIds()).toContain(st.id);
    const found = async () =>
      ((await call(s, "GET", "/api/v2/search?q=bob&type=accounts", carol.token)).body.accounts as { id: string }[]).map((a) => a.id);
    expect(await found()).toEqual([bob.id]);
    await act(mod, bob.id, { type: "suspend" });
    expect((await call(s, "GET", "/api/v1/timelines/home", bob.token)).status).toBe(403);
    expect(await publicIds()).not.toContain(st.id);
    expect(((await carol.client.v1.timelines.home.list()) as { id: string }[]).map((x) => x.id)).not.toContain(st.id);
    // Mastodon 3.3+: the account is still answered, marked suspended and emptied, so clients can say so.
    const shown = await call(s, "GET", `/api/v1/accounts/${bob.id}`, carol.token);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id: bob.id, username: "bob", acct: "bob", suspended: true, display_name: "", note: "", fields: [] });
    expect((await call(s, "GET", "/api/v1/accounts/lookup?acct=bob", carol.token)).body).toMatchObject({ id: bob.id, suspended: true });
    expect((await call(s, "GET", `/api/v1/accounts/${bob.id}/statuses`, carol.token)).body).toEqual([]);
    expect((await call(s, "GET", `/api/v1/statuses/${st.id}`, carol.token)).status).toBe(404);
    expect(await found()).toEqual([]);
    const seen = await mod.client.v1.admin.accounts.$select(bob.id).fetch();
    expect(seen).toMatchObject({ suspended: true, account: { suspended: true, displayName: "", note: "" } });
    expect((await call(s, "GET", "/api/v2/admin/accounts?status=suspended", mod.token)).body.map((a: any) => a.id)).toEqual([bob.id]);
    const back = await mod.client.v1.admin.accounts.$select(bob.id).unsuspend();
    expect(back.suspended).toBe(false);
    expect(back.account.displayName).toBe("Bob B");
    expect(await publicIds()).toContain(st.id);
    expect((await call(s, "GET", "/api/v1/timelines/home", bob.token)).status).toBe(200);
    // unsuspending what is not suspended is refused
    expect((await post(mod, bob.id, "unsuspend")).status).toBe(403);
  });

  test("silence: limited, out of the public timeline but still in followers' home; unsilence", async () => {
    const st = await bob.client.v1.statuses.create({ status: "quiet please" });
    await s.drain();
    await act(mod, bob.id, { type: "silence" });
    const a = await mod.client.v1.admin.accounts.$select(bob.id).fetch();
    expect(a).toMatchObject({ silenced: true, account: { limited: true } });
    expect(await publicIds()).not.toContain(st.id);
    expect(((await carol.client.v1.timelines.home.list()) as { id: string }[]).map((x) => x.id)).toContain(st.id);
    expect((await mod.client.v1.admin.accounts.$select(bob.id).unsilence()).silenced).toBe(false);
    expect(await publicIds()).toContain(st.id);
  });

  test("sensitive: every post shows as sensitive; unsensitive", async () => {
    const st = await bob.client.v1.statuses.create({ status: "look at this" });
    expect((await carol.client.v1.statuses.$select(st.id).fetch()).sensitive).toBe(false);
    await act(mod, bob.id, { type: "sensitive" });
    expect((await mod.client.v1.admin.accounts.$select(bob.id).fetch()).sensitized).toBe(true);
    expect((await carol.client.v1.statuses.$select(st.id).fetch()).sensitive).toBe(true);
    expect((await call(s, "GET", `/api/v1/accounts/${bob.id}/statuses`, carol.token)).body[0].sensitive).toBe(true);
    expect((await mod.client.v1.admin.accounts.$select(bob.id).unsensitive()).sensitized).toBe(false);
    expect((await carol.client.v1.statuses.$select(st.id).fetch()).sensitive).toBe(false);
  });

  test("none: a logged warning; remote accounts can be suspended (their follows of local accounts are severed)", async () => {
    expect((await act(mod, carol.id, { type: "none", text: "be nice" })).body).toEqual({});
    expect(s.count("account_warnings", "target_account_id = ? AND action = 'none'", carol.account.id)).toBe(1);
    const far = remoteAccount(s, "far", "remote.example");
    s.ctx.db
      .query("INSERT INTO follows (id, account_id, target_account_id, uri, created_at) VALUES (?, ?, ?, ?, ?)")
      .run(s.ctx.ids.next(), far, carol.account.id, "https://remote.example/follows/1", Date.now());
    s.ctx.db.query("UPDATE accounts SET followers_count = 1 WHERE id = ?").run(carol.account.id);
    s.ctx.db.query("DELETE FROM jobs").run();
    expect((await act(mod, far, { type: "suspend" })).status).toBe(200);
    expect(s.count("follows", "account_id = ?", far)).toBe(0);
    expect(s.count("accounts", "id = ? AND followers_count = 0", carol.account.id)).toBe(1);
    const job = s.ctx.db.query<{ payload: string }, []>("SELECT payload FROM jobs WHERE kind = 'ap.fanout'").get()!;
    expect(JSON.parse(job.payload)).toMatchObject({
      inboxes: ["https://remote.example/users/far/inbox"],
      activity: { type: "Reject", object: { type: "Follow", id: "https://remote.example/follows/1" } },
    });
    s.ctx.db.query("DELETE FROM jobs").run();
    // disable makes no sense for a remote account
    expect((await act(mod, far, { type: "disable" })).status).toBe(422);
  });
});

describe("pending accounts", () => {
  test("approve makes the token work; approving again is 403; reject deletes a pending sign-up", async () => {
    const dan = await s.createUser("dan");
    s.ctx.db.query("UPDATE users SET approved = 0 WHERE id = ?").run(dan.user.id);
    expect((await call(s, "GET", "/api/v1/accounts/verify_credentials", dan.token)).status).toBe(401);
    expect((await mod.client.v1.admin.accounts.$select(dan.id).approve()).approved).toBe(true);
    expect((await call(s, "GET", "/api/v1/accounts/verify_credentials", dan.token)).status).toBe(200);
    expect((await post(mod, dan.id, "approve")).status).toBe(403);
    expect((await post(mod, dan.id, "reject")).status).toBe(403);
    const eve = await s.createUser("eve");
    s.ctx.db.query("UPDATE users SET approved = 0 WHERE id = ?").run(eve.user.id);
    const gone = await mod.client.v1.admin.accounts.$select(eve.id).reject();
    expect(gone).toMatchObject({ id: eve.id, username: "eve", approved: false });
    expect(s.count("accounts", "id = ?", eve.account.id)).toBe(0);
    expect(s.count("users", "id = ?", eve.user.id)).toBe(0);
  });
});

describe("deleting a suspended account's data", () => {
  test("only suspended accounts, only with delete_user_data; posts and follows go, the name stays taken", async () => {
    const fay = await s.createUser("fay");
    await fay.client.v1.statuses.create({ status: "soon gone" });
    await fay.client.v1.accounts.$select(carol.id).follow();
    expect((await call(s, "DELETE", `/api/v1/admin/accounts/${fay.id}`, admin.token)).status).toBe(403);
    await act(admin, fay.id, { type: "suspend" });
    expect((await call(s, "DELETE", `/api/v1/admin/accounts/${fay.id}`, mod.token)).status).toBe(403);
    const r = await call(s, "DELETE", `/api/v1/admin/accounts/${fay.id}`, admin.token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: fay.id, suspended: true, disabled: true, account: { statuses_count: 0 } });
    expect(s.count("statuses", "account_id = ?", fay.account.id)).toBe(0);
    expect(s.count("follows", "account_id = ?", fay.account.id)).toBe(0);
    expect(s.count("accounts", "id = ? AND following_count = 0", fay.account.id)).toBe(1);
    expect(s.count("users", "account_id = ?", fay.account.id)).toBe(1);
  });
});

describe("bad input writes nothing", () => {
  test("roles, scopes, ids and types", async () => {
    const before = s.count("account_warnings");
    const user = await staffUser(s, "gus", "user");
    expect(await act(user, carol.id, { type: "suspend" })).toEqual(
      expect.objectContaining({ status: 403, body: { error: "This action is not allowed" } }),
    );
    expect((await call(s, "POST", `/api/v1/admin/accounts/${carol.id}/action`, undefined, { type: "suspend" })).status).toBe(401);
    const readOnly = s.token(admin.user.id, ["admin:read"]);
    expect((await call(s, "POST", `/api/v1/admin/accounts/${carol.id}/action`, readOnly, { type: "suspend" })).status).toBe(403);
    expect((await act(mod, "999999", { type: "suspend" })).status).toBe(404);
    expect((await act(mod, carol.id, { type: "explode" })).status).toBe(422);
    expect((await act(mod, carol.id, {})).status).toBe(422);
    expect((await act(mod, carol.id, { type: "silence", report_id: "999999" })).status).toBe(404);
    expect((await act(mod, carol.id, { type: ["silence"] })).status).toBe(422);
    // a moderator cannot act on an admin, nor anyone on themselves
    expect((await act(mod, admin.id, { type: "suspend" })).status).toBe(403);
    expect((await act(mod, mod.id, { type: "silence" })).status).toBe(403);
    for (const what of ["approve", "reject", "enable", "unsilence", "unsuspend", "unsensitive"]) {
      expect((await post(user, carol.id, what)).status).toBe(403);
      expect((await post(mod, "999999", what)).status).toBe(404);
    }
    expect(s.count("account_warnings")).toBe(before);
    expect(s.count("accounts", "id = ? AND (silenced_at IS NOT NULL OR suspended_at IS NOT NULL)", carol.account.id)).toBe(0);
  });
});
