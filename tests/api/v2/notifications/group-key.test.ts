import { Database } from "bun:sqlite";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { MIGRATIONS } from "../../../../src/db/migration-files";
import { groupKeyPrefix } from "../../../../src/services/notifications/group-key";

const HOUR = 3_600_000;
const T0 = 480_000 * HOUR; // the start of an hour bucket
let clock = T0;
let s: TestServer;
let me: TestUser;
const u: TestUser[] = [];
let post: string;
const keyOfLast = () =>
  (
    s.ctx.db.query("SELECT group_key FROM notifications WHERE account_id = ? ORDER BY id DESC LIMIT 1").get(me.account.id) as {
      group_key: string | null;
    }
  ).group_key;

beforeAll(async () => {
  s = await startTestServer({ now: () => clock });
  me = await s.createUser("bme");
  for (let i = 1; i <= 6; i++) u[i] = await s.createUser(`bu${i}`);
  post = (await me.client.v1.statuses.create({ status: "timed" })).id;
});
afterAll(() => s.stop());

describe("group keys (Mastodon's hour buckets, at most 12 hours per group)", () => {
  test("favourites of one status share a key within 12 hours of the group's start", async () => {
    const fav = async (i: number, at: number) => {
      clock = at;
      await u[i]!.client.v1.statuses.$select(post).favourite();
      return keyOfLast();
    };
    expect(await fav(1, T0 + 10)).toBe(`favourite-${post}-480000`);
    expect(await fav(2, T0 + 5 * HOUR)).toBe(`favourite-${post}-480000`);
    expect(await fav(3, T0 + 11 * HOUR + 59 * 60_000)).toBe(`favourite-${post}-480000`);
    // 12 hours after the start a new group begins, and later ones join it
    expect(await fav(4, T0 + 12 * HOUR)).toBe(`favourite-${post}-480012`);
    expect(await fav(5, T0 + 20 * HOUR)).toBe(`favourite-${post}-480012`);
    // long after, a fresh bucket
    expect(await fav(6, T0 + 40 * HOUR)).toBe(`favourite-${post}-480040`);
    const list = await me.client.v2.notifications.list();
    expect(list.notificationGroups.map((g) => g.notificationsCount)).toEqual([1, 2, 3]);
  });

  test("follows group by type, mentions are never grouped", async () => {
    clock = T0 + 41 * HOUR;
    await u[1]!.client.v1.accounts.$select(me.id).follow();
    expect(keyOfLast()).toBe("follow-480041");
    clock += 1000;
    await u[2]!.client.v1.accounts.$select(me.id).follow();
    expect(keyOfLast()).toBe("follow-480041");
    await u[3]!.client.v1.statuses.create({ status: "@bme hi" });
    expect(keyOfLast()).toBeNull();
    expect(groupKeyPrefix("admin.sign_up", null)).toBe("admin.sign_up");
    expect(groupKeyPrefix("reblog", 7)).toBe("reblog-7");
    expect(groupKeyPrefix("poll", 7)).toBeNull();
  });
});

describe("migration 0017", () => {
  test("backfills group keys of existing notifications", () => {
    const db = new Database(":memory:");
    const at = MIGRATIONS.findIndex((m) => m.name === "0017_notification_groups");
    for (const m of MIGRATIONS.slice(0, at)) db.exec(m.sql);
    const add = db.query(
      "INSERT INTO notifications (id, account_id, from_account_id, type, status_id, created_at) VALUES (?, 1, 2, ?, ?, ?)",
    );
    add.run(1, "favourite", 77, T0 + 5);
    add.run(2, "reblog", 78, T0 + 2 * HOUR);
    add.run(3, "follow", null, T0 + HOUR);
    add.run(4, "mention", 79, T0);
    add.run(5, "admin.sign_up", null, T0);
    for (const m of MIGRATIONS.slice(at, at + 1)) db.exec(m.sql);
    const keys = db
      .query("SELECT group_key FROM notifications ORDER BY id")
      .all()
      .map((r: any) => r.group_key);
    expect(keys).toEqual(["favourite-77-480000", "reblog-78-480002", "follow-480001", null, "admin.sign_up-480000"]);
    const plan = db
      .query("EXPLAIN QUERY PLAN SELECT id FROM notifications WHERE account_id = 1 AND group_key = 'x' ORDER BY id DESC")
      .all()
      .map((r: any) => r.detail)
      .join(" ");
    expect(plan).toContain("notifications_group");
    db.close();
  });
});
