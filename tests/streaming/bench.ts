/**
 * Streaming benchmark (not part of `make test`): N open WebSocket connections on the `user`
 * stream (half also on `public:local`), each a different local account following one author,
 * receive a burst of M statuses. Reports events delivered per second and the server's RSS.
 * Run: node_modules/.bin/bun tests/streaming/bench.ts [connections=1000] [statuses=1000]
 * The clients live in a child process so the RSS figure is the server's alone.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startTestServer } from "../rig";
import { createStatus } from "../../src/services/statuses/create";
import { hubFor } from "../../src/streaming/hub";

if (process.argv[2] === "--clients") {
  // child: open the sockets, count events, report
  const { url, tokens, expected } = JSON.parse(await Bun.file(process.argv[3]!).text()) as { url: string; tokens: string[]; expected: number };
  let received = 0, first = 0;
  const socks: WebSocket[] = [];
  await Promise.all(tokens.map((t, i) => new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(`${url}/api/v1/streaming?stream=user`, [t]);
    ws.onopen = () => { if (i % 2 === 0) ws.send(JSON.stringify({ type: "subscribe", stream: "public:local" })); resolve(); };
    ws.onerror = () => reject(new Error("connect failed"));
    ws.onmessage = () => {
      if (received++ === 0) first = performance.now();
      if (received === expected) { process.stdout.write(JSON.stringify({ received, ms: performance.now() - first }) + "\n"); process.exit(0); }
    };
    socks.push(ws);
  })));
  process.stdout.write("ready\n");
  setTimeout(() => { process.stdout.write(JSON.stringify({ received, ms: performance.now() - first, timeout: true }) + "\n"); process.exit(0); }, 120_000);
} else {
  const N = Number(process.argv[2] ?? 1000), M = Number(process.argv[3] ?? 1000);
  // Jobs run only when drained, so posting (home-feed fan-out) and streaming are timed apart.
  const s = await startTestServer({ runJobs: false });
  const ctx = s.ctx;
  const author = await s.createUser("author");
  const rssBefore = process.memoryUsage().rss;
  const tokens: string[] = [];
  ctx.db.transaction(() => {
    const t = ctx.now();
    for (let i = 0; i < N; i++) {
      const name = `viewer${i}`;
      const id = ctx.ids.next();
      ctx.db.query(`INSERT INTO accounts (id, username, uri, url, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(id, name, ctx.uris.actor(name), ctx.uris.profile(name), t, t);
      const uid = ctx.ids.next();
      ctx.db.query(`INSERT INTO users (id, account_id, email, password_hash, confirmed_at, created_at, updated_at) VALUES (?, ?, ?, 'x', ?, ?, ?)`)
        .run(uid, id, `${name}@example.com`, t, t, t);
      ctx.db.query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)").run(ctx.ids.next(), id, author.account.id, t);
      tokens.push(s.token(uid, ["read"]));
    }
  }).immediate();
  const file = join(s.dataDir, "bench-clients.json");
  const expected = M * (N + Math.ceil(N / 2));
  writeFileSync(file, JSON.stringify({ url: s.url.replace(/^http/, "ws"), tokens, expected }));
  const child = Bun.spawn([process.execPath, import.meta.path, "--clients", file], { stdout: "pipe", stderr: "inherit" });
  const lines = (async function* () {
    const dec = new TextDecoder();
    let buf = "";
    for await (const chunk of child.stdout as unknown as AsyncIterable<Uint8Array>) {
      buf += dec.decode(chunk);
      let i;
      while ((i = buf.indexOf("\n")) >= 0) { yield buf.slice(0, i); buf = buf.slice(i + 1); }
    }
  })();
  await lines.next(); // ready
  while (hubFor(ctx).size < N) await Bun.sleep(20);
  await Bun.sleep(200);
  const rssConnected = process.memoryUsage().rss;
  const tp = performance.now();
  for (let i = 0; i < M; i++) createStatus(ctx, author.account.id, { text: `burst ${i}`, visibility: "public" }, null);
  const postMs = performance.now() - tp;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const t0 = performance.now();
  await s.drain();
  const publishMs = performance.now() - t0;
  const result = JSON.parse((await lines.next()).value as string);
  clearInterval(sampler);
  const totalMs = performance.now() - t0;
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  console.log(`connections: ${N}, statuses: ${M}, events expected: ${expected}, received: ${result.received}${result.timeout ? " (TIMEOUT)" : ""}`);
  console.log(`posting ${M} statuses with home-feed fan-out (before streaming): ${postMs.toFixed(0)} ms`);
  console.log(`server publish work (stream.update jobs): ${publishMs.toFixed(0)} ms; last event received after ${totalMs.toFixed(0)} ms; connections still open: ${hubFor(ctx).size}`);
  console.log(`delivery rate: ${Math.round(result.received / (totalMs / 1000))} events/s`);
  console.log(`server RSS: before connections ${mb(rssBefore)}, with ${N} connections ${mb(rssConnected)}, peak during burst ${mb(peak)}`);
  child.kill();
  await s.stop();
  process.exit(0);
}
