/**
 * The small rest of the client API: instance languages and translation languages, translate
 * without a translator (404 as Mastodon), marking a conversation unread, and the deprecated
 * identity proofs.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../../../rig";

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer({ fixtures: true, frozen: true, runJobs: false });
}, 30_000);
afterAll(() => s.stop());

test("instance languages are ISO 639 codes with English names; no translation languages", async () => {
  // masto.js types this list as strings; Mastodon answers {code, name} objects.
  const langs = (await s.client().v1.instance.languages.list()) as unknown as { code: string; name: string }[];
  const byCode = new Map(langs.map((l) => [l.code, l.name]));
  expect(byCode.get("en")).toBe("English");
  expect(byCode.get("de")).toBe("German");
  expect(byCode.get("tok")).toBe("Toki Pona");
  expect(langs.length).toBeGreaterThan(180);
  expect(langs.every((l) => /^[a-z]{2,3}$/.test(l.code) && l.name.length > 1 && l.name !== l.code)).toBe(true);
  const res = await s.api("GET", "/api/v1/instance/translation_languages");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({});
});

test("translate answers 404 without a translator, as for a status one may not see", async () => {
  const { local_account_1: a, local_account_2: b } = s.fixtures;
  const post = await a.client.v1.statuses.create({ status: "Hallo Welt", language: "de" });
  const res = await s.api("POST", `/api/v1/statuses/${post.id}/translate`, { token: b.token, json: { lang: "en" } });
  expect(res.status).toBe(404);
  const secret = await a.client.v1.statuses.create({ status: "private", visibility: "private" });
  expect((await s.api("POST", `/api/v1/statuses/${secret.id}/translate`, { token: b.token })).status).toBe(404);
  expect((await s.api("POST", `/api/v1/statuses/${post.id}/translate`, { token: s.token(b.user.id, ["write"]) })).status).toBe(403);
});

test("a conversation can be marked unread again", async () => {
  const { local_account_1: a, local_account_2: b } = s.fixtures;
  await a.client.v1.statuses.create({ status: `@${b.account.username} psst`, visibility: "direct" });
  await s.drain();
  const [conv] = await b.client.v1.conversations.list();
  expect(conv!.unread).toBe(true);
  expect((await b.client.v1.conversations.$select(conv!.id).read()).unread).toBe(false);
  const res = await s.api("POST", `/api/v1/conversations/${conv!.id}/unread`, { token: b.token });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { unread: boolean }).unread).toBe(true);
  expect((await b.client.v1.conversations.list())[0]!.unread).toBe(true);
  // Someone else's conversation id is not found.
  expect((await s.api("POST", `/api/v1/conversations/${conv!.id}/unread`, { token: a.token })).status).toBe(404);
  expect((await s.api("POST", "/api/v1/conversations/12345/unread", { token: b.token })).status).toBe(404);
});

test("identity proofs: deprecated, always empty for an existing account", async () => {
  const res = await s.api("GET", `/api/v1/accounts/${s.fixtures.local_account_1.id}/identity_proofs`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual([]);
  expect((await s.api("GET", "/api/v1/accounts/424242/identity_proofs")).status).toBe(404);
});
