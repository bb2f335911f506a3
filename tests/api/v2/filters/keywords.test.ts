/**
 * GET/POST /api/v2/filters/:filter_id/keywords, GET/PUT/DELETE /api/v2/filters/keywords/:id and
 * GET/POST /api/v2/filters/:filter_id/statuses, GET/DELETE /api/v2/filters/statuses/:id.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { mastodon } from "masto";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let ann: TestUser, ben: TestUser;
let annFilter: mastodon.v2.Filter, benFilter: mastodon.v2.Filter;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  [ann, ben] = await Promise.all([s.createUser("ann"), s.createUser("ben")]);
  annFilter = await ann.client.v2.filters.create({ title: "Ann", context: ["home"] });
  benFilter = await ben.client.v2.filters.create({ title: "Ben", context: ["home"], keywordsAttributes: [{ keyword: "bens" }] });
}, 20_000);
afterAll(() => s.stop());

test("keywords: add, list, fetch, update, delete (masto.js)", async () => {
  const api = ann.client.v2.filters;
  const k1 = await api.$select(annFilter.id).keywords.create({ keyword: "alpha" });
  expect(k1).toEqual({ id: expect.any(String), keyword: "alpha", wholeWord: true });
  const k2 = await api.$select(annFilter.id).keywords.create({ keyword: "beta", wholeWord: false });
  expect((await api.$select(annFilter.id).keywords.list()).map((k) => k.keyword)).toEqual(["alpha", "beta"]);
  expect(await api.keywords.$select(k2.id).fetch()).toEqual(k2);
  const u = await api.keywords.$select(k1.id).update({ keyword: "gamma", wholeWord: false });
  expect(u).toEqual({ id: k1.id, keyword: "gamma", wholeWord: false });
  // whole_word left out stays as it is.
  expect(await api.keywords.$select(k1.id).update({ keyword: "delta" })).toEqual({ id: k1.id, keyword: "delta", wholeWord: false });
  await api.keywords.$select(k2.id).remove();
  expect((await api.$select(annFilter.id).fetch()).keywords.map((k) => k.keyword)).toEqual(["delta"]);
  expect(s.count("custom_filters", "id = ?", Number(annFilter.id))).toBe(1);
});

test("keywords: bad input, unknown and other users' ids, scopes; nothing written", async () => {
  const benKeyword = benFilter.keywords[0]!.id;
  const before = JSON.stringify(s.ctx.db.query("SELECT * FROM custom_filter_keywords ORDER BY id").all());
  for (const json of [{}, { keyword: "" }, { keyword: "   " }, { keyword: "x".repeat(513) }]) {
    const r = await s.api("POST", `/api/v2/filters/${annFilter.id}/keywords`, { token: ann.token, json });
    expect(r.status).toBe(422);
    expect(((await r.json()) as any).error).toStartWith("Validation failed: Keyword");
  }
  for (const json of [{ keyword: ["a"] }, { keyword: "a", whole_word: "perhaps" }]) {
    expect((await s.api("POST", `/api/v2/filters/${annFilter.id}/keywords`, { token: ann.token, json })).status).toBe(422);
  }
  for (const fid of [benFilter.id, "nope", "123456789"]) {
    expect((await s.api("GET", `/api/v2/filters/${fid}/keywords`, { token: ann.token })).status).toBe(404);
    expect((await s.api("POST", `/api/v2/filters/${fid}/keywords`, { token: ann.token, json: { keyword: "x" } })).status).toBe(404);
  }
  for (const kid of [benKeyword, "nope", "123456789"]) {
    expect((await s.api("GET", `/api/v2/filters/keywords/${kid}`, { token: ann.token })).status).toBe(404);
    expect((await s.api("PUT", `/api/v2/filters/keywords/${kid}`, { token: ann.token, json: { keyword: "x" } })).status).toBe(404);
    expect((await s.api("DELETE", `/api/v2/filters/keywords/${kid}`, { token: ann.token })).status).toBe(404);
  }
  const readOnly = s.token(ann.user.id, ["read"]);
  expect((await s.api("POST", `/api/v2/filters/${annFilter.id}/keywords`, { token: readOnly, json: { keyword: "x" } })).status).toBe(403);
  expect((await s.api("GET", `/api/v2/filters/${annFilter.id}/keywords`)).status).toBe(401);
  expect((await s.api("DELETE", `/api/v2/filters/keywords/${benKeyword}`, { token: s.token(ben.user.id, ["read:filters"]) })).status).toBe(
    403,
  );
  expect(JSON.stringify(s.ctx.db.query("SELECT * FROM custom_filter_keywords ORDER BY id").all())).toBe(before);
  // An empty keyword on update is refused too.
  const r = await s.api("PUT", `/api/v2/filters/keywords/${benKeyword}`, { token: ben.token, json: { keyword: "" } });
  expect(r.status).toBe(422);
  expect(await r.json()).toEqual({ error: "Validation failed: Keyword can't be blank" });
});

test("status filters: add, list, fetch, remove (masto.js)", async () => {
  const post = await ben.client.v1.statuses.create({ status: "a post to filter" });
  const api = ann.client.v2.filters;
  const fs = await api.$select(annFilter.id).statuses.create({ statusId: post.id });
  expect(fs).toEqual({ id: expect.any(String), statusId: post.id });
  expect(await api.$select(annFilter.id).statuses.list()).toEqual([fs]);
  expect(await api.statuses.$select(fs.id).fetch()).toEqual(fs);
  expect((await api.$select(annFilter.id).fetch()).statuses).toEqual([fs]);
  const r = await s.api("DELETE", `/api/v2/filters/statuses/${fs.id}`, { token: ann.token });
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({});
  expect(await api.$select(annFilter.id).statuses.list()).toEqual([]);
});

test("status filters: invisible, unknown and repeated statuses are 422; other users' ids 404; nothing written", async () => {
  const secret = await ben.client.v1.statuses.create({ status: "followers only", visibility: "private" });
  const open = await ben.client.v1.statuses.create({ status: "open" });
  await ann.client.v2.filters.$select(annFilter.id).statuses.create({ statusId: open.id });
  const benStatusFilter = await ben.client.v2.filters.$select(benFilter.id).statuses.create({ statusId: open.id });
  const before = s.count("custom_filter_statuses");
  for (const [json, error] of [
    [{ status_id: secret.id }, "Validation failed: Status must exist"],
    [{ status_id: "99999999" }, "Validation failed: Status must exist"],
    [{}, "Validation failed: Status must exist"],
    [{ status_id: open.id }, "Validation failed: Status has already been taken"],
  ] as const) {
    const r = await s.api("POST", `/api/v2/filters/${annFilter.id}/statuses`, { token: ann.token, json });
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({ error });
  }
  expect(
    (await s.api("POST", `/api/v2/filters/${annFilter.id}/statuses`, { token: ann.token, json: { status_id: { x: 1 } } })).status,
  ).toBe(422);
  expect((await s.api("POST", `/api/v2/filters/${benFilter.id}/statuses`, { token: ann.token, json: { status_id: open.id } })).status).toBe(
    404,
  );
  expect((await s.api("GET", `/api/v2/filters/${benFilter.id}/statuses`, { token: ann.token })).status).toBe(404);
  for (const id of [benStatusFilter.id, "nope", "99999999"]) {
    expect((await s.api("GET", `/api/v2/filters/statuses/${id}`, { token: ann.token })).status).toBe(404);
    expect((await s.api("DELETE", `/api/v2/filters/statuses/${id}`, { token: ann.token })).status).toBe(404);
  }
  expect((await s.api("DELETE", `/api/v2/filters/statuses/${benStatusFilter.id}`, { token: s.token(ben.user.id, ["read"]) })).status).toBe(
    403,
  );
  expect((await s.api("DELETE", `/api/v2/filters/statuses/${benStatusFilter.id}`)).status).toBe(401);
  expect(s.count("custom_filter_statuses")).toBe(before);
});
