import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { addBlock, addFollow } from "./helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;
let pub: string, priv: string, dm: string;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol] = (await Promise.all(["alice", "bob", "carol"].map((n) => s.createUser(n)))) as any;
  addFollow(s, bob.account.id, alice.account.id);
  pub = (await alice.client.v1.statuses.create({ status: "public" })).id;
  priv = (await alice.client.v1.statuses.create({ status: "followers only", visibility: "private" })).id;
  dm = (await alice.client.v1.statuses.create({ status: "@carol psst", visibility: "direct" })).id;
});
afterAll(() => s.stop());

const get = (id: string, token?: string) => s.api("GET", `/api/v1/statuses/${id}`, { token });

describe("GET /api/v1/statuses/:id", () => {
  test("public status is visible logged out, without viewer flags", async () => {
    const r = await get(pub);
    expect(r.status).toBe(200);
    const j = await r.json();
    expect(j.id).toBe(pub);
    expect(j.favourited).toBeUndefined();
  });
  test("private: followers and author only", async () => {
    expect((await get(priv, bob.token)).status).toBe(200);
    expect((await get(priv, alice.token)).status).toBe(200);
    const r = await get(priv, carol.token);
    expect(r.status).toBe(404);
    expect((await r.json()).error).toBe("Record not found");
    expect((await get(priv)).status).toBe(404);
  });
  test("direct: mentioned accounts only", async () => {
    expect((await get(dm, carol.token)).status).toBe(200);
    expect((await get(dm, bob.token)).status).toBe(404);
  });
  test("blocked viewers get 404", async () => {
    const dave = await s.createUser("dave");
    addBlock(s, alice.account.id, dave.account.id);
    expect((await get(pub, dave.token)).status).toBe(404);
  });
  test("unknown and malformed ids are 404", async () => {
    expect((await get("123")).status).toBe(404);
    expect((await get("abc")).status).toBe(404);
  });
  test("a token without read scope is 403", async () => {
    expect((await get(pub, s.token(alice.user.id, ["write"]))).status).toBe(403);
  });
});

describe("GET /api/v1/statuses?id[]=", () => {
  test("returns the visible ones in order", async () => {
    const list = await carol.client.v1.statuses.fetch({ id: [dm, priv, pub, "999"] });
    expect(list.map((x) => x.id)).toEqual([dm, pub]);
    const r = await s.api("GET", `/api/v1/statuses?id[]=${pub}&id[]=${priv}`);
    expect((await r.json()).map((x: any) => x.id)).toEqual([pub]);
  });
});
