/**
 * Issue 17's documents suite: server CPU per request for the documents every app and peer polls
 * (/api/v1/instance, /api/v2/instance, /api/v1/custom_emojis, NodeInfo, WebFinger, an actor
 * document), plain requests with the client's usual Accept-Encoding and revalidations with
 * If-None-Match, at 10 and 50 clients. The server is pinned to core 0 and this load generator to
 * core 1 with taskset when there are two cores. Knobs: BENCH_SECONDS (per scenario, default 5).
 */
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { createLocalAccount } from "../../src/services/accounts/create-local";
import { BENCH, benchUser, cpuSeconds, fmt, loadNote, LOCAL_DOMAIN, num, printTable, startServer, withInstance } from "./lib";
import { runLoad, type Scenario } from "./load";

const SECONDS = num("BENCH_SECONDS", 5);
const pinned = availableParallelism() >= 2 && !!Bun.which("taskset");

async function main(): Promise<void> {
  const dataDir = join(BENCH, "run-instance");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  await withInstance(dataDir, async (ctx) => {
    await createLocalAccount(ctx, { username: "owner", email: "owner@example.com", password: "bench-password", role: "owner" });
    for (let i = 0; i < 10; i++) await benchUser(ctx, `user${i}`);
  });
  if (pinned) Bun.spawnSync(["taskset", "-a", "-p", "-c", "1", String(process.pid)], { stdout: "ignore" });
  const server = await startServer("instance-server", dataDir, {}, pinned ? { cpus: "0" } : {});
  const base = server.base;
  try {
    const paths: [string, string, Record<string, string>][] = [
      ["GET /api/v1/instance", "/api/v1/instance", {}],
      ["GET /api/v2/instance", "/api/v2/instance", {}],
      ["GET /api/v1/custom_emojis", "/api/v1/custom_emojis", {}],
      ["GET /nodeinfo/2.1", "/nodeinfo/2.1", {}],
      ["GET /.well-known/webfinger", `/.well-known/webfinger?resource=acct:user1@${LOCAL_DOMAIN}`, {}],
      ["GET /users/user1 (actor)", "/users/user1", { Accept: "application/activity+json" }],
    ];
    const scenarios: (Scenario & { clients: number })[] = [];
    for (const clients of [10, 50])
      for (const [name, path, headers] of paths) {
        const url = `${base}${path}`;
        scenarios.push({ name, method: "GET", url, headers, clients });
        if (clients === 10 && name.includes("instance")) {
          const probe = await fetch(url, { headers });
          await probe.arrayBuffer();
          const etag = probe.headers.get("etag");
          if (etag)
            scenarios.push({ name: `${name} If-None-Match`, method: "GET", url, headers: { ...headers, "If-None-Match": etag }, clients });
        }
      }
    const rows: string[][] = [];
    for (const s of scenarios) {
      await runLoad(s, { clients: s.clients, seconds: 0.5, maxRequests: 100_000 }); // warm-up
      const cpu0 = cpuSeconds(server.pid);
      const r = await runLoad(s, { clients: s.clients, seconds: SECONDS, maxRequests: 1_000_000 });
      const cpuMs = ((cpuSeconds(server.pid) - cpu0) * 1000) / Math.max(1, r.requests);
      const statuses = Object.keys(r.statuses).length ? ` ${JSON.stringify(r.statuses)}` : "";
      rows.push([s.name, String(s.clients), fmt(r.rps, 0), fmt(r.p50, 2), fmt(r.p99, 2), fmt(cpuMs, 3), `${r.errors}${statuses}`]);
    }
    console.log(`\ndocuments (${pinned ? "server on core 0, load on core 1" : "not pinned"}; ${SECONDS} s per row; ${loadNote()})`);
    printTable(["scenario", "clients", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "errors"], rows);
  } finally {
    await server.stop();
  }
}

await main();
