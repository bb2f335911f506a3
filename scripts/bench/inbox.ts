/**
 * Inbox throughput: signed Create(Note) activities POSTed to /inbox by N concurrent clients.
 * Measures accepted/s (signature verified, activity stored as an ap.inbox job, 202) and then
 * processed/s (jobs drained: status stored, fanned out to a local follower's home feed).
 * Requests are signed before the clock starts, so client-side RSA signing is not measured;
 * the server, the fake remote and the clients share this process (figures are conservative).
 * Run: node_modules/.bin/bun scripts/bench/inbox.ts   Knobs: BENCH_INBOX_N (activities per
 * round, default 2000), BENCH_INBOX_CLIENTS (comma list, default 1,10,50), BENCH_INBOX_ACTORS (10).
 */
import { startTestServer } from "../../tests/rig";
import { FakeRemote, type FakeActor } from "../../tests/activitypub/inbox/fake-remote";
import { signRequest } from "../../src/activitypub/outbound/signatures";

const N = Number(process.env.BENCH_INBOX_N ?? 2000);
const CLIENTS = (process.env.BENCH_INBOX_CLIENTS ?? "1,10,50").split(",").map(Number);
const ACTORS = Number(process.env.BENCH_INBOX_ACTORS ?? 10);

interface Signed {
  url: string;
  headers: Record<string, string>;
  body: string;
}

async function presign(remote: FakeRemote, actors: FakeActor[], inbox: string, n: number): Promise<Signed[]> {
  const out: Signed[] = [];
  for (let i = 0; i < n; i++) {
    const a = actors[i % actors.length]!;
    const note = remote.note(a, `bench note ${i} with some text to make it look like a real post #bench`);
    const body = JSON.stringify({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${note.id}/activity`,
      type: "Create",
      actor: a.uri,
      to: note.to,
      cc: note.cc,
      object: note,
    });
    const headers = await signRequest(
      { method: "POST", url: inbox, headers: { "Content-Type": "application/activity+json" }, body },
      { keyId: a.keyId, privateKeyPem: a.privateKeyPem },
      Date.now(),
    );
    out.push({ url: inbox, headers, body });
  }
  return out;
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0;
}

async function main(): Promise<void> {
  const s = await startTestServer({ runJobs: false });
  const remote = new FakeRemote();
  try {
    const reader = await s.createUser("reader");
    const actors: FakeActor[] = [];
    for (let i = 0; i < ACTORS; i++) actors.push(await remote.addActor(`poster${i}`, {}, i % 3));
    const inbox = `${s.url}/inbox`;
    // Warm-up: every actor is fetched and stored once, and the reader follows each.
    for (const a of actors) {
      const res = await remote.send(inbox, { id: remote.id(), type: "Dance", actor: a.uri }, a);
      if (res.status !== 202) throw new Error(`warm-up failed: ${res.status}`);
    }
    await s.drain();
    s.ctx.db
      .query(
        `INSERT OR IGNORE INTO follows (id, account_id, target_account_id, created_at)
       SELECT abs(random() % 1000000000000), ?, id, 0 FROM accounts WHERE domain IS NOT NULL`,
      )
      .run(reader.account.id);

    const rows: string[][] = [];
    for (const clients of CLIENTS) {
      const reqs = await presign(remote, actors, inbox, N);
      const statusesBefore = s.count("statuses");
      const lat: number[] = [];
      let next = 0;
      let accepted = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (next < reqs.length) {
            const r = reqs[next++]!;
            const t = performance.now();
            const res = await fetch(r.url, { method: "POST", headers: r.headers, body: r.body });
            await res.arrayBuffer();
            lat.push(performance.now() - t);
            if (res.status === 202) accepted++;
          }
        }),
      );
      const acceptSec = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      await s.drain();
      const processSec = (performance.now() - t1) / 1000;
      const stored = s.count("statuses") - statusesBefore;
      lat.sort((a, b) => a - b);
      rows.push([
        String(clients),
        String(N),
        String(accepted),
        (accepted / acceptSec).toFixed(0),
        pct(lat, 0.5).toFixed(1),
        pct(lat, 0.99).toFixed(1),
        String(stored),
        (stored / processSec).toFixed(0),
      ]);
    }
    const head = ["clients", "sent", "accepted", "accepted/s", "p50 ms", "p99 ms", "stored", "processed/s"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => c.padStart(widths[i]!)).join("  ");
    console.log(`inbox benchmark: ${N} signed Create(Note) per round, ${ACTORS} remote actors, one local follower`);
    console.log(line(head));
    for (const r of rows) console.log(line(r));
  } finally {
    remote.stop();
    await s.stop();
  }
}

await main();
