/**
 * `allowed_mentions` on POST /api/v1/statuses, as Mastodon 4.5's PostStatusService#safeguard_mentions!:
 * a post mentioning an account outside the list is refused with 422,
 * `{"error":"Post would be sent to unexpected accounts","unexpected_accounts":[Account…]}`,
 * and nothing is posted; without the parameter (or with one Rails would not permit) nothing is checked.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { MastoHttpError } from "masto";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol] = (await Promise.all(["alice", "bob", "carol"].map((n) => s.createUser(n)))) as [TestUser, TestUser, TestUser];
});
afterAll(() => s.stop());

const written = () => [s.count("statuses"), s.count("mentions"), s.count("notifications"), s.count("scheduled_statuses")];

async function post(opts: { json?: unknown; form?: Record<string, string> }): Promise<{ status: number; body: any }> {
  const res = await s.api("POST", "/api/v1/statuses", { token: alice.token, ...opts });
  return { status: res.status, body: await res.json() };
}

test("a mention outside allowed_mentions: 422 with the unexpected accounts, nothing posted", async () => {
  const before = written();
  const r = await post({ json: { status: "@bob hm, @carol is annoying lately", allowed_mentions: [bob.id] } });
  expect(r.status).toBe(422);
  expect(Object.keys(r.body).sort()).toEqual(["error", "unexpected_accounts"]);
  expect(r.body.error).toBe("Post would be sent to unexpected accounts");
  expect(r.body.unexpected_accounts).toHaveLength(1);
  expect(r.body.unexpected_accounts[0]).toMatchObject({ id: carol.id, username: "carol", acct: "carol" });
  // The same Account entity as GET /api/v1/accounts/:id.
  const shown = await (await s.api("GET", `/api/v1/accounts/${carol.id}`, { token: alice.token })).json();
  expect(r.body.unexpected_accounts[0]).toEqual(shown);
  expect(written()).toEqual(before);
});

test("every mentioned account allowed, no mention, or no allowed_mentions at all: posted", async () => {
  const ok = await post({ json: { status: "@bob and @carol, hi", allowed_mentions: [carol.id, Number(bob.id)] } });
  expect(ok.status).toBe(200);
  expect(ok.body.mentions.map((m: { acct: string }) => m.acct)).toEqual(["bob", "carol"]);
  expect((await post({ json: { status: "nobody here", allowed_mentions: [] } })).status).toBe(200);
  expect((await post({ json: { status: "@carol no safeguard" } })).status).toBe(200);
});

test("an empty list allows no mention; form-encoded lists work; unresolved mentions do not count", async () => {
  const none = await post({ json: { status: "@bob @carol", allowed_mentions: [] } });
  expect(none.status).toBe(422);
  expect(none.body.unexpected_accounts.map((a: { id: string }) => a.id)).toEqual([bob.id, carol.id]);
  const form = await post({ form: { status: "@carol and @bob", "allowed_mentions[]": carol.id } });
  expect(form.status).toBe(422);
  expect(form.body.unexpected_accounts.map((a: { id: string }) => a.id)).toEqual([bob.id]);
  expect((await post({ json: { status: "@nobody_here hi", allowed_mentions: [] } })).status).toBe(200);
});

test("a value Rails would not permit as a list of ids is dropped: no check", async () => {
  for (const allowed_mentions of ["123", 5, { "0": bob.id }, [{ id: bob.id }]]) {
    const r = await post({ json: { status: "@carol dropped check", allowed_mentions } });
    expect({ allowed_mentions, status: r.status }).toEqual({ allowed_mentions, status: 200 });
  }
});

test("masto.js sees a MastoHttpError 422 carrying unexpected_accounts", async () => {
  const err = (await alice.client.v1.statuses
    .create({ status: "@carol via masto.js", allowedMentions: [bob.id] } as Parameters<typeof alice.client.v1.statuses.create>[0])
    .catch((e) => e)) as MastoHttpError;
  expect(err.statusCode).toBe(422);
  expect(err.message).toBe("Post would be sent to unexpected accounts");
  expect((err.additionalProperties?.unexpectedAccounts as { id: string }[]).map((a) => a.id)).toEqual([carol.id]);
});

test("a scheduled post is checked when it is scheduled", async () => {
  const before = written();
  const at = new Date(Date.now() + 3_600_000).toISOString();
  const r = await post({ json: { status: "@carol later", scheduled_at: at, allowed_mentions: [bob.id] } });
  expect(r.status).toBe(422);
  expect(r.body.unexpected_accounts.map((a: { id: string }) => a.id)).toEqual([carol.id]);
  expect(written()).toEqual(before);
  expect((await post({ json: { status: "@carol later", scheduled_at: at, allowed_mentions: [carol.id] } })).status).toBe(200);
});
