/** POST /api/v1/admin/measures, /dimensions and /retention: Mastodon's keys and shapes, counted from real activity. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { call, remoteAccount, staffUser } from "./helpers";

let s: TestServer;
let admin: TestUser, mod: TestUser, ann: TestUser, ben: TestUser;
const DAY = 86_400_000;
const T0 = Date.parse("2026-03-10T10:00:00Z");
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  s.clock.set(T0 - 2 * DAY);
  admin = await staffUser(s, "root", "admin");
  mod = await staffUser(s, "mod", "moderator");
  ann = await s.createUser("ann");
  s.clock.set(T0);
  ben = await s.createUser("ben");
  // Activity today: ann and ben use their tokens; ben favourites, boosts and replies to ann's post.
  const post = await ann.client.v1.statuses.create({ status: "hello #pi", language: "en" });
  await ben.client.v1.statuses.$select(post.id).favourite();
  await ben.client.v1.statuses.$select(post.id).reblog();
  await ben.client.v1.statuses.create({ status: "hi back", inReplyToId: post.id, language: "de" });
  await ben.client.v1.reports.create({ accountId: ann.id, comment: "test" });
  remoteAccount(s, "far", "far.example");
}, 30_000);
afterAll(() => s.stop());

const measure = (token: string, body: unknown) => call(s, "POST", "/api/v1/admin/measures", token, body);

describe("dashboard", () => {
  test("measures: every key with Mastodon's fields, one data point per day, counts from the activity", async () => {
    const tagId = (s.ctx.db.query("SELECT id FROM tags WHERE name = 'pi'").get() as any).id;
    const r = await measure(admin.token, {
      keys: [
        "active_users",
        "new_users",
        "interactions",
        "opened_reports",
        "resolved_reports",
        "tag_accounts",
        "tag_uses",
        "tag_servers",
        "instance_accounts",
        "instance_media_attachments",
        "instance_reports",
        "instance_statuses",
        "instance_follows",
        "instance_followers",
        "bogus",
      ],
      start_at: day(T0 - 2 * DAY),
      end_at: `${day(T0)}T23:00:00Z`,
      tag_accounts: { id: String(tagId) },
      tag_uses: { id: String(tagId) },
      tag_servers: { id: String(tagId) },
      instance_accounts: { domain: "far.example" },
      instance_media_attachments: { domain: "far.example" },
      instance_reports: { domain: "far.example" },
      instance_statuses: { domain: "far.example" },
      instance_follows: { domain: "far.example" },
      instance_followers: { domain: "far.example" },
    });
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.map((m: any) => [m.key, m]));
    expect(r.body.map((m: any) => m.key)).toEqual([
      "active_users",
      "new_users",
      "interactions",
      "opened_reports",
      "resolved_reports",
      "tag_accounts",
      "tag_uses",
      "tag_servers",
      "instance_accounts",
      "instance_media_attachments",
      "instance_reports",
      "instance_statuses",
      "instance_follows",
      "instance_followers",
    ]);
    for (const m of r.body) {
      expect(m.data.map((d: any) => d.date)).toEqual([day(T0 - 2 * DAY), day(T0 - DAY), day(T0)].map((d) => `${d}T00:00:00Z`));
      for (const d of m.data) expect(typeof d.value).toBe("string");
      expect(typeof m.total).toBe("string");
      expect("previous_total" in m).toBe(!m.key.startsWith("instance_"));
    }
    expect(by.new_users).toMatchObject({ unit: null, total: "4", previous_total: "0" });
    expect(by.new_users.data.map((d: any) => d.value)).toEqual(["3", "0", "1"]);
    expect(by.active_users.total).toBe("3"); // ann, ben and admin (this request); mod has not used a token yet
    expect(by.interactions.total).toBe("3");
    expect(by.opened_reports.total).toBe("1");
    expect(by.tag_uses.total).toBe("1");
    expect(by.tag_accounts.total).toBe("1");
    expect(by.instance_accounts.total).toBe("0"); // created "now" by the real clock, outside the range
    expect(by.instance_media_attachments).toMatchObject({ unit: "bytes", total: "0", human_value: "0 Bytes" });
  });

  test("dimensions and retention shapes", async () => {
    const d = await call(s, "POST", "/api/v1/admin/dimensions", admin.token, {
      keys: ["languages", "sources", "servers", "space_usage", "software_versions"],
      start_at: day(T0 - 2 * DAY),
      end_at: day(T0),
      limit: 5,
    });
    expect(d.status).toBe(200);
    const by = Object.fromEntries(d.body.map((x: any) => [x.key, x.data]));
    expect(by.languages).toEqual([
      { key: "de", human_key: "German", value: "1" },
      { key: "en", human_key: "English", value: "1" },
    ]);
    expect(by.space_usage.map((x: any) => x.key)).toEqual(["sqlite", "media"]);
    expect(by.space_usage[0]).toMatchObject({ unit: "bytes", human_value: expect.stringMatching(/ (KB|MB)$/) });
    expect(by.software_versions[0]).toMatchObject({ key: "hearth", human_key: "Hearth" });

    const r = await call(s, "POST", "/api/v1/admin/retention", admin.token, {
      start_at: day(T0 - 2 * DAY),
      end_at: day(T0),
      frequency: "day",
    });
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(3);
    expect(r.body[0]).toEqual({
      period: `${day(T0 - 2 * DAY)}T00:00:00.000+00:00`,
      frequency: "day",
      data: [
        { date: `${day(T0 - 2 * DAY)}T00:00:00.000+00:00`, rate: 1, value: "3" },
        { date: `${day(T0 - DAY)}T00:00:00.000+00:00`, rate: 0, value: "0" },
        // admin (this very request) and ann used their tokens today; mod did not yet
        { date: `${day(T0)}T00:00:00.000+00:00`, rate: 2 / 3, value: "2" },
      ],
    });
  });

  test("422 on bad dates or a missing key parameter; 403 without View Dashboard or admin:read", async () => {
    expect((await measure(admin.token, { keys: ["new_users"], start_at: "yesterday", end_at: day(T0) })).status).toBe(422);
    expect((await measure(admin.token, { keys: ["new_users"], end_at: day(T0) })).status).toBe(422);
    expect((await measure(admin.token, { keys: ["new_users"], start_at: day(T0), end_at: day(T0 - DAY) })).status).toBe(422);
    expect((await measure(admin.token, { keys: ["tag_uses"], start_at: day(T0), end_at: day(T0) })).status).toBe(422);
    expect(
      (await call(s, "POST", "/api/v1/admin/retention", admin.token, { start_at: day(T0), end_at: day(T0), frequency: "year" })).status,
    ).toBe(422);
    const ok = { keys: ["new_users"], start_at: day(T0), end_at: day(T0) };
    expect((await measure(ann.token, ok)).status).toBe(403);
    const noScope = await s.createUser("rootless", { role: "admin", scopes: ["read", "write"] });
    expect((await measure(noScope.token, ok)).status).toBe(403);
    expect((await call(s, "POST", "/api/v1/admin/dimensions", noScope.token, ok)).status).toBe(403);
    expect((await call(s, "POST", "/api/v1/admin/retention", noScope.token, ok)).status).toBe(403);
    expect((await measure(mod.token, ok)).status).toBe(200); // moderators may view the dashboard, as in Mastodon
  });
});
