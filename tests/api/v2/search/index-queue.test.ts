/**
 * New statuses reach the search index through a queue (migration 0039, issue 17): posting writes
 * no index entry; the post's fan-out job, the five-minutely search.index_queue job or a search
 * folds the queue in, in one transaction. A search always finds every status, an edit, a poll or
 * a media description made while queued is what gets indexed, and nothing is indexed twice.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { indexQueuedStatuses } from "../../../../src/db/queries/search-index";
import { CRON_JOBS } from "../../../../src/jobs/cron";
import { insertMedia, insertRemoteAccount, insertStatus } from "../../../rig/fixtures";
import { captureSql, startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let me: TestUser;

const queued = () => s.ctx.db.query<{ n: number }, []>("SELECT count(*) AS n FROM statuses_search_queue").get()!.n;
/** Index entries of status `id` in the word index (a rowid lookup in the contentless table's docsize). */
const entries = (id: string | number) =>
  s.ctx.db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM statuses_fts WHERE rowid = ?").get(Number(id))!.n;

async function find(q: string): Promise<string[]> {
  const res = await s.api("GET", `/api/v2/search?type=statuses&q=${encodeURIComponent(q)}&limit=40`, { token: me.token });
  expect(res.status).toBe(200);
  return ((await res.json()).statuses as { id: string }[]).map((x) => x.id);
}

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  me = await s.createUser("me");
});
afterAll(() => s.stop());

test("a post is queued, not indexed, until its fan-out job folds it in", async () => {
  const id = (await me.client.v1.statuses.create({ status: "gooseberry fool" })).id;
  expect(queued()).toBe(1);
  expect(entries(id)).toBe(0);
  await s.drain();
  expect(queued()).toBe(0);
  expect(entries(id)).toBe(1);
  expect(await find("gooseberry")).toEqual([id]);
});

test("a search folds the queue in first: what was just posted is found", async () => {
  const a = (await me.client.v1.statuses.create({ status: "rhubarb crumble" })).id;
  const b = (await me.client.v1.statuses.create({ status: "rhubarb and custard" })).id;
  expect(queued()).toBe(2);
  expect((await find("rhubarb")).sort()).toEqual([a, b].sort());
  expect(queued()).toBe(0);
  await s.drain();
  // The fan-out jobs found nothing left to index: one entry each.
  expect([entries(a), entries(b)]).toEqual([1, 1]);
});

test("an edit while queued is indexed as edited, once", async () => {
  const id = (await me.client.v1.statuses.create({ status: "damson jam" })).id;
  await me.client.v1.statuses.$select(id).update({ status: "quince jelly" });
  expect(await find("damson")).toEqual([]);
  expect(await find("quince")).toEqual([id]);
  expect(entries(id)).toBe(1);
  // Edited again once indexed: the entry is replaced, still one.
  await me.client.v1.statuses.$select(id).update({ status: "medlar cheese" });
  expect(await find("quince")).toEqual([]);
  expect(await find("medlar")).toEqual([id]);
  expect(entries(id)).toBe(1);
});

test("a poll and a media description added while queued are indexed with the status, once", async () => {
  const poll = (
    await me.client.v1.statuses.create({ status: "which fruit", poll: { options: ["loganberry", "tayberry"], expiresIn: 3600 } })
  ).id;
  const st = insertStatus(s.ctx, Number(me.id), { text: "a photo" });
  insertMedia(s.ctx, Number(me.id), { status_id: st.id, description: "a bowl of cloudberries" });
  expect(queued()).toBe(2);
  expect(await find("tayberry has:poll")).toEqual([poll]);
  expect(await find("cloudberries has:media")).toEqual([String(st.id)]);
  expect([entries(poll), entries(st.id)]).toEqual([1, 1]);
  // A description changed once indexed replaces the entry.
  s.ctx.db.query("UPDATE media_attachments SET description = 'a bowl of bilberries' WHERE status_id = ?").run(st.id);
  expect(await find("cloudberries")).toEqual([]);
  expect(await find("bilberries")).toEqual([String(st.id)]);
  expect(entries(st.id)).toBe(1);
});

test("a status deleted while queued leaves the queue and is never indexed", async () => {
  const id = (await me.client.v1.statuses.create({ status: "elderflower cordial" })).id;
  expect(queued()).toBe(1);
  expect((await me.client.v1.statuses.$select(id).remove()).id).toBe(id);
  expect(queued()).toBe(0);
  expect(await find("elderflower")).toEqual([]);
  expect(indexQueuedStatuses(s.ctx.db)).toBe(0);
  expect(entries(id)).toBe(0);
});

test("text without spaces goes to the trigram index too; a boost is never queued", async () => {
  const id = (await me.client.v1.statuses.create({ status: "梅干しを食べました", language: "ja" })).id;
  await me.client.v1.statuses.$select(id).reblog();
  expect(queued()).toBe(1);
  expect(await find("梅干し")).toEqual([id]);
  expect(s.ctx.db.query("SELECT count(*) AS n FROM statuses_fts_cjk WHERE rowid = ?").get(Number(id))).toEqual({ n: 1 });
});

test("search.index_queue, every five minutes, folds in statuses no fan-out job follows (e.g. from the inbox)", async () => {
  expect(CRON_JOBS).toContainEqual({ pattern: "*/5 * * * *", kind: "search.index_queue" });
  const remote = insertRemoteAccount(s.ctx, "far", "remote.example");
  const st = insertStatus(s.ctx, remote.id, { text: "mulberry wine" });
  expect(queued()).toBe(1);
  s.ctx.jobs.enqueue("search.index_queue", {});
  await s.drain();
  expect(queued()).toBe(0);
  expect(entries(st.id)).toBe(1);
});

test("folding looks each queued status up by its key: no statement scans the statuses table", async () => {
  for (let i = 0; i < 3; i++) await me.client.v1.statuses.create({ status: `sloe gin ${i}` });
  const db = s.ctx.db;
  const seen = await captureSql(db, () => expect(indexQueuedStatuses(db)).toBe(3));
  const inserts = seen.filter((q) => /INSERT INTO statuses_fts/.test(q));
  expect(inserts.length).toBe(2);
  for (const q of inserts) {
    const plan = db
      .query<{ detail: string }, []>(`EXPLAIN QUERY PLAN ${q}`)
      .all()
      .map((r) => r.detail);
    expect(plan.some((d) => /^SCAN s\b/.test(d))).toBe(false);
    expect(plan.some((d) => /^SEARCH s USING INTEGER PRIMARY KEY/.test(d))).toBe(true);
  }
});
