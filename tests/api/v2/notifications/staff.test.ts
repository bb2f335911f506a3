import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { notify } from "../../../../src/services/notifications/notify";

let s: TestServer;
let admin: TestUser, a: TestUser, b: TestUser, c: TestUser;
let reportId: number;

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.createUser("sadmin", { role: "admin" });
  [a, b, c] = [await s.createUser("sa"), await s.createUser("sb"), await s.createUser("sc")];
  const ctx = s.ctx;
  ctx.db
    .transaction(() => {
      notify(ctx, { accountId: admin.account.id, fromAccountId: a.account.id, type: "admin.sign_up" });
      notify(ctx, { accountId: admin.account.id, fromAccountId: b.account.id, type: "admin.sign_up" });
      reportId = ctx.ids.next();
      ctx.db
        .query("INSERT INTO reports (id, account_id, target_account_id, comment, created_at) VALUES (?, ?, ?, 'spam', ?)")
        .run(reportId, c.account.id, a.account.id, ctx.now());
      notify(ctx, { accountId: admin.account.id, fromAccountId: c.account.id, type: "admin.report", reportId });
      notify(ctx, { accountId: admin.account.id, fromAccountId: b.account.id, type: "admin.report", reportId });
    })
    .immediate();
});
afterAll(() => s.stop());

describe("staff notifications in groups", () => {
  test("sign-ups are grouped; each report is its own group and carries the report", async () => {
    const body = await (await s.api("GET", "/api/v2/notifications", { token: admin.token })).json();
    const groups = body.notification_groups;
    expect(groups.map((g: any) => `${g.type}:${g.notifications_count}`)).toEqual(["admin.report:1", "admin.report:1", "admin.sign_up:2"]);
    expect(groups[2].group_key).toMatch(/^admin\.sign_up-\d+$/);
    expect(groups[2].sample_account_ids).toEqual([b.id, a.id]);
    expect(groups[2].status_id).toBeUndefined();
    expect(groups[0].report).toMatchObject({ id: String(reportId) });
    expect(groups[0].report.target_account.id).toBe(a.id);
    // the key has a dot; it works as a path segment, encoded or not
    for (const key of [groups[2].group_key, encodeURIComponent(groups[2].group_key)]) {
      const one = await (await s.api("GET", `/api/v2/notifications/${key}`, { token: admin.token })).json();
      expect(one.notification_groups[0].notifications_count).toBe(2);
    }
    const accounts = await admin.client.v2.notifications.$select(groups[2].group_key).accounts.fetch();
    expect(accounts.map((x) => x.id)).toEqual([b.id, a.id]);
  });
});
