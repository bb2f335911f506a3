/**
 * Trends waiting for review are mailed to staff (Mastodon's Trends.request_review! and
 * AdminMailer#new_trends): after a refresh, a hashtag that trends without review reaches every
 * staff member whose role may manage taxonomies (owner, admin, moderator), once; regular users
 * get nothing; nothing is sent when trends are shown without review.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { freePort, startTestServer, type TestServer, type TestUser } from "../rig";
import { startSmtp, type SmtpSink } from "./smtp";

let s: TestServer;
let smtp: SmtpSink;
let posters: TestUser[];
let ada: TestUser;

beforeAll(async () => {
  const port = freePort();
  smtp = await startSmtp({ port });
  s = await startTestServer({ frozen: true, runJobs: false, env: { SMTP_SERVER: "127.0.0.1", SMTP_PORT: String(port) } });
  ada = await s.createUser("ada", { role: "admin" });
  await s.createUser("mo", { role: "user" });
  s.ctx.db.query("UPDATE users SET role = 'moderator' WHERE email = 'mo@example.com'").run();
  await s.createUser("ulla");
  posters = [];
  for (let i = 0; i < 6; i++) posters.push(await s.createUser(`poster${i}`));
  await s.drain();
  smtp.received.length = 0;
}, 30_000);
afterAll(async () => {
  await s?.stop();
  await smtp?.stop();
});

async function refresh(): Promise<void> {
  s.ctx.jobs.enqueue("trends.refresh", {});
  await s.drain();
}

const subjects = (to: string) => smtp.to(to).map((m) => m.subject);

test("a hashtag that needs review is mailed once to the staff who may review it", async () => {
  for (const p of posters.slice(0, 5)) await p.client.v1.statuses.create({ status: "I love #cats" });
  await s.drain();
  smtp.received.length = 0;
  await refresh();
  expect(subjects("ada@example.com")).toEqual(["New trends up for review - Hearth"]);
  expect(subjects("mo@example.com")).toEqual(["New trends up for review - Hearth"]);
  expect(subjects("ulla@example.com")).toEqual([]);
  const m = smtp.to("ada@example.com")[0]!;
  expect(m.text).toContain("Hashtag #cats");
  expect(m.text).toContain(`${s.url.replace(/\/$/, "")}/admin/trends`);
  // Asked once: the next refresh sends nothing more.
  await refresh();
  expect(smtp.received.length).toBe(2);
});

test("an approved trend above it: a new one scoring no higher is not mailed; one scoring higher is", async () => {
  const adminToken = s.token(ada.user.id, ["admin:read", "admin:write"]);
  const [cats] = (await (await s.api("GET", "/api/v1/admin/trends/tags", { token: adminToken })).json()) as { id: string }[];
  expect((await s.api("POST", `/api/v1/admin/trends/tags/${cats!.id}/approve`, { token: adminToken })).status).toBe(200);
  smtp.received.length = 0;
  for (const p of posters.slice(0, 5)) await p.client.v1.statuses.create({ status: "and #dogs" });
  await refresh();
  expect(smtp.received.length).toBe(0);
  for (const p of posters) await p.client.v1.statuses.create({ status: "#birds everywhere" });
  await refresh();
  expect(subjects("ada@example.com")).toEqual(["New trends up for review - Hearth"]);
  expect(smtp.to("ada@example.com")[0]!.text).toContain("Hashtag #birds");
  expect(smtp.to("ada@example.com")[0]!.text).not.toContain("#dogs");
});

test("a post that trends is mailed with its author and text", async () => {
  const author = posters[0]!;
  await author.client.v1.accounts.updateCredentials({ discoverable: true });
  const post = await author.client.v1.statuses.create({ status: "A sunset worth sharing", visibility: "public" });
  for (const p of posters.slice(1)) await p.client.v1.statuses.$select(post.id).favourite();
  smtp.received.length = 0;
  await refresh();
  const text = smtp
    .to("ada@example.com")
    .map((m) => m.text)
    .join("\n");
  expect(text).toContain("Post: @poster0: A sunset worth sharing");
});

test("with trends shown without review, nothing is mailed", async () => {
  s.ctx.db.query("INSERT OR REPLACE INTO settings (key, value) VALUES ('trendable_by_default', 'true')").run();
  smtp.received.length = 0;
  for (const p of posters) await p.client.v1.statuses.create({ status: "#frogs!" });
  await refresh();
  expect(smtp.received.length).toBe(0);
});
