/**
 * Status and account search query plans (issue 13): from: with words (both the author-first
 * walk and, for a prolific author, the text index first), negation-only queries, has:embed
 * from preview cards, the viewer bound as a parameter, and handle prefixes by index.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { captureSql, startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertStatus } from "../../../rig/fixtures";

let s: TestServer;
let me: TestUser, kate: TestUser, other: TestUser, stranger: TestUser;
const ids: Record<string, string> = {};

async function find(q: string, user: TestUser | null = me, extra = ""): Promise<string[]> {
  const res = await s.api("GET", `/api/v2/search?type=statuses&q=${encodeURIComponent(q)}${extra}`, { token: user?.token });
  expect(res.status).toBe(200);
  return ((await res.json()).statuses as { content: string }[]).map((x) => x.content.replace(/<[^>]+>/g, ""));
}

/** Attaches a preview card of `type` to status `statusId`. */
function card(statusId: string, type: string) {
  const now = s.ctx.now();
  const id = s.ctx.ids.next();
  s.ctx.db
    .query("INSERT INTO preview_cards (id, url, type, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
    .run(id, `https://cards.example/${statusId}`, type, now, now);
  s.ctx.db
    .query("INSERT INTO preview_cards_statuses (status_id, preview_card_id, url) VALUES (?, ?, ?)")
    .run(Number(statusId), id, `https://cards.example/${statusId}`);
}

beforeAll(async () => {
  s = await startTestServer({ frozen: Date.UTC(2024, 5, 10, 12) });
  me = await s.createUser("me");
  kate = await s.createUser("kate");
  other = await s.createUser("other");
  stranger = await s.createUser("stranger");
  await s.createUser("ann_b");
  await s.createUser("annxb");
  expect((await s.api("PATCH", "/api/v1/accounts/update_credentials", { token: stranger.token, json: { indexable: false } })).status).toBe(
    200,
  );
  const post = async (u: TestUser, status: string, o: Record<string, unknown> = {}) => {
    s.clock.advance(1000);
    return (await u.client.v1.statuses.create({ status, ...o })).id;
  };
  ids.kateTulips = await post(kate, "tulips by kate");
  ids.otherTulips = await post(other, "tulips by other");
  ids.kateRoses = await post(kate, "roses by kate");
  ids.strangerRoses = await post(stranger, "roses by a stranger");
  ids.strangerKites = await post(stranger, "kites by a stranger");
  ids.mySecret = await post(me, "my secret kites", { visibility: "private" });
  ids.video = await post(kate, "pasta clip https://video.example/1");
  ids.link = await post(kate, "pasta article https://news.example/1");
  ids.rich = await post(kate, "pasta widget https://rich.example/1");
  card(ids.video, "video");
  card(ids.link, "link");
  card(ids.rich, "rich");
  // kate favourites the non-indexable stranger's kites: in her library, not in other's.
  await kate.client.v1.statuses.$select(ids.strangerKites).favourite();
  // A prolific author: from: with a word starts from the text index for them.
  const busy = Number(other.account.id);
  s.ctx.db.transaction(() => {
    for (let i = 0; i < 3000; i++) insertStatus(s.ctx, busy, { text: `filler number ${i}` });
  })();
  s.clock.advance(1000);
  ids.otherDaisies = await post(other, "daisies by other");
}, 60_000);
afterAll(() => s.stop());

test("from: with a word, for a few statuses and for a prolific author", async () => {
  expect(await find("tulips from:kate")).toEqual(["tulips by kate"]);
  expect(await find("tulips -from:kate")).toEqual(["tulips by other"]);
  expect(await find("from:kate roses")).toEqual(["roses by kate"]);
  expect(await find("daisies from:other")).toEqual(["daisies by other"]);
  expect(await find("tulips from:other")).toEqual(["tulips by other"]);
  expect(await find("filler from:other", me, "&limit=3")).toEqual(["filler number 2999", "filler number 2998", "filler number 2997"]);
  expect(await find("tulips from:nobody")).toEqual([]);
});

test("negation only: the searchable posts without the word, newest first, paged", async () => {
  const all = await find("-filler -pasta -daisies", me, "&limit=40");
  // the non-indexable stranger's public posts are not in the public index, my private one is in my library
  expect(all).toEqual(["my secret kites", "roses by kate", "tulips by other", "tulips by kate"]);
  const page = await find("-filler -pasta -daisies", me, "&limit=2&offset=1");
  expect(page).toEqual(all.slice(1, 3));
  expect(await find("-tulips", me, "&limit=1")).toEqual(["daisies by other"]);
});

test("has:embed means a preview card of type video", async () => {
  expect(await find("pasta has:embed")).toEqual(["pasta clip https://video.example/1"]);
  expect(await find("has:embed")).toEqual(["pasta clip https://video.example/1"]);
  expect((await find("pasta -has:embed")).sort()).toEqual(["pasta article https://news.example/1", "pasta widget https://rich.example/1"]);
});

test("the viewer is a bound parameter: two viewers see their own libraries", async () => {
  const seen = await captureSql(s.ctx.db, async () => {
    expect(await find("kites", kate)).toEqual(["kites by a stranger"]);
    expect(await find("kites", me)).toEqual(["my secret kites"]);
    expect(await find("kites in:library", kate)).toEqual(["kites by a stranger"]);
    expect(await find("kites in:library", me)).toEqual(["my secret kites"]);
    expect(await find("kites", other)).toEqual([]);
    expect(await find("kites", null)).toEqual([]);
  });
  const searches = seen.filter((q) => q.includes("statuses_fts") || q.includes("search_viewer"));
  expect(searches.length).toBeGreaterThan(0);
  for (const u of [me, kate, other]) for (const q of searches) expect(q).not.toContain(String(u.account.id));
});

test("account search by handle prefix: case-insensitive, _ is a literal", async () => {
  const accts = async (q: string) =>
    ((await (await s.api("GET", `/api/v1/accounts/search?q=${encodeURIComponent(q)}`, { token: me.token })).json()) as { acct: string }[])
      .map((a) => a.acct)
      .sort();
  expect(await accts("ann_")).toEqual(["ann_b"]);
  expect(await accts("ANN")).toEqual(["ann_b", "annxb"]);
  expect(await accts("annx")).toEqual(["annxb"]);
  expect(await accts("ka")).toEqual(["kate"]);
});
