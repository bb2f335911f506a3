/** GET/POST /api/v2/filters, GET/PUT/DELETE /api/v2/filters/:id (Filter entities with nested keywords). */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let ann: TestUser, ben: TestUser;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  [ann, ben] = await Promise.all([s.createUser("ann"), s.createUser("ben")]);
}, 20_000);
afterAll(() => s.stop());

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

test("create with keywords, then list and fetch it (masto.js)", async () => {
  const jobs = s.count("jobs", "kind = 'stream.filters_changed'");
  const f = await ann.client.v2.filters.create({
    title: "Spoilers",
    context: ["home", "public"],
    filterAction: "hide",
    expiresIn: 3600,
    keywordsAttributes: [{ keyword: "finale", wholeWord: false }, { keyword: "ending" }],
  });
  expect(f).toMatchObject({ title: "Spoilers", context: ["home", "public"], filterAction: "hide", statuses: [] });
  expect(f.expiresAt).toMatch(ISO);
  expect(Date.parse(f.expiresAt!) - Date.now()).toBeGreaterThan(3590_000);
  // whole_word defaults to true for v2 keywords, as in Mastodon.
  expect(f.keywords.map((k) => [k.keyword, k.wholeWord])).toEqual([
    ["finale", false],
    ["ending", true],
  ]);
  expect(f.keywords.every((k) => typeof k.id === "string")).toBe(true);
  expect(s.count("jobs", "kind = 'stream.filters_changed'")).toBe(jobs + 1);

  const raw = (await (await s.api("GET", `/api/v2/filters/${f.id}`, { token: ann.token })).json()) as any;
  expect(Object.keys(raw)).toEqual(["id", "title", "context", "expires_at", "filter_action", "keywords", "statuses"]);
  expect(raw.keywords[0]).toEqual({ id: f.keywords[0]!.id, keyword: "finale", whole_word: false });

  const list = await ann.client.v2.filters.list();
  expect(list.map((x) => x.id)).toEqual([f.id]);
  expect(await ben.client.v2.filters.list()).toEqual([]);
  expect((await ann.client.v2.filters.$select(f.id).fetch()).title).toBe("Spoilers");
});

test("form-encoded create (Rails-style arrays) defaults to warn and no expiry", async () => {
  const body =
    "title=Politics&context[]=thread&context[]=account&keywords_attributes[][keyword]=vote&keywords_attributes[][whole_word]=false";
  const r = await s.api("POST", "/api/v2/filters", {
    token: ben.token,
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect(r.status).toBe(200);
  const f = (await r.json()) as any;
  expect(f).toMatchObject({ title: "Politics", context: ["thread", "account"], filter_action: "warn", expires_at: null });
  expect(f.keywords).toEqual([{ id: expect.any(String), keyword: "vote", whole_word: false }]);
});

test("update changes fields and keywords: modify by id, _destroy, add; blur is accepted", async () => {
  const f = await ann.client.v2.filters.create({
    title: "Edit me",
    context: ["home"],
    keywordsAttributes: [{ keyword: "foo" }, { keyword: "bar" }],
  });
  const [foo, bar] = f.keywords;
  const u = await ann.client.v2.filters.$select(f.id).update({
    title: "Edited",
    context: ["notifications"],
    filterAction: "blur",
    expiresIn: null,
    keywordsAttributes: [{ id: foo!.id, _destroy: true }, { id: bar!.id, keyword: "baz", wholeWord: false }, { keyword: "qux" }],
  });
  expect(u).toMatchObject({ id: f.id, title: "Edited", context: ["notifications"], filterAction: "blur", expiresAt: null });
  expect(u.keywords.map((k) => [k.id === bar!.id, k.keyword, k.wholeWord])).toEqual([
    [true, "baz", false],
    [false, "qux", true],
  ]);
  expect(s.count("custom_filter_keywords", "id = ?", Number(foo!.id))).toBe(0);

  // Fields left out stay; an expiry can be set and cleared again ("" means never).
  const timed = await ann.client.v2.filters.$select(f.id).update({ expiresIn: 60 });
  expect(timed).toMatchObject({ title: "Edited", context: ["notifications"], filterAction: "blur" });
  expect(timed.expiresAt).toMatch(ISO);
  const r = await s.api("PUT", `/api/v2/filters/${f.id}`, { token: ann.token, form: { expires_in: "" } });
  expect(((await r.json()) as any).expires_at).toBeNull();
});

test("delete removes the filter with its keywords and status filters", async () => {
  const f = await ann.client.v2.filters.create({ title: "Gone", context: ["home"], keywordsAttributes: [{ keyword: "gone" }] });
  const st = await ben.client.v1.statuses.create({ status: "filter me" });
  await ann.client.v2.filters.$select(f.id).statuses.create({ statusId: st.id });
  const r = await s.api("DELETE", `/api/v2/filters/${f.id}`, { token: ann.token });
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({});
  expect(s.count("custom_filters", "id = ?", Number(f.id))).toBe(0);
  expect(s.count("custom_filter_keywords", "custom_filter_id = ?", Number(f.id))).toBe(0);
  expect(s.count("custom_filter_statuses", "custom_filter_id = ?", Number(f.id))).toBe(0);
  expect((await s.api("GET", `/api/v2/filters/${f.id}`, { token: ann.token })).status).toBe(404);
});

test("bad input to create: 422 in Mastodon's words and nothing written", async () => {
  const before = [s.count("custom_filters"), s.count("custom_filter_keywords"), s.count("jobs")];
  const cases: [unknown, string][] = [
    [{ context: ["home"] }, "Validation failed: Title can't be blank"],
    [{ title: "  ", context: ["home"] }, "Validation failed: Title can't be blank"],
    [{ title: "x" }, "Validation failed: Context can't be blank, Context None or invalid context supplied"],
    [{ title: "x", context: ["home", "everywhere"] }, "Validation failed: Context None or invalid context supplied"],
    [{ title: "x", context: ["home"], filter_action: "explode" }, "Validation failed: Filter action is not included in the list"],
    [
      { title: "x", context: ["home"], keywords_attributes: [{ keyword: " ", whole_word: true }] },
      "Validation failed: Keywords keyword can't be blank",
    ],
    [
      { title: "x", context: ["home"], keywords_attributes: [{ keyword: "k".repeat(513) }] },
      "Validation failed: Keywords keyword is too long (maximum is 512 characters)",
    ],
    [{ title: "t".repeat(257), context: ["home"] }, "Validation failed: Title is too long (maximum is 256 characters)"],
  ];
  for (const [json, error] of cases) {
    const r = await s.api("POST", "/api/v2/filters", { token: ann.token, json });
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({ error });
  }
  // Wrong types.
  for (const json of [
    { title: { a: 1 }, context: ["home"] },
    { title: "x", context: [{ a: 1 }] },
    { title: "x", context: ["home"], expires_in: "soon" },
    { title: "x", context: ["home"], expires_in: -5 },
    { title: "x", context: ["home"], keywords_attributes: ["plain"] },
    { title: "x", context: ["home"], keywords_attributes: [{ keyword: "a", whole_word: "maybe" }] },
  ]) {
    const r = await s.api("POST", "/api/v2/filters", { token: ann.token, json });
    expect(r.status).toBe(422);
  }
  // A keyword id on create is a 404, as in Mastodon.
  const withId = await s.api("POST", "/api/v2/filters", {
    token: ann.token,
    json: { title: "x", context: ["home"], keywords_attributes: [{ id: "1", keyword: "a" }] },
  });
  expect(withId.status).toBe(404);
  expect([s.count("custom_filters"), s.count("custom_filter_keywords"), s.count("jobs")]).toEqual(before);
});

test("bad input to update and delete: unknown and other users' ids, invalid fields; nothing changes", async () => {
  const f = await ann.client.v2.filters.create({ title: "Keep", context: ["home"], keywordsAttributes: [{ keyword: "keep" }] });
  const other = await ben.client.v2.filters.create({ title: "Ben's", context: ["home"], keywordsAttributes: [{ keyword: "bens" }] });
  const snapshot = () =>
    JSON.stringify([
      s.ctx.db.query("SELECT * FROM custom_filters ORDER BY id").all(),
      s.ctx.db.query("SELECT * FROM custom_filter_keywords ORDER BY id").all(),
    ]);
  const before = snapshot();
  for (const id of ["nope", "0", "99999999", other.id]) {
    for (const [method, json] of [
      ["GET", undefined],
      ["PUT", { title: "stolen" }],
      ["DELETE", undefined],
    ] as const) {
      const r = await s.api(method, `/api/v2/filters/${id}`, { token: ann.token, json });
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({ error: "Record not found" });
    }
  }
  // Another filter's keyword id cannot be edited or destroyed through this one.
  for (const attrs of [
    { id: other.keywords[0]!.id, keyword: "x" },
    { id: other.keywords[0]!.id, _destroy: true },
    { id: "nope", keyword: "x" },
  ]) {
    const r = await s.api("PUT", `/api/v2/filters/${f.id}`, { token: ann.token, json: { title: "Changed", keywords_attributes: [attrs] } });
    expect(r.status).toBe(404);
  }
  for (const json of [
    { title: "" },
    { context: [] },
    { context: ["nowhere"] },
    { filter_action: "nuke" },
    { keywords_attributes: [{ id: f.keywords[0]!.id, keyword: "" }] },
    { expires_in: "x" },
  ]) {
    const r = await s.api("PUT", `/api/v2/filters/${f.id}`, { token: ann.token, json });
    expect(r.status).toBe(422);
  }
  expect(snapshot()).toBe(before);
});

test("no token 401, read-only token 403 on writes, write-only token 403 on reads", async () => {
  const f = await ann.client.v2.filters.create({ title: "Scoped", context: ["home"] });
  expect((await s.api("GET", "/api/v2/filters")).status).toBe(401);
  expect((await s.api("POST", "/api/v2/filters", { json: { title: "x", context: ["home"] } })).status).toBe(401);
  expect((await s.api("GET", "/api/v2/filters", { token: "bogus" })).status).toBe(401);
  const before = s.count("custom_filters");
  const readOnly = s.token(ann.user.id, ["read"]);
  expect((await s.api("GET", "/api/v2/filters", { token: readOnly })).status).toBe(200);
  expect((await s.api("GET", "/api/v2/filters", { token: s.token(ann.user.id, ["read:filters"]) })).status).toBe(200);
  expect((await s.api("POST", "/api/v2/filters", { token: readOnly, json: { title: "x", context: ["home"] } })).status).toBe(403);
  expect((await s.api("PUT", `/api/v2/filters/${f.id}`, { token: readOnly, json: { title: "x" } })).status).toBe(403);
  expect((await s.api("DELETE", `/api/v2/filters/${f.id}`, { token: readOnly })).status).toBe(403);
  const writeOnly = s.token(ann.user.id, ["write:filters"]);
  expect((await s.api("GET", "/api/v2/filters", { token: writeOnly })).status).toBe(403);
  expect((await s.api("POST", "/api/v2/filters", { token: writeOnly, json: { title: "w", context: ["home"] } })).status).toBe(200);
  expect(
    (await s.api("POST", "/api/v2/filters", { token: s.token(ann.user.id, ["write:statuses"]), json: { title: "x", context: ["home"] } }))
      .status,
  ).toBe(403);
  expect(s.count("custom_filters")).toBe(before + 1);
  expect((await ann.client.v2.filters.$select(f.id).fetch()).title).toBe("Scoped");
});
