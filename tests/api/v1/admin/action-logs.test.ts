/** The audit log: staff actions through the admin API are recorded, and listed by /api/v1/admin/hearth/action_logs. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { gradient } from "../../../media/fixtures";
import { call, remoteAccount, staffUser } from "./helpers";

let s: TestServer;
let admin: TestUser, mod: TestUser, plain: TestUser;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  admin = await staffUser(s, "root", "admin");
  mod = await staffUser(s, "mod", "moderator");
  plain = await s.createUser("plain");
}, 30_000);
afterAll(() => s.stop());

test("domain blocks, IP blocks, domain allows, custom emoji, account actions and reports are logged, newest first", async () => {
  remoteAccount(s, "far", "far.example");
  const block = await admin.client.v1.admin.domainBlocks.create({ domain: "far.example", severity: "silence" });
  await admin.client.v1.admin.domainBlocks.$select(block.id).remove();
  await admin.client.v1.admin.ipBlocks.create({ ip: "192.0.2.0/24", severity: "sign_up_block" });
  await call(s, "POST", "/api/v1/admin/domain_allows", admin.token, { domain: "friends.example" });
  const fd = new FormData();
  fd.set("shortcode", "logged");
  fd.set("image", new File([await gradient(8, 8, "png")], "e.png", { type: "image/png" }));
  const emoji = (await (
    await fetch(`${s.url}/api/v1/admin/hearth/custom_emojis`, {
      method: "POST",
      headers: { Authorization: `Bearer ${admin.token}` },
      body: fd,
    })
  ).json()) as any;
  await call(s, "PATCH", `/api/v1/admin/hearth/custom_emojis/${emoji.id}`, admin.token, { disabled: true });
  await mod.client.v1.admin.accounts.$select(plain.id).action.create({ type: "silence" });
  await mod.client.v1.admin.accounts.$select(plain.id).unsilence();
  const report = await admin.client.v1.reports.create({ accountId: plain.id, comment: "x" });
  await mod.client.v1.admin.reports.$select(report.id).resolve();

  const r = await call(s, "GET", "/api/v1/admin/hearth/action_logs", admin.token);
  expect(r.status).toBe(200);
  const seen = r.body.map((l: any) => `${l.account?.username} ${l.action} ${l.target_type} ${l.human_identifier}`);
  expect(seen).toEqual([
    `mod resolve Report ${report.id}`,
    "mod unsilence Account plain",
    "mod silence Account plain",
    "root disable CustomEmoji logged",
    "root create CustomEmoji logged",
    "root create DomainAllow friends.example",
    "root create IpBlock 192.0.2.0/24",
    "root destroy DomainBlock far.example",
    "root create DomainBlock far.example",
  ]);
  expect(Object.keys(r.body[0]).sort()).toEqual(["account", "action", "created_at", "human_identifier", "id", "target_id", "target_type"]);

  const filtered = await call(s, "GET", `/api/v1/admin/hearth/action_logs?account_id=${mod.id}&action_type=silence`, mod.token);
  expect(filtered.body.map((l: any) => l.action)).toEqual(["silence"]);
  const page = await call(s, "GET", "/api/v1/admin/hearth/action_logs?limit=2", admin.token);
  expect(page.body).toHaveLength(2);
  expect(page.headers.get("link")).toContain(`max_id=${page.body[1].id}`);
});

test("403 without View Audit Log or admin:read", async () => {
  expect((await call(s, "GET", "/api/v1/admin/hearth/action_logs", plain.token)).status).toBe(403);
  const noScope = await s.createUser("rootless", { role: "admin", scopes: ["read", "write"] });
  expect((await call(s, "GET", "/api/v1/admin/hearth/action_logs", noScope.token)).status).toBe(403);
});
