import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { addBlock } from "./helpers";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol] = (await Promise.all(["alice", "bob", "carol"].map((n) => s.createUser(n)))) as any;
});
afterAll(() => s.stop());

describe("GET /api/v1/statuses/:id/context", () => {
  test("ancestors oldest first, descendants depth-first, hidden ones left out", async () => {
    const root = await alice.client.v1.statuses.create({ status: "root" });
    const a = await bob.client.v1.statuses.create({ status: "a", inReplyToId: root.id });
    const b = await carol.client.v1.statuses.create({ status: "b", inReplyToId: root.id });
    const a1 = await alice.client.v1.statuses.create({ status: "a1", inReplyToId: a.id });
    const a1x = await bob.client.v1.statuses.create({ status: "a1x", inReplyToId: a1.id });
    const secret = await carol.client.v1.statuses.create({ status: "@alice secret", inReplyToId: a.id, visibility: "direct" });

    const ctx = await bob.client.v1.statuses.$select(a1.id).context.fetch();
    expect(ctx.ancestors.map((x) => x.id)).toEqual([root.id, a.id]);
    expect(ctx.descendants.map((x) => x.id)).toEqual([a1x.id]);

    const all = await alice.client.v1.statuses.$select(root.id).context.fetch();
    expect(all.ancestors).toEqual([]);
    expect(all.descendants.map((x) => x.id)).toEqual([a.id, a1.id, a1x.id, secret.id, b.id]);

    const asBob = await bob.client.v1.statuses.$select(root.id).context.fetch();
    expect(asBob.descendants.map((x) => x.id)).toEqual([a.id, a1.id, a1x.id, b.id]);

    const out = await (await s.api("GET", `/api/v1/statuses/${root.id}/context`)).json();
    expect(out.descendants.map((x: any) => x.id)).toEqual([a.id, a1.id, a1x.id, b.id]);

    addBlock(s, alice.account.id, carol.account.id);
    const blocked = await alice.client.v1.statuses.$select(root.id).context.fetch();
    expect(blocked.descendants.map((x) => x.id)).toEqual([a.id, a1.id, a1x.id]);

    const root2 = await (await s.api("GET", `/api/v1/statuses/${root.id}`)).json();
    expect(root2.replies_count).toBe(2);
  });
  test("unknown status is 404", async () => {
    expect((await s.api("GET", "/api/v1/statuses/42/context")).status).toBe(404);
  });
});
