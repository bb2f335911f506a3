/**
 * Delivery fan-out: one post's Create activity from a local account with 5,000 remote
 * followers on 500 hosts. Measures the time from enqueue (deliverToFollowers inside a
 * transaction) until the sink has received every delivery, and deliveries/s, for several job
 * runner concurrencies. Two shapes: shared inboxes (500 deliveries, Mastodon-like servers) and
 * personal inboxes only (5,000 deliveries). The sink is a separate Bun process on 127.0.0.1
 * that plays all hosts by path (/h<N>/inbox) and verifies every signature with Hearth's verifier.
 * Run: node_modules/.bin/bun scripts/bench/federation.ts   Knobs: BENCH_FED_FOLLOWERS (5000),
 * BENCH_FED_HOSTS (500), BENCH_FED_CONCURRENCY (comma list, default 4,16,64).
 */
import { deliverToFollowers } from "../../src/activitypub/outbound/delivery";
import { verifyRequest } from "../../src/activitypub/outbound/signatures";
import { JobRunner } from "../../src/jobs/runner";
import { startTestServer } from "../../tests/rig";

const FOLLOWERS = Number(process.env.BENCH_FED_FOLLOWERS ?? 5000);
const HOSTS = Number(process.env.BENCH_FED_HOSTS ?? 500);
const CONCURRENCY = (process.env.BENCH_FED_CONCURRENCY ?? "4,16,64").split(",").map(Number);

/** The sink process: answers 202, counts requests and signature results; GET /stats reports them. */
function runSink(): void {
  const pem = process.env.SINK_PEM!;
  const owner = process.env.SINK_OWNER!;
  const stats = { received: 0, verified: 0, failed: 0, hosts: new Set<string>() };
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method === "GET" && url.pathname === "/stats") {
        return Response.json({ received: stats.received, verified: stats.verified, failed: stats.failed, paths: stats.hosts.size });
      }
      if (req.method === "POST" && url.pathname === "/reset") {
        stats.received = stats.verified = stats.failed = 0;
        stats.hosts.clear();
        return new Response("ok");
      }
      const body = await req.text();
      const v = await verifyRequest(
        { method: req.method, url: req.url, headers: req.headers, body },
        async () => ({ publicKeyPem: pem, ownerUri: owner }),
        Date.now(),
      );
      stats.received++;
      if (v.ok) stats.verified++;
      else stats.failed++;
      stats.hosts.add(url.pathname);
      return new Response(null, { status: 202 });
    },
  });
  console.log(server.port);
}

async function main(): Promise<void> {
  const s = await startTestServer({ runJobs: false });
  const poster = await s.createUser("poster");
  const sinkProc = Bun.spawn(["node_modules/.bin/bun", import.meta.path, "--sink"], {
    env: { ...process.env, SINK_PEM: poster.account.public_key_pem!, SINK_OWNER: poster.account.uri },
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = sinkProc.stdout.getReader();
  const port = Number(new TextDecoder().decode((await reader.read()).value).trim());
  const sink = `http://127.0.0.1:${port}`;
  const rows: string[][] = [];
  try {
    // Seed remote accounts and follows directly in SQL: FOLLOWERS accounts spread over HOSTS hosts.
    const t = Date.now();
    s.ctx.db
      .transaction(() => {
        const acc = s.ctx.db.query(
          "INSERT INTO accounts (id, username, domain, uri, inbox_url, shared_inbox_url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        );
        const fol = s.ctx.db.query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)");
        for (let i = 0; i < FOLLOWERS; i++) {
          const h = i % HOSTS;
          const id = s.ctx.ids.next();
          acc.run(
            id,
            `u${i}`,
            `h${h}.bench`,
            `https://h${h}.bench/users/u${i}`,
            `${sink}/h${h}/users/u${i}/inbox`,
            `${sink}/h${h}/inbox`,
            t,
            t,
          );
          fol.run(s.ctx.ids.next(), id, poster.account.id, t);
        }
      })
      .immediate();
    const activity = (n: number) => ({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${poster.account.uri}/statuses/${n}/activity`,
      type: "Create",
      actor: poster.account.uri,
      to: ["https://www.w3.org/ns/activitystreams#Public"],
      cc: [`${poster.account.uri}/followers`],
      object: {
        id: `${poster.account.uri}/statuses/${n}`,
        type: "Note",
        attributedTo: poster.account.uri,
        content: "<p>Benchmark post with a little text in it.</p>",
        published: new Date().toISOString(),
      },
    });
    let n = 0;
    for (const shape of ["shared", "personal"] as const) {
      if (shape === "personal") s.ctx.db.query("UPDATE accounts SET shared_inbox_url = NULL WHERE domain IS NOT NULL").run();
      const expected = shape === "shared" ? HOSTS : FOLLOWERS;
      for (const c of CONCURRENCY) {
        await fetch(`${sink}/reset`, { method: "POST" });
        const runner = new JobRunner(s.ctx, c, 1000);
        const t0 = performance.now();
        s.ctx.db.transaction(() => deliverToFollowers(s.ctx, poster.account.id, activity(++n))).immediate();
        runner.start();
        let fanoutMs = 0;
        let stats = { received: 0, verified: 0, failed: 0, paths: 0 };
        for (;;) {
          await Bun.sleep(5);
          if (!fanoutMs && s.ctx.jobs.count("ap.fanout") === 0) fanoutMs = performance.now() - t0;
          if (s.ctx.jobs.count() === 0) {
            stats = (await (await fetch(`${sink}/stats`)).json()) as typeof stats;
            if (stats.received >= expected) break;
          }
        }
        const total = performance.now() - t0;
        await runner.stop();
        rows.push([
          shape,
          String(FOLLOWERS),
          String(HOSTS),
          String(expected),
          String(c),
          fanoutMs.toFixed(0),
          total.toFixed(0),
          (stats.received / (total / 1000)).toFixed(0),
          `${stats.verified}/${stats.received}`,
        ]);
        if (stats.failed) throw new Error(`${stats.failed} deliveries failed signature verification`);
      }
    }
  } finally {
    sinkProc.kill();
    await s.stop();
  }
  const head = ["inboxes", "followers", "hosts", "deliveries", "concurrency", "fan-out ms", "total ms", "deliveries/s", "verified"];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padStart(w[i]!)).join("  ");
  console.log(`\nFan-out of one post (Bun ${Bun.version}, ${navigator.hardwareConcurrency} CPUs; sink in a separate process)`);
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

if (process.argv.includes("--sink")) runSink();
else await main();
