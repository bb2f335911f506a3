/**
 * The features benchmark: on the 1,000,000-status data set (seed.ts) plus features-seed.ts
 * (both cached in .bench/), drives the endpoints of lists, grouped notifications, filters,
 * followed hashtags, scheduled posts and the admin API with 50 concurrent clients, printing
 * requests/s, p50/p99 latency and server CPU per request, as http.ts does.
 * Knobs (env): BENCH_SECONDS (per scenario, 5), BENCH_CLIENTS, BENCH_STATUSES, BENCH_ACCOUNTS,
 * BENCH_FOLLOWS, BENCH_SCENARIO (scenarios whose name contains it), BENCH_PROFILE=1.
 */
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { BENCH, cpuSeconds, fmt, loadNote, num, printLoadTable, rssMb, rssSampler, startServer } from "./lib";
import { runLoad, type LoadResult, type Scenario } from "./load";
import { baseDb, derivedDb } from "./seed-cache";
import { seedFeatures, type FeaturesMeta } from "./features-seed";

const P = {
  seconds: num("BENCH_SECONDS", 5),
  clients: num("BENCH_CLIENTS", 50),
  statuses: num("BENCH_STATUSES", 1_000_000),
  accounts: num("BENCH_ACCOUNTS", 10_000),
  follows: num("BENCH_FOLLOWS", 500),
};
const MAX_REQUESTS = 500_000;
/** Reads should answer within this at the 99th percentile with P.clients concurrent clients. */
const TARGET_READ_P99_MS = 20;

type Row = LoadResult & { cpu: number; load: string; read: boolean };

function scenarios(base: string, m: FeaturesMeta): Scenario[] {
  const h = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = (name: string, path: string, token = m.token): Scenario => ({
    name,
    method: "GET",
    url: `${base}${path}`,
    headers: h(token),
  });
  const post = (name: string, text: (i: number) => string): Scenario => ({
    name,
    method: "POST",
    url: `${base}/api/v1/statuses`,
    headers: { ...h(m.token), "Content-Type": "application/json" },
    body: (i) => JSON.stringify({ status: text(i), visibility: "public" }),
  });
  return [
    get(`GET list timeline (${m.listMembers} members)`, `/api/v1/timelines/list/${m.listId}`),
    get(`GET v2 notifications (grouped, ${(m.notifications / 1000).toFixed(0)}k)`, "/api/v2/notifications"),
    get(`GET v1 notifications (${(m.notifications / 1000).toFixed(0)}k)`, "/api/v1/notifications"),
    get("GET home (no filters)", "/api/v1/timelines/home"),
    get(`GET home (${m.filters} keyword filters)`, "/api/v1/timelines/home", m.filterToken),
    get("GET v2 admin accounts ?status=active", "/api/v2/admin/accounts?status=active", m.adminToken),
    get("GET v2 admin accounts ?username=user12", "/api/v2/admin/accounts?username=user12", m.adminToken),
    get(`GET followed_tags (${m.followedTags})`, "/api/v1/followed_tags"),
    get(`GET scheduled_statuses (${m.scheduled})`, "/api/v1/scheduled_statuses"),
    post("POST status, tag nobody follows", (i) => `features post ${i} #hearth`),
    post(`POST status, tag ${m.fanTagFollowers.toLocaleString("en")} users follow`, (i) => `features post ${i} #${m.fanTag}`),
  ];
}

async function main() {
  mkdirSync(BENCH, { recursive: true });
  const base = await baseDb(P);
  const db = await derivedDb("features-seed", base, join(import.meta.dir, "features-seed.ts"), (dir) => {
    console.log("adding the features data set (once; cached in .bench/)");
    return seedFeatures(dir, base.meta, (m) => console.log(m));
  });
  const m = db.meta;
  const dataDir = join(BENCH, "run-features");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(db.path, join(dataDir, "hearth.sqlite")); // POSTs must not touch the cached seed
  const server = await startServer("features-server", dataDir);
  try {
    await Bun.sleep(1000);
    const idleRss = rssMb(server.pid);
    const results: Row[] = [];
    const rss = rssSampler(server.pid);
    for (const s of scenarios(server.base, m).filter((x) => x.name.includes(process.env.BENCH_SCENARIO ?? ""))) {
      await runLoad(s, { clients: Math.min(P.clients, 10), seconds: 1, maxRequests: 2000 }); // warm-up, not recorded
      const load = loadNote();
      const cpu0 = cpuSeconds(server.pid);
      const r = await runLoad(s, { clients: P.clients, seconds: P.seconds, maxRequests: MAX_REQUESTS });
      results.push({ ...r, cpu: cpuSeconds(server.pid) - cpu0, load, read: s.method === "GET" });
      process.stdout.write(".");
    }
    const peakRss = Math.max(rss.stop(), rssMb(server.pid, "VmHWM"));
    console.log("\n");
    report(results, m, idleRss, peakRss);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: Row[], m: FeaturesMeta, idleRss: number, peakRss: number) {
  const types = Object.entries(m.notificationTypes)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ");
  console.log(
    `Features: ${P.statuses.toLocaleString("en")} statuses (${m.taggedStatuses.toLocaleString("en")} tagged), ` +
      `${(P.accounts + m.localAccounts).toLocaleString("en")} accounts; list feed ${m.listFeedRows.toLocaleString("en")} rows; ` +
      `notifications: ${types}; ${P.clients} clients x ${P.seconds} s per scenario on 127.0.0.1, ${availableParallelism()} CPUs shared by server and clients`,
  );
  printLoadTable(results);
  console.log(`\nserver RSS: idle ${fmt(idleRss)} MB, peak under load ${fmt(peakRss)} MB`);
  const slow = results.filter((r) => r.read && (r.ok < r.requests || !(r.p99 < TARGET_READ_P99_MS)));
  const reads = results.filter((r) => r.read).length;
  console.log(
    `target read p99 < ${TARGET_READ_P99_MS} ms at ${P.clients} concurrent: ${slow.length === 0 ? "met" : "NOT met"} ` +
      `(${reads - slow.length}/${reads}${slow.length ? `; over: ${slow.map((r) => `${r.name} ${fmt(r.p99, 1)} ms`).join(", ")}` : ""})`,
  );
}

await main();
