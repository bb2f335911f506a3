/**
 * Deleting statuses that carry media, many at once: each answers 200 (the status cache's change
 * triggers once failed such deletes with a UNIQUE error when media_attachments' ON DELETE SET NULL
 * fired them twice for one status) and every attachment is detached, none deleted.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { addMedia } from "./helpers";

let s: TestServer;
let alice: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
});
afterAll(() => s.stop());

test("20 statuses with 1-4 media each, deleted concurrently: all 200, media detached", async () => {
  const posted: { id: string; media: string[] }[] = [];
  for (let i = 0; i < 20; i++) {
    const media = Array.from({ length: 1 + (i % 4) }, () => addMedia(s, alice.account.id));
    const st = await alice.client.v1.statuses.create({ status: `with media ${i}`, mediaIds: media });
    posted.push({ id: st.id, media });
  }
  // Reading a timeline sets up the status cache (and its change triggers) on the connection.
  expect((await alice.client.v1.timelines.home.list({ limit: 40 })).length).toBe(20);
  const answers = await Promise.all(posted.map((p) => s.api("DELETE", `/api/v1/statuses/${p.id}`, { token: alice.token })));
  expect(answers.map((r) => r.status)).toEqual(posted.map(() => 200));
  const all = posted.flatMap((p) => p.media.map(Number));
  expect(s.count("statuses", "account_id = ?", alice.account.id)).toBe(0);
  expect(s.count("media_attachments", `status_id IS NULL AND id IN (${all.join(",")})`)).toBe(all.length);
});

test("a status that was edited and read before being deleted (its id already recorded) deletes cleanly", async () => {
  const media = [addMedia(s, alice.account.id), addMedia(s, alice.account.id)];
  const st = await alice.client.v1.statuses.create({ status: "first", mediaIds: media });
  await alice.client.v1.timelines.home.list();
  await alice.client.v1.statuses.$select(st.id).update({ status: "second", mediaIds: media });
  const r = await s.api("DELETE", `/api/v1/statuses/${st.id}`, { token: alice.token });
  expect(r.status).toBe(200);
  expect((await s.api("GET", `/api/v1/statuses/${st.id}`, { token: alice.token })).status).toBe(404);
});
