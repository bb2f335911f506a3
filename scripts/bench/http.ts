/**
 * Issue 2's benchmark: seeds (or reuses from .bench/) a database with 1,000,000 statuses from
 * 10,000 accounts (one local user following 500), starts the server as a separate process and
 * drives home timeline, public timeline and status creation with 50 concurrent clients,
 * printing requests/s, p50/p99 latency, server CPU per request and idle/peak RSS.
 * Knobs (env): BENCH_SECONDS, BENCH_CLIENTS, BENCH_STATUSES, BENCH_ACCOUNTS, BENCH_FOLLOWS,
 * BENCH_SCENARIO (scenarios whose name contains it), BENCH_PROFILE=1 (server CPU profile in .bench/).
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { MIGRATIONS } from "../../src/db/migration-files";
import { BENCH, cpuSeconds, fmt, loadNote, LOCAL_DOMAIN, num, printLoadTable, rssMb, rssSampler, startServer } from "./lib";
import { runLoad, type LoadResult, type Scenario } from "./load";
import { seed, type SeedResult } from "./seed";

const P = {
  seconds: num("BENCH_SECONDS", 10),
  clients: num("BENCH_CLIENTS", 50),
  statuses: num("BENCH_STATUSES", 1_000_000),
  accounts: num("BENCH_ACCOUNTS", 10_000),
  follows: num("BENCH_FOLLOWS", 500),
};
const MAX_REQUESTS = 500_000;
const TARGET_HOME_P99_MS = 20;
const TARGET_IDLE_RSS_MB = 80;

/** Seeds once per (schema, seed script, size) and caches the database under .bench/. */
async function seededDb(): Promise<{ path: string; meta: SeedResult }> {
  const key = createHash("sha256")
    .update(MIGRATIONS.map((m) => m.sql).join("\n"))
    .update(readFileSync(join(import.meta.dir, "seed.ts")))
    .update(JSON.stringify([P.statuses, P.accounts, P.follows]))
    .digest("hex")
    .slice(0, 12);
  const dir = join(BENCH, `seed-${key}`);
  if (existsSync(join(dir, "seed.json"))) {
    console.log(`using cached seed ${dir}`);
    return { path: join(dir, "hearth.sqlite"), meta: JSON.parse(readFileSync(join(dir, "seed.json"), "utf8")) };
  }
  // A new schema or seed script makes older caches useless; they are 500 MB each.
  for (const old of readdirSync(BENCH)) if (/^(seed|seeding)-/.test(old)) rmSync(join(BENCH, old), { recursive: true, force: true });
  const tmp = join(BENCH, `seeding-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  console.log(
    `seeding ${P.statuses.toLocaleString("en")} statuses from ${P.accounts.toLocaleString("en")} accounts (once; cached in .bench/)`,
  );
  const t = performance.now();
  const meta = await seed({ dataDir: tmp, localDomain: LOCAL_DOMAIN, ...P, log: (m) => console.log(m) });
  writeFileSync(join(tmp, "seed.json"), JSON.stringify(meta));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { path: join(dir, "hearth.sqlite"), meta };
}

type Row = LoadResult & { cpu: number; load: string };

async function main() {
  mkdirSync(BENCH, { recursive: true });
  const { path, meta } = await seededDb();
  const dataDir = join(BENCH, "run-http");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(path, join(dataDir, "hearth.sqlite")); // POSTs must not touch the cached seed
  const server = await startServer("http-server", dataDir);
  const base = server.base;
  try {
    await Bun.sleep(1000);
    const idleRss = rssMb(server.pid);
    const idleLoad = loadNote();
    const auth = { Authorization: `Bearer ${meta.token}` };
    const scenarios: Scenario[] = [
      { name: "GET /api/v1/timelines/home", method: "GET", url: `${base}/api/v1/timelines/home`, headers: auth },
      { name: "GET /api/v1/timelines/public", method: "GET", url: `${base}/api/v1/timelines/public`, headers: auth },
      {
        name: "POST /api/v1/statuses",
        method: "POST",
        url: `${base}/api/v1/statuses`,
        headers: { ...auth, "Content-Type": "application/json" },
        body: (i) => JSON.stringify({ status: `bench post ${i} #hearth`, visibility: "public" }),
      },
    ];
    const results: Row[] = [];
    const rss = rssSampler(server.pid);
    for (const s of scenarios.filter((x) => x.name.includes(process.env.BENCH_SCENARIO ?? ""))) {
      await runLoad(s, { clients: Math.min(P.clients, 10), seconds: 1, maxRequests: 2000 }); // warm-up, not recorded
      const load = loadNote();
      const cpu0 = cpuSeconds(server.pid);
      const r = await runLoad(s, { clients: P.clients, seconds: P.seconds, maxRequests: MAX_REQUESTS });
      results.push({ ...r, cpu: cpuSeconds(server.pid) - cpu0, load });
      process.stdout.write(".");
    }
    const peakRss = Math.max(rss.stop(), rssMb(server.pid, "VmHWM"));
    console.log("\n");
    report(results, meta, idleRss, idleLoad, peakRss, rssMb(server.pid, "RssAnon"));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(results: Row[], meta: SeedResult, idleRss: number, idleLoad: string, peakRss: number, anonRss: number) {
  console.log(
    `HTTP (issue 2): ${P.statuses.toLocaleString("en")} statuses, ${P.accounts.toLocaleString("en")} accounts, home feed ${meta.homeFeedRows.toLocaleString("en")} rows; ` +
      `${P.clients} clients x ${P.seconds} s per scenario on 127.0.0.1, ${availableParallelism()} CPUs shared by server and clients`,
  );
  printLoadTable(results);
  console.log(
    `\nserver RSS: idle ${fmt(idleRss)} MB (${idleLoad}), peak under load ${fmt(peakRss)} MB (of which anonymous memory at the end ${fmt(anonRss)} MB)`,
  );
  console.log(
    "note: the server is single-threaded, so with N closed-loop clients latency ~ N x (server CPU per request); " +
      "'CPU ms/req' is the figure least distorted by other load on the machine.",
  );
  const home = results.find((r) => r.name.includes("/home"));
  if (!home) return;
  const homeOk = home.ok === home.requests && home.p99 < TARGET_HOME_P99_MS;
  console.log(
    `target home p99 < ${TARGET_HOME_P99_MS} ms at ${P.clients} concurrent: ${homeOk ? "met" : "NOT met"} (${fmt(home.p99, 2)} ms${home.ok < home.requests ? `, ${home.requests - home.ok} failed requests` : ""}; ${home.load})`,
  );
  console.log(`target idle RSS < ${TARGET_IDLE_RSS_MB} MB: ${idleRss < TARGET_IDLE_RSS_MB ? "met" : "NOT met"} (${fmt(idleRss)} MB)`);
}

await main();
