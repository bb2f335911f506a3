import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let me: TestUser, annie: TestUser, anna: TestUser, bert: TestUser;
let remoteId: number;

beforeAll(async () => {
  s = await startTestServer();
  me = await s.createUser("me");
  annie = await s.createUser("annie");
  anna = await s.createUser("anna");
  bert = await s.createUser("bert");
  s.ctx.db.query("UPDATE accounts SET display_name = 'Bert Annex' WHERE id = ?").run(bert.id);
  remoteId = s.ctx.ids.next();
  s.ctx.db
    .query(
      "INSERT INTO accounts (id, username, domain, uri, created_at, updated_at) VALUES (?, 'anna', 'far.example', 'https://far.example/users/anna', 1, 1)",
    )
    .run(remoteId);
}, 30_000);
afterAll(() => s.stop());

const search = async (query: string, token = me.token) => {
  const res = await s.api("GET", `/api/v1/accounts/search?${query}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { acct: string }[]).map((a) => a.acct);
};

test("prefix matches on username and display name words, exact handle first", async () => {
  expect((await search("q=ann")).sort()).toEqual(["anna", "anna@far.example", "annie", "bert"].sort());
  expect((await search("q=anna"))[0]).toBe("anna");
  expect(await search("q=anna@far.example")).toEqual(["anna@far.example"]);
  expect(await search(`q=@anna@${s.domain}`)).toEqual(["anna"]);
  expect(await search("q=zzz")).toEqual([]);
  expect(await search("q=%25")).toEqual([]);
  expect(await search("q=ann&limit=1&offset=0")).toHaveLength(1);
});

test("following=true limits to followed accounts; blocked accounts are hidden", async () => {
  await me.client.v1.accounts.$select(annie.id).follow();
  expect(await search("q=ann&following=true")).toEqual(["annie"]);
  // the followed account ranks first among equals
  const list = await me.client.v1.accounts.search.list({ q: "an" });
  expect(list[0]!.acct).toBe("annie");
  await anna.client.v1.accounts.$select(me.id).block();
  expect(await search("q=ann")).not.toContain("anna");
});

test("bad input", async () => {
  expect((await s.api("GET", "/api/v1/accounts/search?q=ann")).status).toBe(401);
  expect((await s.api("GET", "/api/v1/accounts/search?q=ann", { token: s.token(me.user.id, ["write"]) })).status).toBe(403);
  expect((await s.api("GET", "/api/v1/accounts/search?q=ann&limit=abc", { token: me.token })).status).toBe(422);
  expect((await s.api("GET", "/api/v1/accounts/search?q=ann&following=sure", { token: me.token })).status).toBe(422);
  expect(await search("")).toEqual([]);
});
