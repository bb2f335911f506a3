import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { makeUsers } from "../timelines/fixtures";

let s: TestServer;
let alice: TestUser, bob: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob] = await makeUsers(s, "lcalice", "lcbob");
});
afterAll(() => s.stop());

const lists = (u: TestUser) => s.count("lists", "account_id = ?", u.account.id);

describe("POST/GET/PUT/DELETE /api/v1/lists", () => {
  test("create, read, rename, change policy and exclusive, delete (masto.js)", async () => {
    const c = alice.client;
    const made = await c.v1.lists.create({ title: "Friends" });
    expect(made).toEqual({ id: expect.any(String), title: "Friends", repliesPolicy: "list", exclusive: false });
    const other = await c.v1.lists.create({ title: "News", exclusive: true, repliesPolicy: "none" } as any);
    expect(other.repliesPolicy).toBe("none");
    expect(other.exclusive).toBe(true);
    expect((await c.v1.lists.list()).map((l) => l.title)).toEqual(["Friends", "News"]);
    expect(await c.v1.lists.$select(made.id).fetch()).toEqual(made);
    const renamed = await c.v1.lists.$select(made.id).update({ title: "Close friends", repliesPolicy: "followed", exclusive: true } as any);
    expect(renamed).toEqual({ id: made.id, title: "Close friends", repliesPolicy: "followed", exclusive: true });
    // fields left out keep their values
    const partial = await s.api("PUT", `/api/v1/lists/${made.id}`, { token: alice.token, json: { exclusive: false } });
    expect(await partial.json()).toEqual({ id: made.id, title: "Close friends", replies_policy: "followed", exclusive: false });
    await c.v1.lists.$select(made.id).remove();
    expect((await c.v1.lists.list()).map((l) => l.id)).toEqual([other.id]);
    const gone = await s.api("GET", `/api/v1/lists/${made.id}`, { token: alice.token });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ error: "Record not found" });
  });

  test("form-encoded bodies and the raw JSON shape", async () => {
    const r = await s.api("POST", "/api/v1/lists", {
      token: alice.token,
      form: { title: "Form", replies_policy: "followed", exclusive: "true" },
    });
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(Object.keys(body).sort()).toEqual(["exclusive", "id", "replies_policy", "title"]);
    expect(body).toMatchObject({ title: "Form", replies_policy: "followed", exclusive: true });
    expect(typeof body.id).toBe("string");
  });

  test("validation: 422 and nothing written", async () => {
    const before = lists(alice);
    const bad: [unknown, RegExp][] = [
      [{}, /Title can't be blank/],
      [{ title: "   " }, /Title can't be blank/],
      [{ title: "x".repeat(257) }, /too long/],
      [{ title: ["a"] }, /title must be a string/],
      [{ title: { a: 1 } }, /title must be a string/],
      [{ title: "ok", replies_policy: "everyone" }, /Replies policy/],
      [{ title: "ok", replies_policy: 5 }, /Replies policy/],
      [{ title: "ok", exclusive: "maybe" }, /exclusive must be a boolean/],
      [{ title: "ok", exclusive: [1] }, /exclusive must be a boolean/],
    ];
    for (const [json, msg] of bad) {
      const r = await s.api("POST", "/api/v1/lists", { token: alice.token, json });
      expect(r.status).toBe(422);
      expect((await r.json()).error).toMatch(msg);
    }
    const l = await alice.client.v1.lists.create({ title: "Keep" });
    for (const json of [{ title: "" }, { replies_policy: "all" }, { exclusive: "x" }]) {
      const r = await s.api("PUT", `/api/v1/lists/${l.id}`, { token: alice.token, json });
      expect(r.status).toBe(422);
    }
    expect(await alice.client.v1.lists.$select(l.id).fetch()).toMatchObject({ title: "Keep", repliesPolicy: "list", exclusive: false });
    expect(lists(alice)).toBe(before + 1);
  });

  test("at most 50 lists per account", async () => {
    const u = await s.createUser("lcmany");
    for (let i = 0; i < 50; i++)
      expect((await s.api("POST", "/api/v1/lists", { token: u.token, json: { title: `L${i}` } })).status).toBe(200);
    const r = await s.api("POST", "/api/v1/lists", { token: u.token, json: { title: "one more" } });
    expect(r.status).toBe(422);
    expect((await r.json()).error).toMatch(/maximum number of lists/);
    expect(lists(u)).toBe(50);
  });

  test("someone else's or unknown lists are 404 and untouched", async () => {
    const mine = await alice.client.v1.lists.create({ title: "Private" });
    for (const [method, json] of [
      ["GET", undefined],
      ["PUT", { title: "Hijacked" }],
      ["DELETE", undefined],
    ] as const) {
      const r = await s.api(method, `/api/v1/lists/${mine.id}`, { token: bob.token, json });
      expect(r.status).toBe(404);
      expect(await r.json()).toEqual({ error: "Record not found" });
    }
    for (const id of ["999999", "abc", "-1", "1e5"])
      expect((await s.api("GET", `/api/v1/lists/${id}`, { token: alice.token })).status).toBe(404);
    expect(await bob.client.v1.lists.list()).toEqual([]);
    expect((await alice.client.v1.lists.$select(mine.id).fetch()).title).toBe("Private");
  });

  test("auth: no token 401, bad token 401, wrong scopes 403, read:lists / write:lists suffice", async () => {
    const before = lists(alice);
    expect((await s.api("GET", "/api/v1/lists")).status).toBe(401);
    expect((await s.api("POST", "/api/v1/lists", { json: { title: "x" } })).status).toBe(401);
    expect((await s.api("GET", "/api/v1/lists", { token: "nope" })).status).toBe(401);
    const readOnly = s.token(alice.user.id, ["read"]);
    const l = (await alice.client.v1.lists.list())[0]!;
    const denied = [
      await s.api("POST", "/api/v1/lists", { token: readOnly, json: { title: "x" } }),
      await s.api("PUT", `/api/v1/lists/${l.id}`, { token: readOnly, json: { title: "x" } }),
      await s.api("DELETE", `/api/v1/lists/${l.id}`, { token: readOnly }),
      await s.api("GET", "/api/v1/lists", { token: s.token(alice.user.id, ["read:statuses", "write"]) }),
    ];
    for (const r of denied) expect(r.status).toBe(403);
    expect((await s.api("GET", "/api/v1/lists", { token: s.token(alice.user.id, ["read:lists"]) })).status).toBe(200);
    expect(
      (await s.api("POST", "/api/v1/lists", { token: s.token(alice.user.id, ["write:lists"]), json: { title: "scoped" } })).status,
    ).toBe(200);
    expect(lists(alice)).toBe(before + 1);
    expect((await alice.client.v1.lists.$select(l.id).fetch()).title).toBe(l.title);
  });
});
