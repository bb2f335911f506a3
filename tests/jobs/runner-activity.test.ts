/**
 * The job runner tells the server when it works (`onActivity`), so the idle memory reclaim also
 * runs after background jobs (cron, fan-out) and not only after requests.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { JobRunner } from "../../src/jobs/runner";
import { startTestServer, type TestServer } from "../rig";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
});
afterAll(() => s?.stop());

test("a claimed batch of jobs is reported as activity; an empty queue is not", async () => {
  const runner = new JobRunner(s.ctx);
  let seen = 0;
  runner.onActivity = () => seen++;
  runner.start();
  await Bun.sleep(50);
  expect(seen).toBe(0);
  s.ctx.jobs.enqueue("trends.refresh", {});
  for (let i = 0; i < 100 && seen === 0; i++) await Bun.sleep(10);
  await runner.stop(5_000);
  expect(seen).toBeGreaterThanOrEqual(1);
  expect(s.count("jobs", "kind = 'trends.refresh'")).toBe(0);
});
