/**
 * JobQueue.enqueueUnique, the debounce behind poll Update distribution: one waiting job per kind
 * and payload, brought forward by an earlier request, and a fresh one once the first is running.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ runJobs: false, frozen: true });
});
afterAll(() => s.stop());

const rows = () =>
  s.ctx.db
    .query<{ id: number; run_at: number; payload: string }, []>(
      "SELECT id, run_at, payload FROM jobs WHERE kind = 'poll.distribute_update' ORDER BY id",
    )
    .all();

describe("JobQueue.enqueueUnique", () => {
  test("keeps one waiting job per payload, moves it sooner (never later), and adds another once it runs", () => {
    const t = s.ctx.now();
    const id = s.ctx.jobs.enqueueUnique("poll.distribute_update", { statusId: 1 }, { runAt: t + 180_000 });
    expect(s.ctx.jobs.enqueueUnique("poll.distribute_update", { statusId: 1 }, { runAt: t + 300_000 })).toBe(id);
    expect(s.ctx.jobs.enqueueUnique("poll.distribute_update", { statusId: 2 }, { runAt: t + 180_000 })).not.toBe(id);
    expect(rows().map((r) => [r.payload, r.run_at])).toEqual([
      ['{"statusId":1}', t + 180_000],
      ['{"statusId":2}', t + 180_000],
    ]);
    expect(s.ctx.jobs.enqueueUnique("poll.distribute_update", { statusId: 1 }, { runAt: t })).toBe(id);
    expect(rows()[0]!.run_at).toBe(t);
    // Claimed (running): a new request gets a job of its own.
    const claimed = s.ctx.jobs.claim(10);
    expect(claimed.map((j) => j.id)).toEqual([id]);
    const next = s.ctx.jobs.enqueueUnique("poll.distribute_update", { statusId: 1 }, { runAt: t + 180_000 });
    expect(next).not.toBe(id);
    expect(rows().length).toBe(3);
  });
});
