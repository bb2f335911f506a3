/** Account search (issue 13): discoverable honoured, accents folded, display-name words by prefix. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let me: TestUser, hidden: TestUser, fan: TestUser, jose: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  me = await s.createUser("me");
  hidden = await s.createUser("hidalgo");
  fan = await s.createUser("hidefan");
  jose = await s.createUser("jose");
  await hidden.client.v1.accounts.updateCredentials({ discoverable: false, displayName: "Hidden Hidalgo" });
  await fan.client.v1.accounts.updateCredentials({ discoverable: false, displayName: "Hidden Fan" });
  await jose.client.v1.accounts.updateCredentials({ displayName: "José Müller-Lüdenscheidt" });
}, 30_000);
afterAll(() => s.stop());

const search = async (q: string, user = me) => (await user.client.v1.accounts.search.list({ q })).map((a) => a.acct);

test("an account that is not discoverable is found only by its exact handle, or by people it follows or who follow it", async () => {
  expect(await search("hid")).toEqual([]);
  expect(await search("Hidden")).toEqual([]);
  expect(await search(`@hidalgo@${s.domain}`)).toEqual(["hidalgo"]);
  expect(await search("hidalgo")).toEqual(["hidalgo"]);
  // followers and followed accounts are always found
  await me.client.v1.accounts.$select(hidden.id).follow();
  expect(await search("hid")).toEqual(["hidalgo"]);
  await fan.client.v1.accounts.$select(me.id).follow();
  expect((await search("hidden")).sort()).toEqual(["hidalgo", "hidefan"]);
  // and v2 search answers the same
  const v2 = await me.client.v2.search.list({ q: "hidden", type: "accounts" });
  expect(v2.accounts.map((a) => a.acct).sort()).toEqual(["hidalgo", "hidefan"]);
  expect((await hidden.client.v2.search.list({ q: "hidefan", type: "accounts" })).accounts.map((a) => a.acct)).toEqual(["hidefan"]);
});

test("display names match word prefixes with case and accents folded", async () => {
  expect(await search("muller")).toEqual(["jose"]);
  expect(await search("JOSÉ lüd")).toEqual(["jose"]);
  expect(await search("Jose")).toEqual(["jose"]);
  expect(await search("ludenscheidt")).toEqual(["jose"]);
  expect(await search("müller-x")).toEqual([]);
});
