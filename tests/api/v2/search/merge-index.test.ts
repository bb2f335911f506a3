/**
 * search.merge_index (issue 13): the nightly job merges the FTS5 search indexes' segments into
 * one, and search finds exactly what it found before.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { indexQueuedStatuses, searchIndexSegments } from "../../../../src/db/queries/search-index";
import { CRON_JOBS } from "../../../../src/jobs/cron";
import { MERGE_ABOVE_SEGMENTS } from "../../../../src/jobs/handlers/search-index";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let me: TestUser;

async function find(q: string): Promise<string[]> {
  const res = await s.api("GET", `/api/v2/search?type=statuses&q=${encodeURIComponent(q)}&limit=40`, { token: me.token });
  expect(res.status).toBe(200);
  return ((await res.json()).statuses as { id: string }[]).map((x) => x.id);
}

beforeAll(async () => {
  s = await startTestServer({ frozen: Date.UTC(2024, 5, 10, 12), runJobs: false });
  me = await s.createUser("me");
  const words = ["kettle", "teapot", "saucer", "biscuit", "crumpet"];
  // Each post folded into the index on its own, as its fan-out job does when posts come one at a
  // time: FTS5 writes a new segment for each (automerge folds some).
  for (let i = 0; i < 40; i++) {
    s.clock.advance(1000);
    await me.client.v1.statuses.create({ status: `${words[i % 5]} and ${words[(i * 3) % 5]} number ${i}` });
    indexQueuedStatuses(s.ctx.db);
  }
}, 60_000);
afterAll(() => s.stop());

test("is scheduled", () => {
  expect(CRON_JOBS.map((j) => j.kind)).toContain("search.merge_index");
});

test("merges a status index of many segments into one; searches find the same statuses in the same order", async () => {
  const queries = ["kettle", '"saucer and teapot"', "bis*", "crumpet -kettle", "number"];
  const before = await Promise.all(queries.map(find));
  expect(before.every((r) => r.length > 0)).toBe(true);
  expect(searchIndexSegments(s.ctx.db, "statuses_fts")).toBeGreaterThan(MERGE_ABOVE_SEGMENTS);
  s.ctx.jobs.enqueue("search.merge_index", {});
  await s.drain();
  expect(s.ctx.db.query("SELECT count(*) AS n FROM jobs").get()).toEqual({ n: 0 });
  expect(searchIndexSegments(s.ctx.db, "statuses_fts")).toBe(1);
  expect(searchIndexSegments(s.ctx.db, "accounts_fts")).toBeLessThanOrEqual(1);
  expect(await Promise.all(queries.map(find))).toEqual(before);
  // New posts after the merge are found as before.
  const id = (await me.client.v1.statuses.create({ status: "kettle after the merge" })).id;
  expect(await find("kettle")).toContain(id);
  expect(await find("merge")).toEqual([id]);
  // A few new segments are left for a later night: the index is not rewritten for them.
  for (let i = 0; i < MERGE_ABOVE_SEGMENTS - 2; i++) {
    await me.client.v1.statuses.create({ status: `teapot later ${i}` });
    indexQueuedStatuses(s.ctx.db);
  }
  const few = searchIndexSegments(s.ctx.db, "statuses_fts");
  expect(few).toBeGreaterThan(1);
  expect(few).toBeLessThanOrEqual(MERGE_ABOVE_SEGMENTS);
  s.ctx.jobs.enqueue("search.merge_index", {});
  await s.drain();
  expect(searchIndexSegments(s.ctx.db, "statuses_fts")).toBe(few);
});
