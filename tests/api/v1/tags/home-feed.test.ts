/**
 * Followed hashtags feed the home timeline: public posts (local, and remote ones arriving in
 * the inbox) with a followed tag from accounts one does not follow, once, honouring blocks,
 * mutes, silences and visibility; and the user stream gets them live. (The delivery is the
 * feeds.tag_fan_out job: see fan-out-job.test.ts.)
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { FakeRemote, type FakeActor } from "../../../activitypub/inbox/fake-remote";
import { makeUsers, WsProbe, payloadOf } from "../../../streaming/probe";

let s: TestServer;
let alice: TestUser, bob: TestUser, carol: TestUser, dan: TestUser;
let remote: FakeRemote;
let rob: FakeActor;

beforeAll(async () => {
  s = await startTestServer();
  [alice, bob, carol, dan] = await makeUsers(s, ["alice", "bob", "carol", "dan"] as const);
  await alice.client.v1.tags.$select("Rust").follow();
  await alice.client.v1.tags.$select("ferris").follow();
  remote = new FakeRemote();
  rob = await remote.addActor("rob");
}, 30_000);
afterAll(async () => {
  remote.stop();
  await s.stop();
});

async function post(u: TestUser, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.api("POST", "/api/v1/statuses", { token: u.token, json: { status, ...extra } });
  expect(r.status).toBe(200);
  const id = ((await r.json()) as { id: string }).id;
  await s.drain(); // the feeds.tag_fan_out job delivers to tag followers
  return id;
}

async function home(u: TestUser): Promise<string[]> {
  return (await u.client.v1.timelines.home.list({ limit: 40 })).map((x) => x.id);
}

const inFeed = (u: TestUser, statusId: string) => s.count("home_feeds", "account_id = ? AND status_id = ?", u.id, statusId);

test("a public post with a followed tag from someone not followed reaches home once, even with two followed tags", async () => {
  const id = await post(bob, "Learning #rust with #Ferris today");
  expect(await home(alice)).toContain(id);
  expect(inFeed(alice, id)).toBe(1);
  // Carol follows neither the tag nor bob.
  expect(await home(carol)).not.toContain(id);
  // The tag timeline shows it too, and the Tag says alice follows it.
  expect((await alice.client.v1.tags.$select("rust").fetch()).following).toBe(true);
});

test("already followed author: still once; replies to others count (Mastodon does not skip them for tags)", async () => {
  await alice.client.v1.accounts.$select(dan.id).follow();
  const id = await post(dan, "#rust from a friend");
  expect((await home(alice)).filter((x) => x === id)).toHaveLength(1);
  const reply = await post(bob, "@carol have you tried #rust", { in_reply_to_id: await post(carol, "any tips?") });
  expect(await home(alice)).toContain(reply);
});

test("unlisted, private and direct posts, boosts and posts without a followed tag stay out", async () => {
  const unlisted = await post(bob, "#rust unlisted", { visibility: "unlisted" });
  const priv = await post(bob, "#rust private", { visibility: "private" });
  const direct = await post(bob, "@carol #rust direct", { visibility: "direct" });
  const other = await post(bob, "#golang instead");
  const original = await post(carol, "plain post");
  const tagged = await post(carol, "#rust by carol");
  const boostRes = await s.api("POST", `/api/v1/statuses/${tagged}/reblog`, { token: bob.token });
  const boost = ((await boostRes.json()) as { id: string }).id;
  const feed = await home(alice);
  for (const id of [unlisted, priv, direct, other, original, boost]) expect(feed).not.toContain(id);
  expect(feed).toContain(tagged);
  expect(s.count("home_feeds", "account_id = ? AND status_id IN (?, ?, ?, ?, ?)", alice.id, unlisted, priv, direct, other, boost)).toBe(0);
});

test("blocked, muted, blocking and silenced authors, and posts mentioning a muted account, stay out", async () => {
  const erin = await s.createUser("erin");
  const fay = await s.createUser("fay");
  const gus = await s.createUser("gus");
  const hal = await s.createUser("hal");
  await alice.client.v1.accounts.$select(erin.id).block();
  await alice.client.v1.accounts.$select(fay.id).mute();
  await gus.client.v1.accounts.$select(alice.id).block();
  s.ctx.db.query("UPDATE accounts SET silenced_at = ? WHERE id = ?").run(Date.now(), hal.id);
  const ids = [
    await post(erin, "#rust from a blocked account"),
    await post(fay, "#rust from a muted account"),
    await post(gus, "#rust from someone who blocks alice"),
    await post(hal, "#rust from a silenced account"),
    await post(bob, "#rust with @fay mentioned"),
  ];
  for (const id of ids) expect(inFeed(alice, id)).toBe(0);
  const feed = await home(alice);
  for (const id of ids) expect(feed).not.toContain(id);
  // Unmuting does not bring old posts back (they were never delivered), but new ones arrive.
  await alice.client.v1.accounts.$select(fay.id).unmute();
  const later = await post(fay, "#rust after the unmute");
  expect(await home(alice)).toContain(later);
});

test("after unfollowing the tag new posts stay out; own posts are not duplicated", async () => {
  const own = await post(alice, "my own #rust post");
  expect(inFeed(alice, own)).toBe(1);
  await alice.client.v1.tags.$select("ferris").unfollow();
  const id = await post(bob, "only #ferris now");
  expect(await home(alice)).not.toContain(id);
  await alice.client.v1.tags.$select("ferris").follow();
});

test("a remote public post with a followed tag, received in the inbox, reaches home", async () => {
  // The inbox keeps posts that concern someone here: carol follows rob.
  const res = await s.api("GET", `/api/v2/search?q=${encodeURIComponent(`@rob@${remote.host}`)}&resolve=true&type=accounts`, {
    token: carol.token,
  });
  const robId = ((await res.json()) as { accounts: { id: string }[] }).accounts[0]!.id;
  s.ctx.db
    .query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)")
    .run(s.ctx.ids.next(), carol.id, robId, Date.now());
  const note = remote.note(rob, "Remote #rust news", {
    tag: [{ type: "Hashtag", href: `${remote.base}/tags/rust`, name: "#rust" }],
  });
  const sent = await remote.send(
    `${s.url}/inbox`,
    {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: remote.id(),
      type: "Create",
      actor: rob.uri,
      object: note,
      to: note.to,
      cc: note.cc,
    },
    rob,
  );
  expect(sent.status).toBe(202);
  await s.drain();
  const row = s.ctx.db.query<{ id: number }, [string]>("SELECT id FROM statuses WHERE uri = ?").get(note.id);
  expect(row).not.toBeNull();
  expect(await home(alice)).toContain(String(row!.id));
  expect(inFeed(carol, String(row!.id))).toBe(1);
  expect(inFeed(bob, String(row!.id))).toBe(0);
});

test("the user stream gets the post live", async () => {
  const ws = await WsProbe.open(`${s.url.replace(/^http/, "ws")}/api/v1/streaming?stream=user`, [alice.token]);
  try {
    ws.send({ type: "subscribe", stream: "nope" });
    await ws.next((m) => m.error === "Unknown stream type");
    const id = await post(bob, "#rust streaming");
    const m = await ws.next((x) => x.event === "update" && payloadOf(x).id === id, 3000);
    expect(m.stream).toEqual(["user"]);
  } finally {
    ws.close();
  }
});
