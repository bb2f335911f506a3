/**
 * Streaming benchmark (issue 4): N WebSocket connections on the `user` stream (half also on
 * `public:local`), each a different local account following one author, receive the events of
 * M statuses the author posts over HTTP as fast as it can. The server is a separate process;
 * this process holds the sockets. Reports events delivered per second and the server's RSS.
 * Bounded: stops BENCH_STREAM_SECONDS (60) after the burst starts and reports partial figures.
 * Knobs: BENCH_STREAM_CONNECTIONS (1000), BENCH_STREAM_STATUSES (1000), BENCH_STREAM_CPUS (e.g.
 * "0": the server pinned to that core with taskset, issue 17's one-core case; unset: not pinned).
 * Issue 17's target: the server's peak RSS during the burst under 150 MB, pinned or not.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { issueToken } from "../../src/services/oauth/tokens";
import { BENCH, benchUser, cpuSeconds, fmt, loadNote, num, printTable, rssMb, rssSampler, startServer, withInstance } from "./lib";

const N = num("BENCH_STREAM_CONNECTIONS", 1000);
const M = num("BENCH_STREAM_STATUSES", 1000);
const CAP_S = num("BENCH_STREAM_SECONDS", 60);
const CPUS = process.env.BENCH_STREAM_CPUS || undefined;
const POSTERS = 8;

/** Creates the author and N followers with tokens (bulk SQL for the followers). */
async function prepare(dataDir: string): Promise<{ authorToken: string; tokens: string[] }> {
  return withInstance(dataDir, async (ctx) => {
    const author = await benchUser(ctx, "author");
    const tokens: string[] = [];
    ctx.db
      .transaction(() => {
        const t = ctx.now();
        const insAccount = ctx.db.query("INSERT INTO accounts (id, username, uri, url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)");
        const insUser = ctx.db.query(
          "INSERT INTO users (id, account_id, email, password_hash, confirmed_at, created_at, updated_at) VALUES (?, ?, ?, 'x', ?, ?, ?)",
        );
        const insFollow = ctx.db.query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)");
        for (let i = 0; i < N; i++) {
          const name = `viewer${i}`;
          const id = ctx.ids.next();
          insAccount.run(id, name, ctx.uris.actor(name), ctx.uris.profile(name), t, t);
          const uid = ctx.ids.next();
          insUser.run(uid, id, `${name}@example.com`, t, t, t);
          insFollow.run(ctx.ids.next(), id, author.accountId, t);
          tokens.push(issueToken(ctx, { applicationId: author.appId, userId: uid, scopes: ["read"] }).token);
        }
        ctx.db.query("UPDATE accounts SET followers_count = ? WHERE id = ?").run(N, author.accountId);
      })
      .immediate();
    return { authorToken: author.token, tokens };
  });
}

/** Opens the sockets; resolves when every one is open and subscribed. */
async function connect(wsBase: string, tokens: string[], onEvent: () => void): Promise<WebSocket[]> {
  const socks: WebSocket[] = [];
  const open = (t: string, i: number) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`${wsBase}/api/v1/streaming?stream=user`, [t]);
      ws.onopen = () => {
        if (i % 2 === 0) ws.send(JSON.stringify({ type: "subscribe", stream: "public:local" }));
        resolve();
      };
      ws.onerror = () => reject(new Error(`socket ${i} failed to connect`));
      ws.onmessage = onEvent;
      socks.push(ws);
    });
  // In batches, so the server's accept queue is not flooded.
  for (let i = 0; i < tokens.length; i += 100) await Promise.all(tokens.slice(i, i + 100).map((t, k) => open(t, i + k)));
  return socks;
}

async function main(): Promise<void> {
  const dataDir = join(BENCH, "run-streaming");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  console.log(`preparing ${N} accounts following one author…`);
  const { authorToken, tokens } = await prepare(dataDir);
  const server = await startServer("streaming-server", dataDir, {}, { cpus: CPUS });
  let socks: WebSocket[] = [];
  try {
    await Bun.sleep(500);
    const rssIdle = rssMb(server.pid);
    const expected = M * (N + Math.ceil(N / 2));
    let received = 0,
      firstAt = 0,
      lastAt = 0;
    let done: () => void = () => {};
    const finished = new Promise<void>((r) => {
      done = r;
    });
    socks = await connect(server.base.replace(/^http/, "ws"), tokens, () => {
      lastAt = performance.now();
      if (received++ === 0) firstAt = lastAt;
      if (received === expected) done();
    });
    await Bun.sleep(500);
    const rssConnected = rssMb(server.pid);
    const load = loadNote();
    const rss = rssSampler(server.pid);
    const cpu0 = cpuSeconds(server.pid);
    const t0 = performance.now();
    const deadline = t0 + CAP_S * 1000;
    let posted = 0,
      postFailures = 0,
      postedAt = 0;
    const poster = async () => {
      while (posted < M && performance.now() < deadline) {
        const i = posted++;
        const res = await fetch(`${server.base}/api/v1/statuses`, {
          method: "POST",
          headers: { Authorization: `Bearer ${authorToken}`, "Content-Type": "application/json" },
          body: JSON.stringify({ status: `burst ${i}`, visibility: "public" }),
        });
        if (res.status !== 200) postFailures++;
        await res.arrayBuffer();
      }
    };
    const posting = Promise.all(Array.from({ length: POSTERS }, poster)).then(() => {
      postedAt = performance.now();
    });
    await Promise.race([finished, Bun.sleep(CAP_S * 1000)]);
    await posting;
    const capped = received < expected;
    const cpu = cpuSeconds(server.pid) - cpu0;
    const peak = rss.stop();
    const span = ((capped ? performance.now() : lastAt) - t0) / 1000;
    console.log(
      `\nStreaming (issue 4): ${N} WebSocket connections (user stream; every other one also public:local), ` +
        `${M} statuses posted by ${POSTERS} concurrent HTTP clients; server in its own process${CPUS ? ` pinned to CPU ${CPUS}` : ""}; ${load} at the start`,
    );
    printTable(
      ["events expected", "received", "posting s", "first event ms", "last event s", "events/s", "statuses/s", "server CPU s", "capped"],
      [
        [
          String(expected),
          String(received),
          `${fmt((postedAt - t0) / 1000, 2)}${posted < M ? ` (${posted} posted)` : ""}`,
          fmt(firstAt - t0, 0),
          fmt(span, 2),
          fmt(received / span, 0),
          fmt(received / (N + N / 2) / span, 1),
          fmt(cpu, 2),
          capped ? `yes (${CAP_S} s)` : "no",
        ],
      ],
    );
    if (postFailures) console.log(`  ${postFailures} posts failed`);
    console.log(
      `server RSS: idle ${fmt(rssIdle)} MB, with ${N} connections ${fmt(rssConnected)} MB, peak during the burst ${fmt(peak)} MB (target < 150 MB: ${peak < 150 ? "met" : "NOT met"}; ${loadNote()} at the end)`,
    );
  } finally {
    for (const ws of socks) {
      try {
        ws.close();
      } catch {
        /* gone */
      }
    }
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
}

await main();
