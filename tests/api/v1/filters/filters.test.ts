/** The deprecated v1 filters API (GET/POST /api/v1/filters, GET/PUT/DELETE /api/v1/filters/:id) over v2 data. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let ann: TestUser, ben: TestUser;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  [ann, ben] = await Promise.all([s.createUser("ann"), s.createUser("ben")]);
}, 20_000);
afterAll(() => s.stop());

test("create makes a v2 filter titled by the phrase with that one keyword", async () => {
  const v1 = await ann.client.v1.filters.create({ phrase: "cilantro", context: ["home", "thread"], irreversible: true, expiresIn: 600 });
  expect(v1).toMatchObject({ phrase: "cilantro", context: ["home", "thread"], wholeWord: false, irreversible: true });
  expect(Date.parse(v1.expiresAt!)).toBeGreaterThan(Date.now() + 590_000);
  const raw = (await (await s.api("GET", `/api/v1/filters/${v1.id}`, { token: ann.token })).json()) as any;
  expect(Object.keys(raw)).toEqual(["id", "phrase", "context", "whole_word", "expires_at", "irreversible"]);

  const [v2] = await ann.client.v2.filters.list();
  expect(v2).toMatchObject({ title: "cilantro", context: ["home", "thread"], filterAction: "hide", expiresAt: v1.expiresAt });
  // The V1::Filter id is the keyword's.
  expect(v2!.keywords).toEqual([{ id: v1.id, keyword: "cilantro", wholeWord: false }]);
});

test("list shows one V1::Filter per keyword of every filter", async () => {
  const f = await ann.client.v2.filters.create({
    title: "Many",
    context: ["public"],
    keywordsAttributes: [{ keyword: "one" }, { keyword: "two", wholeWord: false }],
  });
  const list = await ann.client.v1.filters.list();
  const mine = list.filter((x) => ["one", "two"].includes(x.phrase));
  expect(mine).toEqual([
    { id: f.keywords[0]!.id, phrase: "one", context: ["public"], wholeWord: true, expiresAt: null, irreversible: false },
    { id: f.keywords[1]!.id, phrase: "two", context: ["public"], wholeWord: false, expiresAt: null, irreversible: false },
  ]);
  expect(await ben.client.v1.filters.list()).toEqual([]);
});

test("update changes the keyword and its single-keyword filter", async () => {
  const v1 = await ann.client.v1.filters.create({ phrase: "old", context: ["home"] });
  const u = await ann.client.v1.filters
    .$select(v1.id)
    .update({ phrase: "new", context: ["home", "public"], wholeWord: true, irreversible: true, expiresIn: null });
  expect(u).toEqual({ id: v1.id, phrase: "new", context: ["home", "public"], wholeWord: true, expiresAt: null, irreversible: true });
  const v2 = (await ann.client.v2.filters.list()).find((f) => f.keywords.some((k) => k.id === v1.id))!;
  expect(v2).toMatchObject({ title: "new", context: ["home", "public"], filterAction: "hide" });
});

test("a filter with several keywords: phrase and whole_word change, filter fields are refused", async () => {
  const f = await ann.client.v2.filters.create({
    title: "Shared",
    context: ["home"],
    keywordsAttributes: [{ keyword: "a" }, { keyword: "b" }],
  });
  const id = f.keywords[0]!.id;
  const ok = await s.api("PUT", `/api/v1/filters/${id}`, {
    token: ann.token,
    json: { phrase: "aa", whole_word: false, context: ["home"] },
  });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toMatchObject({ phrase: "aa", whole_word: false, context: ["home"] });
  const r = await s.api("PUT", `/api/v1/filters/${id}`, { token: ann.token, json: { phrase: "zz", context: ["public"] } });
  expect(r.status).toBe(422);
  expect(((await r.json()) as any).error).toContain("apply to more than one filter keyword");
  const after = await ann.client.v2.filters.$select(f.id).fetch();
  expect(after).toMatchObject({ title: "Shared", context: ["home"] });
  expect(after.keywords.map((k) => k.keyword)).toEqual(["aa", "b"]);
});

test("delete removes only the keyword; the filter stays", async () => {
  const f = await ann.client.v2.filters.create({
    title: "Two",
    context: ["home"],
    keywordsAttributes: [{ keyword: "x1" }, { keyword: "x2" }],
  });
  const r = await s.api("DELETE", `/api/v1/filters/${f.keywords[0]!.id}`, { token: ann.token });
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({});
  expect((await ann.client.v2.filters.$select(f.id).fetch()).keywords.map((k) => k.keyword)).toEqual(["x2"]);
});

test("bad input: blank phrase, bad context, wrong types, unknown and other users' ids, scopes; nothing written", async () => {
  const benFilter = await ben.client.v1.filters.create({ phrase: "bens", context: ["home"] });
  const snapshot = () =>
    JSON.stringify([
      s.ctx.db.query("SELECT * FROM custom_filters ORDER BY id").all(),
      s.ctx.db.query("SELECT * FROM custom_filter_keywords ORDER BY id").all(),
    ]);
  const before = snapshot();
  for (const [json, error] of [
    [{ context: ["home"] }, "Validation failed: Phrase can't be blank"],
    [{ phrase: "x" }, "Validation failed: Context can't be blank, Context None or invalid context supplied"],
    [{ phrase: "x", context: ["moon"] }, "Validation failed: Context None or invalid context supplied"],
  ] as const) {
    const r = await s.api("POST", "/api/v1/filters", { token: ann.token, json });
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({ error });
  }
  for (const json of [
    { phrase: ["x"], context: ["home"] },
    { phrase: "x", context: ["home"], irreversible: "sure" },
    { phrase: "x", context: ["home"], expires_in: "later" },
  ]) {
    expect((await s.api("POST", "/api/v1/filters", { token: ann.token, json })).status).toBe(422);
  }
  for (const id of [benFilter.id, "nope", "99999999"]) {
    expect((await s.api("GET", `/api/v1/filters/${id}`, { token: ann.token })).status).toBe(404);
    expect((await s.api("PUT", `/api/v1/filters/${id}`, { token: ann.token, json: { phrase: "mine" } })).status).toBe(404);
    expect((await s.api("DELETE", `/api/v1/filters/${id}`, { token: ann.token })).status).toBe(404);
  }
  expect((await s.api("PUT", `/api/v1/filters/${benFilter.id}`, { token: ben.token, json: { phrase: "" } })).status).toBe(422);
  expect((await s.api("GET", "/api/v1/filters")).status).toBe(401);
  const readOnly = s.token(ann.user.id, ["read"]);
  expect((await s.api("GET", "/api/v1/filters", { token: readOnly })).status).toBe(200);
  expect((await s.api("POST", "/api/v1/filters", { token: readOnly, json: { phrase: "x", context: ["home"] } })).status).toBe(403);
  expect((await s.api("DELETE", `/api/v1/filters/${benFilter.id}`, { token: s.token(ben.user.id, ["read:filters"]) })).status).toBe(403);
  expect(snapshot()).toBe(before);
});
