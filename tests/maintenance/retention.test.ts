/**
 * Keeping the SD card small: the scheduled jobs' effects on a real database and media folder,
 * with the rig's frozen clock. Remote statuses past REMOTE_STATUS_RETENTION_DAYS go unless a
 * local account interacted with them; revoked tokens, stale codes and idle sessions go; orphaned
 * files go; stale remote accounts local users follow are fetched again; the WAL is truncated.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { CRON_JOBS } from "../../src/jobs/cron";
import { FakeRemote, FROZEN_AT, startTestServer, type TestServer, type TestUser } from "../rig";
import { insertFollowRow, insertRemoteAccount, insertStatus } from "../rig/fixtures";

const DAY = 24 * 3600_000;
let s: TestServer;
let alice: TestUser;
let T0: number;

const exists = (table: string, id: number) => s.count(table, "id = ?", id) === 1;
const run = async (kind: Parameters<TestServer["ctx"]["jobs"]["enqueue"]>[0]) => {
  s.ctx.jobs.enqueue(kind, {} as never);
  await s.drain();
  expect(s.ctx.db.query("SELECT last_error FROM jobs WHERE kind = ? AND last_error IS NOT NULL").all(kind)).toEqual([]);
};

beforeAll(async () => {
  // Ids encode creation time and never go backwards: start 100 days early, so the first test's
  // old statuses get old ids; later tests run at T0.
  T0 = FROZEN_AT;
  s = await startTestServer({ frozen: T0 - 100 * DAY, runJobs: false, env: { REMOTE_STATUS_RETENTION_DAYS: "30" } });
  alice = await s.createUser("alice");
});
afterAll(() => s.stop());

test("every housekeeping job is on the cron list", () => {
  expect(CRON_JOBS.map((j) => j.kind)).toEqual(
    expect.arrayContaining([
      "db.optimize",
      "db.checkpoint",
      "oauth.remove_expired",
      "media.remove_orphans",
      "accounts.refresh_stale",
      "statuses.remove_remote",
    ]),
  );
});

describe("statuses.remove_remote", () => {
  test("removes old remote statuses nobody here touched, keeps the interacted-with, followed and recent ones", async () => {
    const bob = insertRemoteAccount(s.ctx, "bob", "far.example");
    const carol = insertRemoteAccount(s.ctx, "carol", "far.example");
    insertFollowRow(s.ctx, alice.account.id, carol.id);
    const remote = (accountId: number, f: Parameters<typeof insertStatus>[2] = {}) => {
      const st = insertStatus(s.ctx, accountId, f);
      s.ctx.db.query("UPDATE statuses SET local = 0, uri = ? WHERE id = ?").run(`https://far.example/s/${st.id}`, st.id);
      return st.id;
    };
    const plain = remote(bob.id);
    const favourited = remote(bob.id);
    const bookmarked = remote(bob.id);
    const mentionsAlice = remote(bob.id, { mentions: [alice.account.id] });
    const repliedTo = remote(bob.id);
    const boostedByAlice = remote(bob.id);
    const pinned = remote(bob.id, { pinned: true });
    const inHomeFeed = remote(bob.id);
    const ofFollowed = remote(carol.id);
    const withMedia = remote(bob.id);
    const boosted = remote(bob.id);
    const remoteBoost = remote(bob.id, { reblogOf: boosted });
    const aliceReply = insertStatus(s.ctx, alice.account.id, { inReplyTo: repliedTo });
    const aliceBoost = insertStatus(s.ctx, alice.account.id, { reblogOf: boostedByAlice });
    const t = s.clock.now();
    s.ctx.db
      .query("INSERT INTO favourites (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)")
      .run(s.ctx.ids.next(), alice.account.id, favourited, t);
    s.ctx.db
      .query("INSERT INTO bookmarks (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)")
      .run(s.ctx.ids.next(), alice.account.id, bookmarked, t);
    s.ctx.db.query("INSERT INTO home_feeds (account_id, status_id) VALUES (?, ?)").run(alice.account.id, inHomeFeed);
    const mediaId = s.ctx.ids.next();
    const key = `media_attachments/files/${mediaId}/original/x.png`;
    s.ctx.db
      .query(
        "INSERT INTO media_attachments (id, account_id, status_id, type, file_key, remote_url, created_at, updated_at) VALUES (?, ?, ?, 'image', ?, 'https://far.example/x.png', ?, ?)",
      )
      .run(mediaId, bob.id, withMedia, key, t, t);
    await s.ctx.storage.put(key, new Uint8Array([1, 2, 3]), "image/png");
    s.clock.set(T0 - 2 * DAY);
    const recent = remote(bob.id);
    s.clock.set(T0);

    const before = (await (await s.api("GET", `/api/v1/statuses/${favourited}`, { token: alice.token })).json()) as any;
    expect(before.favourited).toBe(true);
    await run("statuses.remove_remote");

    const gone = { plain, withMedia, boosted, remoteBoost };
    expect(Object.entries(gone).filter(([, id]) => exists("statuses", id))).toEqual([]);
    for (const kept of [favourited, bookmarked, mentionsAlice, repliedTo, boostedByAlice, pinned, inHomeFeed, ofFollowed, recent])
      expect(exists("statuses", kept)).toBe(true);
    for (const local of [aliceReply.id, aliceBoost.id]) expect(exists("statuses", local)).toBe(true);
    expect(exists("media_attachments", mediaId)).toBe(false);
    expect(await s.ctx.storage.get(key)).toBeNull();
    // What a user sees: the removed post is gone, the favourited one is still there with its flag.
    expect((await s.api("GET", `/api/v1/statuses/${plain}`, { token: alice.token })).status).toBe(404);
    const after = (await (await s.api("GET", `/api/v1/statuses/${favourited}`, { token: alice.token })).json()) as any;
    expect(after).toMatchObject({ id: String(favourited), favourited: true });
    const bookmarks = (await (await s.api("GET", "/api/v1/bookmarks", { token: alice.token })).json()) as any[];
    expect(bookmarks.map((b) => b.id)).toEqual([String(bookmarked)]);
  });
});

describe("oauth.remove_expired", () => {
  test("revoked tokens, expired or unredeemed codes and idle sessions go; live ones keep working", async () => {
    const live = s.token(alice.user.id, ["read"]);
    const revoked = s.token(alice.user.id, ["read"]);
    s.ctx.db.query("UPDATE oauth_access_tokens SET revoked_at = ? WHERE token = ?").run(T0 - 1000, revoked);
    const app = (s.ctx.db.query("SELECT id FROM oauth_applications LIMIT 1").get() as any).id as number;
    const grant = (code: string, created: number, expires: number, used: number | null) =>
      s.ctx.db
        .query(
          "INSERT INTO oauth_access_grants (id, code, application_id, user_id, redirect_uri, scopes, expires_at, used_at, created_at) VALUES (?, ?, ?, ?, 'urn:ietf:wg:oauth:2.0:oob', 'read', ?, ?, ?)",
        )
        .run(s.ctx.ids.next(), code, app, alice.user.id, expires, used, created);
    grant("fresh", T0 - 60_000, T0 + 540_000, null);
    grant("stale-unused", T0 - 11 * 60_000, T0 + DAY, null);
    grant("expired-used", T0 - 20 * 60_000, T0 - 10 * 60_000, T0 - 19 * 60_000);
    const session = (id: string, seen: number) =>
      s.ctx.db
        .query("INSERT INTO web_sessions (id, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, 'x', ?, ?)")
        .run(id, alice.user.id, seen, seen);
    session("idle", T0 - 31 * DAY);
    session("active", T0 - DAY);
    expect((await s.api("GET", "/api/v1/accounts/verify_credentials", { token: revoked })).status).toBe(401);

    await run("oauth.remove_expired");
    const codes = (s.ctx.db.query("SELECT code FROM oauth_access_grants ORDER BY code").all() as any[]).map((r) => r.code);
    expect(codes).toEqual(["fresh"]);
    expect(s.count("oauth_access_tokens", "token = ?", revoked)).toBe(0);
    expect(s.count("oauth_access_tokens", "revoked_at IS NOT NULL")).toBe(0);
    const sessions = (s.ctx.db.query("SELECT id FROM web_sessions ORDER BY id").all() as any[]).map((r) => r.id);
    expect(sessions).toEqual(["active"]);
    expect((await s.api("GET", "/api/v1/accounts/verify_credentials", { token: live })).status).toBe(200);
    expect((await s.api("GET", "/api/v1/accounts/verify_credentials", { token: revoked })).status).toBe(401);
  });
});

describe("media.remove_orphans", () => {
  test("files no row uses go after an hour; used and fresh files stay", async () => {
    const owner = insertRemoteAccount(s.ctx, "dora", "far.example");
    const id = s.ctx.ids.next();
    const used = `media_attachments/files/${id}/original/used.png`;
    s.ctx.db
      .query("INSERT INTO media_attachments (id, account_id, type, file_key, created_at, updated_at) VALUES (?, ?, 'image', ?, ?, ?)")
      .run(id, owner.id, used, T0, T0);
    s.ctx.db.query("UPDATE accounts SET avatar_path = ? WHERE id = ?").run(`accounts/avatars/${owner.id}/now.png`, owner.id);
    const keys = {
      used,
      replaced: `media_attachments/files/${id}/original/old.png`,
      noRow: `media_attachments/files/${id + 12345}/small/gone.png`,
      avatar: `accounts/avatars/${owner.id}/now.png`,
      oldAvatar: `accounts/avatars/${owner.id}/before.png`,
      fresh: `media_attachments/files/${id + 99999}/small/being-written.png`,
    };
    const root = join(s.dataDir, "media");
    for (const [name, k] of Object.entries(keys)) {
      await s.ctx.storage.put(k, new Uint8Array(100), "image/png");
      const at = (name === "fresh" ? T0 - 60_000 : T0 - 2 * 3600_000) / 1000;
      utimesSync(join(root, k), at, at);
    }
    await run("media.remove_orphans");
    const present = async (k: string) => (await s.ctx.storage.get(k)) !== null;
    expect(await present(keys.used)).toBe(true);
    expect(await present(keys.avatar)).toBe(true);
    expect(await present(keys.fresh)).toBe(true);
    expect(await present(keys.replaced)).toBe(false);
    expect(await present(keys.noRow)).toBe(false);
    expect(await present(keys.oldAvatar)).toBe(false);
  });
});

describe("accounts.refresh_stale", () => {
  test("stale remote accounts a local user follows are fetched again; others are not", async () => {
    const remote = new FakeRemote({ unknownActorStatus: 404 });
    try {
      const actor = (name: string) => ({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${remote.base}/users/${name}`,
        type: "Person",
        preferredUsername: name,
        name: `${name} renamed`,
        inbox: `${remote.base}/users/${name}/inbox`,
      });
      remote.serve("/users/followed", actor("followed"));
      remote.serve("/users/stranger", actor("stranger"));
      const mk = (name: string, fetched: number) =>
        insertRemoteAccount(s.ctx, name, remote.host, { uri: `${remote.base}/users/${name}`, display_name: "old", fetched_at: fetched });
      const followed = mk("followed", T0 - 3 * DAY);
      const stranger = mk("stranger", T0 - 3 * DAY);
      insertFollowRow(s.ctx, alice.account.id, followed.id);
      await run("accounts.refresh_stale");
      const name = (id: number) => (s.ctx.db.query("SELECT display_name FROM accounts WHERE id = ?").get(id) as any).display_name;
      expect(name(followed.id)).toBe("followed renamed");
      expect(name(stranger.id)).toBe("old");
      expect(remote.requests).not.toContain("/users/stranger");
      // Fresh now: the next run leaves it alone.
      const n = remote.requests.length;
      await run("accounts.refresh_stale");
      expect(remote.requests.length).toBe(n);
    } finally {
      remote.stop();
    }
  });
});

describe("db.checkpoint and db.optimize", () => {
  test("the hourly checkpoint truncates the WAL; optimize runs", async () => {
    const wal = join(s.dataDir, "hearth.sqlite-wal");
    s.ctx.db.exec("CREATE TABLE IF NOT EXISTS filler (x BLOB)");
    for (let i = 0; i < 50; i++) s.ctx.db.query("INSERT INTO filler VALUES (randomblob(4096))").run();
    const before = statSync(wal).size;
    expect(before).toBeGreaterThan(200_000);
    await run("db.checkpoint");
    // Truncated to nothing; only the job row's own deletion was written after it.
    expect(statSync(wal).size).toBeLessThan(16_384);
    await run("db.optimize");
    expect(s.count("jobs")).toBe(0);
  });
});
