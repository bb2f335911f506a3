/** GET /api/v1/conversations, POST /api/v1/conversations/:id/read, DELETE /api/v1/conversations/:id. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { upsertRemoteActor } from "../../../../src/services/federation/resolve-account";
import { upsertRemoteStatus } from "../../../../src/services/federation/resolve-status";

const R = "https://remote.example";
let s: TestServer;
let ann: TestUser, ben: TestUser, cat: TestUser;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  [ann, ben, cat] = await Promise.all([s.createUser("ann"), s.createUser("ben"), s.createUser("cat")]);
}, 20_000);
afterAll(() => s.stop());

test("a direct status starts a conversation for every local participant, unread for the recipients", async () => {
  const dm = await ann.client.v1.statuses.create({ status: "@ben psst", visibility: "direct" });
  await ann.client.v1.statuses.create({ status: "@ben public hello", visibility: "public" });
  const [forBen] = await ben.client.v1.conversations.list();
  expect(forBen).toMatchObject({ unread: true, lastStatus: { id: dm.id } });
  expect(forBen!.accounts.map((a) => a.id)).toEqual([ann.id]);
  const [forAnn] = await ann.client.v1.conversations.list();
  expect(forAnn).toMatchObject({ unread: false, lastStatus: { id: dm.id } });
  expect(forAnn!.accounts.map((a) => a.id)).toEqual([ben.id]);
  expect(await cat.client.v1.conversations.list()).toEqual([]);

  // A reply in the thread moves the conversation along and makes it unread for ann.
  const reply = await ben.client.v1.statuses.create({ status: "@ann what?", visibility: "direct", inReplyToId: dm.id });
  const [again] = await ann.client.v1.conversations.list();
  expect(again).toMatchObject({ id: forAnn!.id, unread: true, lastStatus: { id: reply.id } });
  expect(s.count("account_conversations")).toBe(2);
});

test("read clears unread, delete removes it from the list only", async () => {
  const [c] = await ben.client.v1.conversations.list();
  const read = await ben.client.v1.conversations.$select(c!.id).read();
  expect(read).toMatchObject({ id: c!.id, unread: false });
  expect(s.count("account_conversations", "id = ? AND unread = 0", c!.id)).toBe(1);
  const statuses = s.count("statuses");
  await ben.client.v1.conversations.$select(c!.id).remove();
  expect(await ben.client.v1.conversations.list()).toEqual([]);
  expect(s.count("statuses")).toBe(statuses);
  expect((await ann.client.v1.conversations.list()).length).toBe(1);
});

test("pages follow the last status, with a Link header", async () => {
  for (const who of ["cat", "ben"]) await ann.client.v1.statuses.create({ status: `@${who} new thread`, visibility: "direct" });
  const res = await s.api("GET", "/api/v1/conversations?limit=2", { token: ann.token });
  const page = (await res.json()) as any[];
  expect(page.length).toBe(2);
  expect(page[0].accounts[0].acct).toBe("ben");
  const next = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")![1]!;
  const rest = (await (await s.api("GET", new URL(next).pathname + new URL(next).search, { token: ann.token })).json()) as any[];
  expect(rest.map((c) => c.last_status.content)).toEqual([expect.stringContaining("what?")]);
});

test("an inbound remote direct status reaches the local recipient's conversations", async () => {
  const remote = upsertRemoteActor(s.ctx, {
    id: `${R}/users/rem`,
    type: "Person",
    preferredUsername: "rem",
    inbox: `${R}/users/rem/inbox`,
    publicKey: {
      id: `${R}/users/rem#main-key`,
      owner: `${R}/users/rem`,
      publicKeyPem: "-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----",
    },
  });
  const catUri = s.ctx.uris.actor("cat");
  const row = (await upsertRemoteStatus(
    s.ctx,
    {
      id: `${R}/users/rem/statuses/1`,
      type: "Note",
      attributedTo: `${R}/users/rem`,
      content: "<p>hi cat</p>",
      published: "2024-05-01T10:00:00Z",
      to: [catUri],
      cc: [],
      tag: [{ type: "Mention", href: catUri, name: "@cat" }],
    },
    remote.id,
  ))!;
  expect(row.visibility).toBe(3);
  const list = await cat.client.v1.conversations.list();
  const c = list.find((x) => x.lastStatus?.id === String(row.id))!;
  expect(c).toMatchObject({ unread: true });
  expect(c.accounts.map((a) => a.acct)).toEqual(["rem@remote.example"]);
  expect(s.count("account_conversations", "account_id = ?", remote.id)).toBe(0);
});

test("bad input: no token, wrong scope, unknown and other people's ids", async () => {
  expect((await s.api("GET", "/api/v1/conversations")).status).toBe(401);
  const [annC] = await ann.client.v1.conversations.list();
  const readOnly = s.token(ann.user.id, ["read"]);
  expect((await s.api("POST", `/api/v1/conversations/${annC!.id}/read`, { token: readOnly })).status).toBe(403);
  expect((await s.api("DELETE", `/api/v1/conversations/${annC!.id}`, { token: readOnly })).status).toBe(403);
  expect((await s.api("DELETE", `/api/v1/conversations/${annC!.id}`)).status).toBe(401);
  for (const id of ["nope", "12345", annC!.id]) {
    const del = await s.api("DELETE", `/api/v1/conversations/${id}`, { token: cat.token });
    expect(del.status).toBe(404);
    expect(await del.json()).toEqual({ error: "Record not found" });
    expect((await s.api("POST", `/api/v1/conversations/${id}/read`, { token: cat.token })).status).toBe(404);
  }
  expect(s.count("account_conversations", "id = ? AND unread = 1", annC!.id)).toBe(annC!.unread ? 1 : 0);
  expect(s.count("account_conversations", "id = ?", annC!.id)).toBe(1);
});
