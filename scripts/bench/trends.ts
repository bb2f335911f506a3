/**
 * The trends benchmark (issue 13): the trends.refresh job's run time on the 1,000,000-status
 * data set (seed.ts, cached in .bench/) after the newest two days of public posts were given
 * hashtags (one of 200 per post) and favourites, so every tag and many posts are candidates.
 * Runs the job's service directly (the job is what croner enqueues every five minutes).
 * Knobs (env): BENCH_STATUSES, BENCH_ACCOUNTS, BENCH_FOLLOWS, BENCH_TRENDS_RUNS (5), BENCH_TRENDS_TAGS (200).
 */
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { refreshTrends } from "../../src/services/trends/refresh";
import { SEQ } from "../../src/model/ids";
import { BENCH, fmt, loadNote, num, printTable, withInstance } from "./lib";
import { baseDb } from "./seed-cache";

const P = {
  statuses: num("BENCH_STATUSES", 1_000_000),
  accounts: num("BENCH_ACCOUNTS", 10_000),
  follows: num("BENCH_FOLLOWS", 500),
  runs: num("BENCH_TRENDS_RUNS", 5),
  tags: num("BENCH_TRENDS_TAGS", 200),
};
const DAY = 86_400_000;

async function main(): Promise<void> {
  const base = await baseDb(P);
  const dir = join(BENCH, "run-trends");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(base.path, join(dir, "hearth.sqlite"));
  await withInstance(dir, (ctx) => {
    const newest = ctx.db.query<{ t: number }, []>("SELECT max(created_at) AS t FROM statuses").get()!.t;
    const now = newest + 60_000;
    const since = (now - 2 * DAY) * SEQ;
    // Bench set-up, not Hearth code: raw SQL on the copy.
    ctx.db.transaction(() => {
      const ins = ctx.db.prepare("INSERT OR IGNORE INTO tags (id, name, display_name, created_at) VALUES (?, ?, ?, ?)");
      for (let i = 0; i < P.tags; i++) ins.run(i + 1, `benchtag${i}`, `benchtag${i}`, now);
      ctx.db
        .query(
          "INSERT OR IGNORE INTO statuses_tags (tag_id, status_id) SELECT 1 + (id % ?), id FROM statuses WHERE id >= ? AND visibility = 0",
        )
        .run(P.tags, since);
      ctx.db.query("UPDATE statuses SET favourites_count = id % 23 WHERE id >= ?").run(since);
    })();
    const uses = ctx.db.query<{ n: number }, []>("SELECT count(*) AS n FROM statuses_tags").get()!.n;
    const rctx = { ...ctx, now: () => now };
    const times: number[] = [];
    let found = { tags: 0, links: 0, statuses: 0 };
    for (let i = 0; i < P.runs; i++) {
      const t = performance.now();
      found = refreshTrends(rctx);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`\n=== trends.refresh on ${P.statuses.toLocaleString("en")} statuses (${loadNote()})`);
    printTable(
      ["tag uses (2 days)", "trending tags", "trending links", "trending posts", "min ms", "median ms", "max ms"],
      [
        [
          String(uses),
          String(found.tags),
          String(found.links),
          String(found.statuses),
          fmt(times[0]!),
          fmt(times[Math.floor(times.length / 2)]!),
          fmt(times.at(-1)!),
        ],
      ],
    );
  });
  rmSync(dir, { recursive: true, force: true });
}

await main();
