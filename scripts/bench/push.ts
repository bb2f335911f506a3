/**
 * Web Push deliveries per second (issue 12): one user holds BENCH_PUSH_SUBS subscriptions (one
 * per access token, as phones and browsers do), another mentions them BENCH_PUSH_POSTS times;
 * every mention becomes one encrypted, VAPID-signed POST per subscription, sent by the server's
 * job runner (its own process) to a push receiver in this process on 127.0.0.1. Measured from the
 * first mention to the last push received, for aes128gcm and for legacy aesgcm subscriptions.
 * Knobs: BENCH_PUSH_SUBS (20), BENCH_PUSH_POSTS (100), BENCH_PUSH_SECONDS (cap per round, 60).
 */
import { createECDH } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { issueToken } from "../../src/services/oauth/tokens";
import { BENCH, benchUser, cpuSeconds, fmt, loadNote, num, printTable, rssMb, startServer, withInstance } from "./lib";

const SUBS = num("BENCH_PUSH_SUBS", 20);
const POSTS = num("BENCH_PUSH_POSTS", 100);
const CAP_S = num("BENCH_PUSH_SECONDS", 60);

const keys = () => {
  const e = createECDH("prime256v1");
  e.generateKeys();
  return {
    p256dh: e.getPublicKey().toString("base64url"),
    auth: Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url"),
  };
};

async function main(): Promise<void> {
  const dataDir = join(BENCH, "run-push");
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const { sender, pushTokens } = await withInstance(dataDir, async (ctx) => {
    const r = await benchUser(ctx, "grandma");
    const s = await benchUser(ctx, "kid");
    const pushTokens = Array.from(
      { length: SUBS },
      () => issueToken(ctx, { applicationId: r.appId, userId: r.userId, scopes: ["read", "push"] }).token,
    );
    return { sender: s.token, pushTokens };
  });

  let received = 0;
  let bytes = 0;
  let lastAt = 0;
  const rx = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: async (req) => {
      bytes += (await req.arrayBuffer()).byteLength;
      received++;
      lastAt = performance.now();
      return new Response("", { status: 201 });
    },
  });
  const server = await startServer("push-server", dataDir, { ALLOW_PRIVATE_ADDRESSES: "true" });
  const api = (path: string, token: string, body: unknown) =>
    fetch(`${server.base}${path}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  try {
    const rows: string[][] = [];
    for (const standard of [true, false]) {
      for (let i = 0; i < pushTokens.length; i++) {
        const res = await api("/api/v1/push/subscription", pushTokens[i]!, {
          subscription: { endpoint: `http://127.0.0.1:${rx.port}/s/${i}`, keys: keys(), standard },
          data: { alerts: { mention: true }, policy: "all" },
        });
        if (res.status !== 200) throw new Error(`subscribing answered ${res.status}: ${await res.text()}`);
      }
      const load = loadNote();
      received = 0;
      bytes = 0;
      const expected = SUBS * POSTS;
      const cpu0 = cpuSeconds(server.pid);
      const t0 = performance.now();
      for (let p = 0; p < POSTS; p++) {
        const res = await api("/api/v1/statuses", sender, { status: `@grandma look ${p}`, visibility: "unlisted" });
        if (res.status !== 200) throw new Error(`posting answered ${res.status}`);
      }
      const posted = performance.now();
      while (received < expected && performance.now() - t0 < CAP_S * 1000) await Bun.sleep(20);
      const seconds = ((received ? lastAt : performance.now()) - t0) / 1000;
      const cpu = cpuSeconds(server.pid) - cpu0;
      rows.push([
        standard ? "aes128gcm (RFC 8291)" : "aesgcm (legacy)",
        `${received}/${expected}`,
        fmt((posted - t0) / 1000, 2),
        fmt(seconds, 2),
        fmt(received / seconds, 0),
        fmt((cpu * 1000) / Math.max(1, received), 2),
        fmt(bytes / Math.max(1, received), 0),
        load,
      ]);
      process.stdout.write(".");
    }
    console.log(
      `\n\nWeb Push (issue 12): ${POSTS} mentions x ${SUBS} subscriptions, delivered by the server's job runner to a receiver on 127.0.0.1`,
    );
    printTable(["encoding", "pushes", "posting s", "total s", "pushes/s", "server CPU ms/push", "bytes/push", "load before"], rows);
    console.log(`server RSS after: ${fmt(rssMb(server.pid))} MB (total s: first mention to last push received; posting runs meanwhile)`);
  } finally {
    await server.stop();
    rx.stop(true);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
