/** /api/v1/admin/reports: list, show, update, assign, resolve, reopen; admin.report notifications. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { onFlag } from "../../../../src/activitypub/inbound/inbox/flag";
import { blockDomain } from "../../../../src/services/admin/block-domain";
import type { AccountRow } from "../../../../src/db/rows";
import { call, remoteAccount, staffUser } from "./helpers";

let s: TestServer;
let admin: TestUser, mod: TestUser, alice: TestUser, spammer: TestUser;
let reportId = "";
let postId = "";

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  admin = await staffUser(s, "root2", "admin");
  mod = await staffUser(s, "mod", "moderator");
  alice = await s.createUser("alice");
  spammer = await s.createUser("spammer");
  s.ctx.db
    .query("INSERT INTO rules (id, text, hint, position, created_at) VALUES (1, 'No spam', 'really', 0, 1), (2, 'Be kind', '', 1, 1)")
    .run();
  postId = (await spammer.client.v1.statuses.create({ status: "Cheap watches" })).id;
}, 30_000);
afterAll(() => s.stop());

describe("a report's life", () => {
  test("a local report notifies the staff who manage reports (admin.report with the report)", async () => {
    const r = await alice.client.v1.reports.create({ accountId: spammer.id, statusIds: [postId], comment: "spam!", category: "spam" });
    reportId = r.id;
    await s.drain();
    for (const who of [admin, mod]) {
      const [n] = await who.client.v1.notifications.list({ types: ["admin.report"] });
      expect(n).toMatchObject({
        type: "admin.report",
        account: { id: alice.id },
        report: { id: reportId, category: "spam", comment: "spam!", targetAccount: { id: spammer.id } },
      });
    }
    expect(await spammer.client.v1.notifications.list({ types: ["admin.report"] })).toEqual([]);
  });

  test("list and show: Admin::Report with both Admin::Accounts and the reported posts", async () => {
    const open = await mod.client.v1.admin.reports.list();
    expect(open.map((r) => r.id)).toEqual([reportId]);
    const r = await mod.client.v1.admin.reports.$select(reportId).fetch();
    expect(r).toMatchObject({
      id: reportId,
      actionTaken: false,
      actionTakenAt: null,
      category: "spam",
      comment: "spam!",
      forwarded: false,
      account: { id: alice.id, email: "alice@example.com", account: { id: alice.id } },
      targetAccount: { id: spammer.id, username: "spammer" },
      assignedAccount: null,
      actionTakenByAccount: null,
      rules: [],
    });
    expect(r.statuses.map((x) => x.id)).toEqual([postId]);
    expect(r.updatedAt).toBe(r.createdAt);
    expect(await mod.client.v1.admin.reports.list({ resolved: true })).toEqual([]);
    expect((await mod.client.v1.admin.reports.list({ accountId: alice.id })).length).toBe(1);
    expect((await mod.client.v1.admin.reports.list({ targetAccountId: alice.id })).length).toBe(0);
  });

  test("update category and rules, assign to self, unassign", async () => {
    const upd = await call(s, "PUT", `/api/v1/admin/reports/${reportId}`, mod.token, { category: "violation", rule_ids: ["1", "2"] });
    expect(upd.body).toMatchObject({
      category: "violation",
      rules: [
        { id: "1", text: "No spam", hint: "really" },
        { id: "2", text: "Be kind", hint: "" },
      ],
    });
    const mine = await mod.client.v1.admin.reports.$select(reportId).assignToSelf();
    expect(mine.assignedAccount).toMatchObject({ id: mod.id, username: "mod" });
    expect((await mod.client.v1.admin.reports.$select(reportId).unassign()).assignedAccount).toBeNull();
  });

  test("resolve and reopen; an action with report_id resolves it too", async () => {
    const done = await mod.client.v1.admin.reports.$select(reportId).resolve();
    expect(done).toMatchObject({ actionTaken: true, actionTakenByAccount: { id: mod.id } });
    expect(done.actionTakenAt).toMatch(/Z$/);
    expect((await mod.client.v1.admin.reports.list()).length).toBe(0);
    expect((await mod.client.v1.admin.reports.list({ resolved: true })).map((r) => r.id)).toEqual([reportId]);
    const again = await mod.client.v1.admin.reports.$select(reportId).reopen();
    expect(again).toMatchObject({ actionTaken: false, actionTakenAt: null, actionTakenByAccount: null });
    await mod.client.v1.admin.accounts.$select(spammer.id).action.create({ type: "silence", reportId });
    const after = await mod.client.v1.admin.reports.$select(reportId).fetch();
    expect(after).toMatchObject({ actionTaken: true, actionTakenByAccount: { id: mod.id }, targetAccount: { silenced: true } });
  });

  test("an incoming Flag is stored and notified; reject_reports drops a domain's Flags", async () => {
    const farId = remoteAccount(s, "far", "remote.example");
    const actor = s.ctx.db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ?").get(farId)!;
    const flag = (id: string) => ({ id, type: "Flag", actor: actor.uri, object: [spammer.account.uri], content: "from afar" });
    await onFlag(s.ctx, flag("https://remote.example/flags/1"), { actor } as never);
    const n = (await admin.client.v1.notifications.list({ types: ["admin.report"] }))[0]!;
    expect(n).toMatchObject({ account: { id: String(farId) }, report: { comment: "from afar", targetAccount: { id: spammer.id } } });
    blockDomain(s.ctx, { domain: "remote.example", severity: "noop", rejectMedia: false, rejectReports: true });
    const before = s.count("reports");
    await onFlag(s.ctx, flag("https://remote.example/flags/2"), { actor } as never);
    expect(s.count("reports")).toBe(before);
  });
});

describe("bad input", () => {
  test("roles, scopes, unknown ids, bad values; nothing changes", async () => {
    const user = await staffUser(s, "gus", "user");
    const snapshot = () => JSON.stringify(s.ctx.db.query("SELECT * FROM reports ORDER BY id").all());
    const before = snapshot();
    for (const [m, path] of [
      ["GET", "/api/v1/admin/reports"],
      ["GET", `/api/v1/admin/reports/${reportId}`],
      ["POST", `/api/v1/admin/reports/${reportId}/resolve`],
      ["PUT", `/api/v1/admin/reports/${reportId}`],
    ] as const) {
      expect((await call(s, m, path, user.token, {})).body).toEqual({ error: "This action is not allowed" });
      expect((await call(s, m, path)).status).toBe(401);
    }
    expect((await call(s, "POST", `/api/v1/admin/reports/${reportId}/reopen`, s.token(mod.user.id, ["admin:read"]))).status).toBe(403);
    expect((await call(s, "GET", "/api/v1/admin/reports", s.token(mod.user.id, ["admin:read:accounts"]))).status).toBe(403);
    for (const a of ["assign_to_self", "unassign", "resolve", "reopen"])
      expect((await call(s, "POST", `/api/v1/admin/reports/999999/${a}`, mod.token)).status).toBe(404);
    expect((await call(s, "GET", "/api/v1/admin/reports/nope", mod.token)).status).toBe(404);
    expect((await call(s, "PUT", `/api/v1/admin/reports/${reportId}`, mod.token, { category: "weird" })).status).toBe(422);
    expect((await call(s, "PUT", `/api/v1/admin/reports/${reportId}`, mod.token, { rule_ids: ["77"] })).status).toBe(422);
    expect((await call(s, "PUT", `/api/v1/admin/reports/${reportId}`, mod.token, { category: { a: 1 } })).status).toBe(422);
    expect(snapshot()).toBe(before);
  });
});
