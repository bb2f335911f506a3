/**
 * Full-text status search (issue 13): Mastodon 4.5's searchable set (library + the public
 * index of `indexable` accounts), its operators, languages, ranking and bad input.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { insertMedia, insertStatus } from "../../../rig/fixtures";

const MARCH = Date.UTC(2024, 2, 10, 12);
const JUNE = Date.UTC(2024, 5, 10, 12);

let s: TestServer;
let me: TestUser, kate: TestUser, stranger: TestUser, other: TestUser;
const ids: Record<string, string> = {};

/** Contents of what `user` finds with `q` (raw API, so operators reach the server untouched). */
async function find(q: string, user: TestUser = me, extra = ""): Promise<string[]> {
  const res = await s.api("GET", `/api/v2/search?type=statuses&q=${encodeURIComponent(q)}${extra}`, { token: user.token });
  expect(res.status).toBe(200);
  return ((await res.json()).statuses as { content: string }[]).map((x) => x.content.replace(/<[^>]+>/g, ""));
}

beforeAll(async () => {
  s = await startTestServer({ frozen: MARCH });
  me = await s.createUser("me");
  kate = await s.createUser("kate");
  stranger = await s.createUser("stranger");
  other = await s.createUser("other");
  expect((await s.api("PATCH", "/api/v1/accounts/update_credentials", { token: stranger.token, json: { indexable: false } })).status).toBe(
    200,
  );
  const post = async (u: TestUser, status: string, o: Record<string, unknown> = {}) =>
    (await u.client.v1.statuses.create({ status, ...o })).id;
  // March
  ids.fox = await post(kate, "The quick brown fox jumps over the lazy dog");
  ids.dogs = await post(kate, "quick brown dogs sleep all day");
  ids.march = await post(kate, "springtime tulips in the park");
  // June
  s.clock.set(JUNE);
  ids.june = await post(kate, "summertime tulips on the balcony");
  ids.zebra = await post(stranger, "zebra crossing near the station");
  ids.walrus = await post(stranger, "walrus on the beach");
  ids.narwhal = await post(stranger, "narwhal in the fjord");
  ids.okapi = await post(stranger, "@me an okapi in the forest");
  ids.secret = await post(me, "my secret marmalade recipe", { visibility: "private" });
  ids.french = await post(kate, "Ich liebe Crème brûlée und café au lait", { language: "de" });
  ids.tokyo = await post(kate, "東京タワーに行きました", { language: "ja" });
  ids.korean = await post(kate, "안녕하세요 여러분", { language: "ko" });
  ids.poll = await post(kate, "which pasta shape", { poll: { options: ["farfalle", "penne"], expiresIn: 3600 } });
  ids.link = await post(kate, "pasta recipe at https://example.com/pasta");
  ids.reply = await post(kate, "pasta reply here", { inReplyToId: ids.poll });
  ids.cw = await post(kate, "pasta spoiled ending", { sensitive: true, spoilerText: "movie talk" });
  ids.unknownOp = await post(kate, "remember foo:bar settings");
  const img = insertStatus(s.ctx, Number(kate.id), { text: "pasta photo", media: true });
  ids.image = String(img.id);
  const vid = insertStatus(s.ctx, Number(kate.id), { text: "pasta video" });
  insertMedia(s.ctx, Number(kate.id), { status_id: vid.id, type: "video", description: "boiling lasagne sheets" });
  const aud = insertStatus(s.ctx, Number(kate.id), { text: "pasta song" });
  insertMedia(s.ctx, Number(kate.id), { status_id: aud.id, type: "audio" });
  ids.sameOld = await post(kate, "identical twin post");
  s.clock.advance(60_000);
  ids.sameNew = await post(kate, "identical twin post");
  ids.partial = await post(kate, "coffee then a long morning walk");
  s.clock.set(JUNE - 10 * 24 * 3600 * 1000 + 5000); // ids stay increasing; the phrase post is older
  ids.exact = await post(kate, "morning coffee on the porch");
  s.clock.set(JUNE + 120_000);
}, 30_000);
afterAll(() => s.stop());

test("an indexable account's post is found by a phrase and excluded by -word", async () => {
  expect(await find('"quick brown fox"')).toEqual(["The quick brown fox jumps over the lazy dog"]);
  expect(await find("quick brown -fox")).toEqual(["quick brown dogs sleep all day"]);
  expect(await find('quick -"lazy dog"')).toEqual(["quick brown dogs sleep all day"]);
  // words are matched whole, in any order, all of them
  expect((await find("brown quick")).sort()).toHaveLength(2);
  expect(await find("quick cat")).toEqual([]);
});

test("a non-indexable stranger's public post is found only after interacting with it", async () => {
  expect(await find("zebra")).toEqual([]);
  await me.client.v1.statuses.$select(ids.zebra!).favourite();
  expect(await find("zebra")).toEqual(["zebra crossing near the station"]);
  expect(await find("zebra", other)).toEqual([]);
  await me.client.v1.statuses.$select(ids.zebra!).unfavourite();
  expect(await find("zebra")).toEqual([]);
  expect(await find("walrus")).toEqual([]);
  await me.client.v1.statuses.$select(ids.walrus!).bookmark();
  expect(await find("walrus")).toEqual(["walrus on the beach"]);
  expect(await find("narwhal")).toEqual([]);
  await me.client.v1.statuses.$select(ids.narwhal!).reblog();
  expect(await find("narwhal")).toEqual(["narwhal in the fjord"]);
  // mentioned
  expect(await find("okapi")).toEqual(["@me an okapi in the forest"]);
  expect(await find("okapi", other)).toEqual([]);
  // the author always finds their own
  expect(await find("zebra", stranger)).toEqual(["zebra crossing near the station"]);
});

test("your own private post is found by you, not by others (not even followers)", async () => {
  expect(await find("marmalade")).toEqual(["my secret marmalade recipe"]);
  await kate.client.v1.accounts.$select(me.id).follow();
  expect(await find("marmalade", kate)).toEqual([]);
  expect(await find("marmalade", other)).toEqual([]);
  expect(await find("marmalade in:library")).toEqual(["my secret marmalade recipe"]);
  expect(await find("marmalade in:public")).toEqual([]);
});

describe("operators", () => {
  test("from:", async () => {
    expect(await find("tulips from:kate")).toHaveLength(2);
    expect(await find(`tulips from:@kate@${s.domain}`)).toHaveLength(2);
    expect(await find("tulips from:me")).toEqual([]);
    expect(await find("marmalade from:me")).toEqual(["my secret marmalade recipe"]);
    expect(await find("tulips -from:kate")).toEqual([]);
    expect(await find("tulips from:nobody")).toEqual([]);
  });

  test("has: and is:", async () => {
    expect(await find("pasta has:poll")).toEqual(["which pasta shape"]);
    expect(await find("pasta has:link")).toEqual(["pasta recipe at https://example.com/pasta"]);
    expect(await find("pasta has:image")).toEqual(["pasta photo"]);
    expect(await find("pasta has:video")).toEqual(["pasta video"]);
    expect(await find("pasta has:audio")).toEqual(["pasta song"]);
    expect((await find("pasta has:media")).sort()).toEqual(["pasta photo", "pasta song", "pasta video"]);
    expect(await find("pasta has:embed")).toEqual([]);
    expect(await find("pasta is:reply")).toEqual(["pasta reply here"]);
    expect(await find("pasta is:sensitive")).toEqual(["pasta spoiled ending"]);
    const notMedia = await find("pasta -has:media");
    expect(notMedia).toHaveLength(4);
    expect(notMedia).not.toContain("pasta photo");
    // operators alone, and a negated one alone
    expect(await find("has:poll")).toEqual(["which pasta shape"]);
    expect(await find("is:sensitive -pasta")).toEqual([]);
  });

  test("the content warning, poll options and media descriptions are searched, markup is not", async () => {
    expect(await find("movie talk")).toEqual(["pasta spoiled ending"]);
    expect(await find("farfalle")).toEqual(["which pasta shape"]);
    expect(await find("lasagne")).toEqual(["pasta video"]);
    expect(await find("href")).toEqual([]);
    expect(await find("nofollow")).toEqual([]);
  });

  test("language:", async () => {
    expect(await find("creme language:de")).toHaveLength(1);
    expect(await find("creme language:en")).toEqual([]);
    expect(await find("creme -language:de")).toEqual([]);
  });

  test("before:, after:, during:", async () => {
    expect(await find("tulips before:2024-04-01")).toEqual(["springtime tulips in the park"]);
    expect(await find("tulips after:2024-04-01")).toEqual(["summertime tulips on the balcony"]);
    expect(await find("tulips during:2024-03-10")).toEqual(["springtime tulips in the park"]);
    expect(await find("tulips during:2024-03-11")).toEqual([]);
    // after: is after the whole day, as Mastodon's range rounds it
    expect(await find("tulips after:2024-03-10")).toEqual(["summertime tulips on the balcony"]);
    expect(await find("after:2024-03-01 before:2024-03-11 brown")).toHaveLength(2);
  });

  test("prefix word*", async () => {
    expect((await find("tuli*")).sort()).toEqual(["springtime tulips in the park", "summertime tulips on the balcony"]);
    expect(await find("tuli")).toEqual([]);
  });

  test("offset, min_id, max_id, account_id", async () => {
    const all = await find("tulips");
    expect(all).toHaveLength(2);
    expect(await find("tulips", me, "&limit=1&offset=1")).toHaveLength(1);
    expect(await find("tulips", me, `&min_id=${ids.march}`)).toEqual(["summertime tulips on the balcony"]);
    expect(await find("tulips", me, `&max_id=${ids.june}`)).toEqual(["springtime tulips in the park"]);
    expect(await find("zebra", stranger, `&account_id=${kate.id}`)).toEqual([]);
    expect(await find("tulips", me, `&account_id=${kate.id}`)).toHaveLength(2);
  });
});

test("accented Latin, CJK and Korean text", async () => {
  expect(await find("creme brulee")).toEqual(["Ich liebe Crème brûlée und café au lait"]);
  expect(await find("CAFÉ")).toEqual(["Ich liebe Crème brûlée und café au lait"]);
  expect(await find("東京")).toEqual(["東京タワーに行きました"]);
  expect(await find("東京タワー")).toEqual(["東京タワーに行きました"]);
  expect(await find("タワーに")).toEqual(["東京タワーに行きました"]);
  expect(await find("大阪")).toEqual([]);
  expect(await find("안녕")).toEqual(["안녕하세요 여러분"]);
  expect(await find("東京 -タワー")).toEqual([]);
});

test("ranking: exact phrase before partial, recent first among equals", async () => {
  expect(await find("morning coffee")).toEqual(["morning coffee on the porch", "coffee then a long morning walk"]);
  const twins = await s.api("GET", "/api/v2/search?type=statuses&q=identical+twin", { token: me.token });
  expect(((await twins.json()).statuses as { id: string }[]).map((x) => x.id)).toEqual([ids.sameNew!, ids.sameOld!]);
});

test("edits and deletions keep the index in step", async () => {
  const id = (await kate.client.v1.statuses.create({ status: "ephemeral gooseberry" })).id;
  expect(await find("gooseberry")).toHaveLength(1);
  await kate.client.v1.statuses.$select(id).update({ status: "ephemeral elderberry" });
  expect(await find("gooseberry")).toEqual([]);
  expect(await find("elderberry")).toHaveLength(1);
  await kate.client.v1.statuses.$select(id).remove();
  expect(await find("elderberry")).toEqual([]);
});

test("bad input", async () => {
  // an unknown operator is a word
  expect(await find("foo:bar")).toEqual(["remember foo:bar settings"]);
  for (const q of ["tulips before:2024-13-01", "tulips during:yesterday", "after:2024-02-30"]) {
    const res = await s.api("GET", `/api/v2/search?type=statuses&q=${encodeURIComponent(q)}`, { token: me.token });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toContain("date");
  }
  const long = await s.api("GET", `/api/v2/search?q=${"a".repeat(501)}`, { token: me.token });
  expect(long.status).toBe(422);
  // FTS5 syntax in the query is text, never an error
  for (const q of ['"', "NOT", "a OR", "(x", "*", "-", "body:x", "NEAR(a b)", "^x", "'"]) expect(await find(q)).toBeArray();
  // a lone handle or hashtag does not search statuses
  expect(await find("@kate")).toEqual([]);
});
