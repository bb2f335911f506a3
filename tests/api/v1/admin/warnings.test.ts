/**
 * Moderation warnings (Mastodon 4.3): every action leaves an AccountWarning; a local user gets a
 * moderation_warning notification carrying it (v1 and, ungrouped, v2) unless
 * send_email_notification is false. Remote accounts are never notified.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeUsers } from "../../../streaming/probe";
import { call, remoteAccount, staffUser } from "./helpers";

let s: TestServer;
let mod: TestUser, alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  mod = await staffUser(s, "mod", "moderator");
  [alice, bob, carol] = await makeUsers(s, ["alice", "bob", "carol"] as const);
}, 30_000);
afterAll(() => s.stop());

const act = (id: string | number, json: Record<string, unknown>, token = mod.token) =>
  call(s, "POST", `/api/v1/admin/accounts/${id}/action`, token, json);
const warningsOf = (u: TestUser) => s.count("notifications", "account_id = ? AND type = 'moderation_warning'", u.account.id);

describe("moderation_warning notifications", () => {
  test("a warning with text: v1 Notification with the AccountWarning; the sender is the account itself", async () => {
    expect((await act(alice.id, { type: "none", text: "Please keep it civil." })).body).toEqual({});
    const [n] = await alice.client.v1.notifications.list();
    expect(n).toMatchObject({
      type: "moderation_warning",
      groupKey: `ungrouped-${n!.id}`,
      account: { id: alice.id },
      moderationWarning: {
        action: "none",
        text: "Please keep it civil.",
        statusIds: [],
        appeal: null,
        targetAccount: { id: alice.id, acct: "alice" },
      },
    });
    const w = (n as { moderationWarning: { id: string; createdAt: string } }).moderationWarning;
    expect(w.id).toBe(
      String(
        s.ctx.db.query<{ id: number }, [number]>("SELECT id FROM account_warnings WHERE target_account_id = ?").get(alice.account.id)!.id,
      ),
    );
    expect(w.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect("status" in (n as object)).toBe(false);
    // filters by type work as for any other type
    expect((await alice.client.v1.notifications.list({ types: ["moderation_warning"] })).length).toBe(1);
    expect(await alice.client.v1.notifications.list({ excludeTypes: ["moderation_warning"] })).toEqual([]);
    const one = await call(s, "GET", `/api/v1/notifications/${n!.id}`, alice.token);
    expect(one.body.moderation_warning).toMatchObject({ id: w.id, action: "none" });
    // nobody else hears of it
    expect(await bob.client.v1.notifications.list()).toEqual([]);
    expect(await mod.client.v1.notifications.list({ types: ["moderation_warning"] })).toEqual([]);
  });

  test("every action type notifies, even past a policy that drops strangers; v2 keeps each warning its own group", async () => {
    expect(
      (await call(s, "PATCH", "/api/v2/notifications/policy", bob.token, { for_not_following: "drop", for_not_followers: "drop" })).status,
    ).toBe(200);
    expect((await act(bob.id, { type: "sensitive" })).status).toBe(200);
    expect((await act(bob.id, { type: "silence", text: "Limited for a week" })).status).toBe(200);
    const v1 = await bob.client.v1.notifications.list();
    expect(v1.map((n) => [n.type, (n as any).moderationWarning.action, (n as any).moderationWarning.text])).toEqual([
      ["moderation_warning", "silence", "Limited for a week"],
      ["moderation_warning", "sensitive", ""],
    ]);
    const v2 = await call(s, "GET", "/api/v2/notifications", bob.token);
    expect(v2.status).toBe(200);
    const groups = v2.body.notification_groups as Record<string, any>[];
    expect(groups.map((g) => [g.type, g.notifications_count, g.group_key, g.moderation_warning?.action])).toEqual([
      ["moderation_warning", 1, `ungrouped-${v1[0]!.id}`, "silence"],
      ["moderation_warning", 1, `ungrouped-${v1[1]!.id}`, "sensitive"],
    ]);
    expect(groups[0]!.sample_account_ids).toEqual([bob.id]);
    expect(groups[0]!.moderation_warning).toMatchObject({ text: "Limited for a week", target_account: { id: bob.id } });
    expect(v2.body.accounts.map((a: { id: string }) => a.id)).toEqual([bob.id]);
    const single = await call(s, "GET", `/api/v2/notifications/${groups[1]!.group_key}`, bob.token);
    expect(single.body.notification_groups[0]).toMatchObject({ type: "moderation_warning", moderation_warning: { action: "sensitive" } });
    // masto.js reads the grouped form too
    const page = await bob.client.v2.notifications.list();
    expect((page.notificationGroups[0] as any).moderationWarning.action).toBe("silence");
  });

  test("an action from a report lists the report's posts in status_ids", async () => {
    const post = await carol.client.v1.statuses.create({ status: "something rude" });
    const report = await alice.client.v1.reports.create({ accountId: carol.id, statusIds: [post.id], comment: "rude" });
    expect((await act(carol.id, { type: "none", report_id: report.id, text: "About your post" })).status).toBe(200);
    const [n] = await carol.client.v1.notifications.list({ types: ["moderation_warning"] });
    expect((n as any).moderationWarning).toMatchObject({ action: "none", text: "About your post", statusIds: [post.id] });
    expect(s.count("account_warnings", "target_account_id = ? AND report_id = ?", carol.account.id, Number(report.id))).toBe(1);
  });

  test("send_email_notification=false records the warning without telling the user; remote accounts are never told", async () => {
    const n = warningsOf(alice);
    const w = s.count("account_warnings", "target_account_id = ?", alice.account.id);
    expect((await act(alice.id, { type: "sensitive", send_email_notification: false })).status).toBe(200);
    expect(s.count("account_warnings", "target_account_id = ?", alice.account.id)).toBe(w + 1);
    expect(warningsOf(alice)).toBe(n);
    const far = remoteAccount(s, "far", "remote.example");
    expect((await act(far, { type: "silence", text: "no" })).status).toBe(200);
    expect(s.count("account_warnings", "target_account_id = ?", far)).toBe(1);
    expect(s.count("notifications", "account_id = ?", far)).toBe(0);
  });

  test("bad input writes neither a warning nor a notification", async () => {
    const user = await staffUser(s, "gus", "user");
    const snapshot = () => [s.count("account_warnings"), s.count("notifications", "type = 'moderation_warning'")];
    const before = snapshot();
    expect((await act(carol.id, { type: "none", text: ["a", "b"] })).status).toBe(422);
    expect((await act(carol.id, { type: "none", text: "x".repeat(5001) })).status).toBe(422);
    expect((await act(carol.id, { type: "none", send_email_notification: "maybe" })).status).toBe(422);
    expect((await act(carol.id, { type: "warn" })).status).toBe(422);
    expect((await act(carol.id, { text: "no type" })).status).toBe(422);
    expect((await act(carol.id, { type: "none", report_id: "999999" })).status).toBe(404);
    expect((await act("999999", { type: "none", text: "hi" })).status).toBe(404);
    expect((await act(carol.id, { type: "none", text: "hi" }, user.token)).body).toEqual({ error: "This action is not allowed" });
    expect((await act(carol.id, { type: "none", text: "hi" }, s.token(mod.user.id, ["admin:read"]))).status).toBe(403);
    expect((await act(carol.id, { type: "none", text: "hi" }, "")).status).toBe(401);
    expect(snapshot()).toEqual(before);
  });
});
