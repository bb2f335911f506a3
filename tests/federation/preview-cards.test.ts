/**
 * Two Hearth instances: a link posted on A shows a card on B, each server fetching the page
 * itself (as Mastodon: cards are not federated), from a small web server on 127.0.0.1.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { handleOf, resolveAccount, settle, statusIdByUri, uriOf } from "./helpers";

let A: TestServer, B: TestServer;
let alice: TestUser, bob: TestUser;
let web: ReturnType<typeof Bun.serve>;
const fetchedBy: string[] = [];

beforeAll(async () => {
  web = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch(req) {
      fetchedBy.push(req.headers.get("user-agent") ?? "");
      return new Response(
        `<html><head><meta property="og:title" content="Shared page"><meta property="og:description" content="About it"></head></html>`,
        { headers: { "Content-Type": "text/html" } },
      );
    },
  });
  [A, B] = await Promise.all([startTestServer(), startTestServer()]);
  alice = await A.createUser("alice");
  bob = await B.createUser("bob");
}, 30_000);
afterAll(async () => {
  await A?.stop();
  await B?.stop();
  web.stop(true);
});

test("a link posted on one instance shows a card on the other; each fetches its own", async () => {
  const aliceOnB = await resolveAccount(B, bob, handleOf(A, alice));
  await bob.client.v1.accounts.$select(aliceOnB.id).follow();
  await settle([A, B]);
  const link = `http://127.0.0.1:${web.port}/article`;
  const st = await alice.client.v1.statuses.create({ status: `look ${link}` });
  await settle([A, B]);
  const onB = statusIdByUri(B, uriOf(A, st.id))!;
  expect(onB).toBeTruthy();
  const cardB = (await bob.client.v1.statuses.$select(onB).fetch()).card;
  const cardA = (await alice.client.v1.statuses.$select(st.id).fetch()).card;
  expect(cardA?.title).toBe("Shared page");
  expect(cardB?.title).toBe("Shared page");
  expect(cardB?.url).toBe(link);
  // One fetch by each server, each naming itself.
  expect(fetchedBy.length).toBe(2);
  expect(fetchedBy.some((ua) => ua.includes(A.url))).toBe(true);
  expect(fetchedBy.some((ua) => ua.includes(B.url))).toBe(true);
  const home = await bob.client.v1.timelines.home.list();
  expect(home.find((x) => x.id === onB)?.card?.description).toBe("About it");
}, 30_000);
