/** Pinning and unpinning federate Add/Remove on the featured collection to remote followers only. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { TestServer, TestUser } from "../../rig";
import { settle, Sink, startScene, stopScene, type Scene } from "./sink";

let sc: Scene, s: TestServer, a: Sink, alice: TestUser, carol: TestUser;
beforeAll(async () => {
  sc = await startScene();
  ({ s, a, alice, carol } = sc);
}, 30_000);
afterAll(() => stopScene(sc));

test("pin → Add, unpin → Remove, with the featured collection as target", async () => {
  const st = await alice.client.v1.statuses.create({ status: "pin me" });
  await settle(s, a, 1);
  a.take();
  const uri = (s.ctx.db.query("SELECT uri FROM statuses WHERE id = ?").get(Number(st.id)) as { uri: string }).uri;
  await alice.client.v1.statuses.$select(st.id).pin();
  const [add] = (await settle(s, a, 1)).map((d) => d.body);
  expect(add).toMatchObject({ type: "Add", actor: alice.account.uri, object: uri, target: `${alice.account.uri}/collections/featured` });
  await alice.client.v1.statuses.$select(st.id).unpin();
  const [remove] = (await settle(s, a, 1)).map((d) => d.body);
  expect(remove).toMatchObject({
    type: "Remove",
    actor: alice.account.uri,
    object: uri,
    target: `${alice.account.uri}/collections/featured`,
  });
  expect(remove.id).not.toBe(add.id);
});

test("an account without remote followers pins without creating delivery jobs", async () => {
  const st = await carol.client.v1.statuses.create({ status: "local only" });
  await s.drain();
  await carol.client.v1.statuses.$select(st.id).pin();
  await carol.client.v1.statuses.$select(st.id).unpin();
  expect(s.count("jobs", "kind IN ('ap.fanout', 'ap.deliver')")).toBe(0);
});
