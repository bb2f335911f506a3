/**
 * Status.filtered: the viewer's matching filters as FilterResults on timelines, single statuses,
 * threads, notifications and the user stream (keywords, whole words, expiry, boosts, status
 * filters), and filters_changed on the user stream.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { gradient } from "../../../media/fixtures";
import { upload } from "../../v1/media/helpers";
import { payloadOf, WsProbe } from "../../../streaming/probe";
import { hubFor } from "../../../../src/streaming/hub";
import { upsertRemoteActor } from "../../../../src/services/federation/resolve-account";
import { upsertRemoteStatus } from "../../../../src/services/federation/resolve-status";
import { statusListJson } from "../../../../src/db/views/status-json";
import { statusList } from "../../../../src/db/views/statuses";

let s: TestServer;
let ann: TestUser, ben: TestUser, cat: TestUser;
let offset = 0;

beforeAll(async () => {
  s = await startTestServer({ now: () => Date.now() + offset });
  [ann, ben, cat] = await Promise.all([s.createUser("ann"), s.createUser("ben"), s.createUser("cat")]);
  await ann.client.v1.accounts.$select(ben.id).follow();
  await s.drain();
}, 20_000);
afterAll(() => s.stop());

async function post(u: TestUser, json: Record<string, unknown>): Promise<any> {
  const r = await s.api("POST", "/api/v1/statuses", { token: u.token, json });
  expect(r.status).toBe(200);
  await s.drain();
  return r.json();
}
async function get(path: string, token?: string): Promise<any> {
  const r = await s.api("GET", path, { token });
  expect(r.status).toBe(200);
  return r.json();
}
const home = async (id: string) => ((await get("/api/v1/timelines/home?limit=40", ann.token)) as any[]).find((x) => x.id === id);
const pub = async (id: string) => ((await get("/api/v1/timelines/public?limit=40", ann.token)) as any[]).find((x) => x.id === id);
const one = (id: string, token = ann.token) => get(`/api/v1/statuses/${id}`, token);
async function filter(json: Record<string, unknown>): Promise<any> {
  const r = await s.api("POST", "/api/v2/filters", {
    token: ann.token,
    json: { context: ["home", "public", "thread", "notifications"], ...json },
  });
  expect(r.status).toBe(200);
  return r.json();
}
const titles = (st: any) => (st.filtered as any[]).map((r) => r.filter.title);

test("a keyword match appears on home, public and the single status, for the filter's owner only", async () => {
  const f = await filter({ title: "Telly", filter_action: "hide", keywords_attributes: [{ keyword: "finale", whole_word: false }] });
  const st = await post(ben, { status: "That FINALE though" });
  const expected = [
    {
      filter: { id: f.id, title: "Telly", context: ["home", "public", "thread", "notifications"], expires_at: null, filter_action: "hide" },
      keyword_matches: ["FINALE"],
      status_matches: null,
    },
  ];
  expect((await home(st.id)).filtered).toEqual(expected);
  expect((await pub(st.id)).filtered).toEqual(expected);
  expect((await one(st.id)).filtered).toEqual(expected);
  expect((await one(st.id, ben.token)).filtered).toEqual([]);
  expect("filtered" in (await get(`/api/v1/statuses/${st.id}`))).toBe(false);
  const other = await post(ben, { status: "nothing to see" });
  expect((await home(other.id)).filtered).toEqual([]);
});

test("whole words respect word boundaries (also for non-ASCII letters); partial keywords match inside words", async () => {
  await filter({
    title: "Cats",
    keywords_attributes: [
      { keyword: "cat", whole_word: true },
      { keyword: "Äpfel", whole_word: true },
    ],
  });
  await filter({ title: "Dogs", keywords_attributes: [{ keyword: "dog", whole_word: false }] });
  const cases: [string, string[]][] = [
    ["I love my Cat!", ["Cats"]],
    ["concatenate the hotdogs", ["Dogs"]],
    ["catégorie", []],
    ["(cat)", ["Cats"]],
    ["grüne äpfel", ["Cats"]],
    ["Äpfelkuchen", []],
  ];
  for (const [text, want] of cases) {
    const st = await post(ben, { status: text });
    expect([text, titles(await home(st.id))]).toEqual([text, want]);
  }
});

test("content warnings, poll options and media descriptions are matched too", async () => {
  await filter({
    title: "Hidden words",
    keywords_attributes: [{ keyword: "plot twist" }, { keyword: "pineapple" }, { keyword: "sunset" }, { keyword: "amp" }],
  });
  const cw = await post(ben, { status: "nothing here", spoiler_text: "Plot twist ahead" });
  const poll = await post(ben, { status: "Pizza?", poll: { options: ["Pineapple", "Ham"], expires_in: 3600 } });
  const png = await gradient(8, 8, "png");
  const m = (await (
    await upload(s, "/api/v2/media", ben.token, { file: { bytes: png, type: "image/png", name: "a.png" }, description: "A red sunset" })
  ).json()) as any;
  const media = await post(ben, { status: "look", media_ids: [m.id] });
  const amp = await post(ben, { status: "salt & pepper" });
  expect(titles(await home(cw.id))).toEqual(["Hidden words"]);
  expect((await home(poll.id)).filtered[0].keyword_matches).toEqual(["Pineapple"]);
  expect((await home(media.id)).filtered[0].keyword_matches).toEqual(["sunset"]);
  expect((await one(media.id)).filtered[0].keyword_matches).toEqual(["sunset"]);
  expect(titles(await home(amp.id))).toEqual([]);
});

test("remote statuses are matched on their text without HTML tags, with entities decoded", async () => {
  await filter({
    title: "Remote",
    keywords_attributes: [{ keyword: "tom & jerry", whole_word: true }, { keyword: "href" }, { keyword: "nbsp" }],
  });
  const R = "https://remote.example";
  const actor = upsertRemoteActor(s.ctx, {
    id: `${R}/users/rem`,
    type: "Person",
    preferredUsername: "rem",
    inbox: `${R}/users/rem/inbox`,
    publicKey: {
      id: `${R}/users/rem#main-key`,
      owner: `${R}/users/rem`,
      publicKeyPem: "-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----",
    },
  });
  const make = async (n: number, content: string) =>
    (await upsertRemoteStatus(
      s.ctx,
      {
        id: `${R}/users/rem/statuses/${n}`,
        type: "Note",
        attributedTo: `${R}/users/rem`,
        content,
        published: "2024-05-01T10:00:00Z",
        to: ["https://www.w3.org/ns/activitystreams#Public"],
        cc: [],
      },
      actor.id,
    ))!;
  const hit = await make(1, `<p>Watching <a href="${R}/x">Tom</a> &amp; Jerry&nbsp;today</p>`);
  const miss = await make(2, `<p>Tom &amp;&amp; Jerry</p><p><a href="${R}/y">link</a></p>`);
  expect((await one(String(hit.id))).filtered.map((r: any) => r.keyword_matches)).toEqual([["Tom & Jerry"]]);
  expect((await one(String(miss.id))).filtered).toEqual([]);
});

test("boosts are matched on the boosted status and carry the result on both", async () => {
  await ann.client.v1.accounts.$select(cat.id).follow();
  await filter({ title: "Boosted", keywords_attributes: [{ keyword: "zucchini" }] });
  const original = await post(cat, { status: "zucchini bread" });
  const boost = (await (await s.api("POST", `/api/v1/statuses/${original.id}/reblog`, { token: ben.token })).json()) as any;
  await s.drain();
  const seen = await home(boost.id);
  expect(titles(seen)).toEqual(["Boosted"]);
  expect(titles(seen.reblog)).toEqual(["Boosted"]);
  expect(titles(await one(boost.id))).toEqual(["Boosted"]);
});

test("status filters match by id (the boosted id for a boost)", async () => {
  const f = await filter({ title: "This one" });
  const st = await post(cat, { status: "a perfectly fine post" });
  expect((await one(st.id)).filtered).toEqual([]);
  const r = await s.api("POST", `/api/v2/filters/${f.id}/statuses`, { token: ann.token, json: { status_id: st.id } });
  expect(r.status).toBe(200);
  expect((await one(st.id)).filtered).toEqual([
    { filter: expect.objectContaining({ title: "This one" }), keyword_matches: null, status_matches: [st.id] },
  ]);
  const boost = (await (await s.api("POST", `/api/v1/statuses/${st.id}/reblog`, { token: ben.token })).json()) as any;
  await s.drain();
  expect((await home(boost.id)).filtered[0].status_matches).toEqual([st.id]);
});

test("threads and notifications carry filter results", async () => {
  await filter({ title: "Threads", keywords_attributes: [{ keyword: "broccoli" }] });
  const root = await post(ann, { status: "What's for dinner?" });
  const reply = await post(ben, { status: "@ann broccoli, obviously", in_reply_to_id: root.id });
  const ctx = await get(`/api/v1/statuses/${root.id}/context`, ann.token);
  expect(titles(ctx.descendants.find((x: any) => x.id === reply.id))).toEqual(["Threads"]);
  const notes = (await get("/api/v1/notifications?types[]=mention", ann.token)) as any[];
  expect(titles(notes.find((n) => n.status?.id === reply.id).status)).toEqual(["Threads"]);
});

test("changes apply at once: edited keywords, deleted filters, and expiry", async () => {
  const f = await filter({ title: "Changing", expires_in: 60, keywords_attributes: [{ keyword: "rutabaga" }] });
  const st = await post(ben, { status: "rutabaga and turnip" });
  expect(titles(await home(st.id))).toContain("Changing");
  const kid = f.keywords[0].id;
  expect((await s.api("PUT", `/api/v2/filters/keywords/${kid}`, { token: ann.token, json: { keyword: "parsnip" } })).status).toBe(200);
  expect(titles(await home(st.id))).not.toContain("Changing");
  expect((await s.api("PUT", `/api/v2/filters/keywords/${kid}`, { token: ann.token, json: { keyword: "turnip" } })).status).toBe(200);
  expect(titles(await home(st.id))).toContain("Changing");
  offset += 61_000; // the filter expires
  try {
    expect(titles(await home(st.id))).not.toContain("Changing");
    expect(titles(await one(st.id))).not.toContain("Changing");
  } finally {
    offset -= 61_000;
  }
  expect(titles(await home(st.id))).toContain("Changing");
  expect((await s.api("DELETE", `/api/v2/filters/${f.id}`, { token: ann.token })).status).toBe(200);
  expect(titles(await home(st.id))).not.toContain("Changing");
});

test("the user stream sends filter results with updates and filters_changed when filters change", async () => {
  await filter({ title: "Live", keywords_attributes: [{ keyword: "kohlrabi" }] });
  const ws = await WsProbe.open(`${s.url.replace(/^http/, "ws")}/api/v1/streaming?stream=user`, [ann.token]);
  try {
    for (let i = 0; i < 100 && !hubFor(s.ctx).subscribers(`user:${ann.id}`); i++) await Bun.sleep(10);
    await post(ben, { status: "kohlrabi season" });
    const upd = await ws.next((m) => m.event === "update" && payloadOf(m).content.includes("kohlrabi"), 3000);
    expect(titles(payloadOf(upd))).toEqual(["Live"]);
    await post(ben, { status: "plain update" });
    const plain = await ws.next((m) => m.event === "update" && payloadOf(m).content.includes("plain update"), 3000);
    expect(payloadOf(plain).filtered).toEqual([]);
    await ann.client.v2.filters.create({ title: "Another", context: ["home"] });
    await s.drain();
    const changed = await ws.next((m) => m.event === "filters_changed", 3000);
    expect(changed.payload).toBeUndefined();
  } finally {
    ws.close();
  }
});

test("on a shared public stream each viewer gets their own filter results", async () => {
  await filter({ title: "Shared", keywords_attributes: [{ keyword: "celeriac" }] });
  const open = (u: TestUser) => WsProbe.open(`${s.url.replace(/^http/, "ws")}/api/v1/streaming?stream=public:local`, [u.token]);
  const [forAnn, forCat] = await Promise.all([open(ann), open(cat)]);
  try {
    for (let i = 0; i < 100 && (hubFor(s.ctx).subscribers("public:local")?.size ?? 0) < 2; i++) await Bun.sleep(10);
    await post(ben, { status: "celeriac soup" });
    const isIt = (m: any) => m.event === "update" && payloadOf(m).content.includes("celeriac");
    const [a, c] = await Promise.all([forAnn.next(isIt, 3000), forCat.next(isIt, 3000)]);
    expect(titles(payloadOf(a))).toEqual(["Shared"]);
    expect(payloadOf(c).filtered).toEqual([]);
  } finally {
    forAnn.close();
    forCat.close();
  }
});

test("the cached JSON path of timelines gives exactly what the status views give", async () => {
  const ids = ((await get("/api/v1/timelines/home?limit=40", ann.token)) as any[]).map((x) => Number(x.id));
  expect(ids.length).toBeGreaterThan(10);
  const viewed = JSON.stringify(statusList(s.ctx, ids, ann.account.id));
  expect(viewed).toContain('"keyword_matches"');
  expect(statusListJson(s.ctx, ids, ann.account.id)).toBe(viewed);
  expect(statusListJson(s.ctx, ids, ann.account.id)).toBe(viewed);
});
