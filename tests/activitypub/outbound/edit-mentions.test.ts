/** An edit that drops a remote mention still sends the Update to the dropped account's server. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { TestServer, TestUser } from "../../rig";
import type { AccountRow } from "../../../src/db/rows";
import { settle, Sink, startScene, stopScene, type Scene } from "./sink";

let sc: Scene, s: TestServer, b: Sink, alice: TestUser, dave: AccountRow;
beforeAll(async () => {
  sc = await startScene();
  ({ s, b, alice, dave } = sc);
}, 30_000);
afterAll(() => stopScene(sc));

test("Update reaches the formerly mentioned account", async () => {
  const st = await alice.client.v1.statuses.create({ status: `hi @dave@${b.host}`, visibility: "direct" });
  const [create] = (await settle(s, b, 1)).map((d) => d.body);
  expect(create.type).toBe("Create");
  await alice.client.v1.statuses.$select(st.id).update({ status: "hi nobody" });
  const [update] = (await settle(s, b, 1)).map((d) => d.body);
  expect(update.type).toBe("Update");
  expect(update.object.content).toContain("hi nobody");
  expect(dave.domain).toBe(b.host);
});
