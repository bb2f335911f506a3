/** Featuring and unfeaturing a hashtag federate Add/Remove of a Hashtag on the actor's featuredTags collection. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { TestServer, TestUser } from "../../../rig";
import { deliveryJobs, settle, Sink, startScene, stopScene, type Scene } from "../../../activitypub/outbound/sink";

let sc: Scene, s: TestServer, a: Sink, alice: TestUser, carol: TestUser;
beforeAll(async () => {
  sc = await startScene();
  ({ s, a, alice, carol } = sc);
}, 30_000);
afterAll(() => stopScene(sc));

test("feature → Add, unfeature → Remove, to remote followers, with the featuredTags collection as target", async () => {
  a.take();
  const target = `${alice.account.uri}/collections/tags`;
  const hashtag = { type: "Hashtag", href: `${s.url}/tags/gardening`, name: "#Gardening" };
  const f = await alice.client.v1.featuredTags.create({ name: "Gardening" });
  const [add] = (await settle(s, a, 1)).map((d) => d.body);
  expect(add).toMatchObject({ type: "Add", actor: alice.account.uri, object: hashtag, target });
  await alice.client.v1.featuredTags.$select(f.id).remove();
  const [remove] = (await settle(s, a, 1)).map((d) => d.body);
  expect(remove).toMatchObject({ type: "Remove", actor: alice.account.uri, object: hashtag, target });
  expect(remove.id).not.toBe(add.id);
  // Through the 4.4 tag endpoints too; a no-op unfeature sends nothing.
  await alice.client.v1.tags.$select("Gardening").feature();
  expect((await settle(s, a, 1)).map((d) => d.body.type)).toEqual(["Add"]);
  await alice.client.v1.tags.$select("gardening").unfeature();
  expect((await settle(s, a, 1)).map((d) => d.body.type)).toEqual(["Remove"]);
  await alice.client.v1.tags.$select("gardening").unfeature();
  await s.drain();
  expect(deliveryJobs(s)).toBe(0);
  expect(a.take()).toEqual([]);
});

test("no remote followers: no delivery jobs; following tags never federates", async () => {
  await carol.client.v1.featuredTags.create({ name: "quiet" });
  await carol.client.v1.tags.$select("quiet").unfeature();
  await alice.client.v1.tags.$select("quiet").follow();
  expect(deliveryJobs(s)).toBe(0);
});
