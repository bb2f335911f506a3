/** Editing a status with a poll through the API: votes reset when options change, omission removes it, edits stream. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer, alice: TestUser, bob: TestUser;
beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  bob = await s.createUser("bob");
}, 30000);
afterAll(() => s.stop());

const put = (id: string, json: unknown) => s.api("PUT", `/api/v1/statuses/${id}`, { token: alice.token, json });

test("changing options resets votes; same options keep them; omitting the poll removes it", async () => {
  const st = await alice.client.v1.statuses.create({ status: "pick", poll: { options: ["a", "b"], expiresIn: 3600 } });
  await bob.client.v1.polls.$select(st.poll!.id).votes.create({ choices: [1] });

  let res = await put(st.id, { status: "pick!", poll: { options: ["a", "b"], expires_in: 3600 } });
  expect(res.status).toBe(200);
  let body = await res.json();
  expect(body.poll.votes_count).toBe(1);
  expect(body.edited_at).toBeString();

  res = await put(st.id, { status: "pick again", poll: { options: ["a", "c"], expires_in: 3600 } });
  body = await res.json();
  expect(body.poll.options.map((o: any) => o.title)).toEqual(["a", "c"]);
  expect(body.poll.votes_count).toBe(0);
  expect(s.count("poll_votes")).toBe(0);

  res = await put(st.id, { status: "no poll" });
  body = await res.json();
  expect(body.poll).toBeNull();
  expect(s.count("polls")).toBe(0);
});

test("an invalid poll in an edit is a 422 and changes nothing", async () => {
  const st = await alice.client.v1.statuses.create({ status: "original" });
  const res = await put(st.id, { status: "changed", poll: { options: ["only one"], expires_in: 3600 } });
  expect(res.status).toBe(422);
  const again = await alice.client.v1.statuses.$select(st.id).fetch();
  expect(again.content).toContain("original");
  expect(again.editedAt).toBeNull();
  expect(s.count("status_edits", "status_id = ?", Number(st.id))).toBe(0);
});

test("an edit enqueues a status.update stream event", async () => {
  const st = await alice.client.v1.statuses.create({ status: "v1" });
  await s.drain();
  await s.server.runner.stop();
  await put(st.id, { status: "v2" });
  expect(s.count("jobs", "kind = 'stream.status_update'")).toBe(1);
  s.server.runner.start();
});
