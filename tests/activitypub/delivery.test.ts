import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  deliverToAccounts,
  deliverToFollowers,
  isHostUnavailable,
  markHostAlive,
  UNAVAILABLE_AFTER_DAYS,
} from "../../src/activitypub/outbound/delivery";
import { blockDomain } from "../../src/services/admin/block-domain";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { startServer } from "../../src/server";
import { createLocalAccount } from "../../src/services/accounts/create-local";
import type { VerifyResult } from "../../src/activitypub/outbound/signatures";
import { FakeRemote, freePort, startTestServer, type Received, type TestServer } from "../rig";
import { insertFollowRow, insertRemoteAccount } from "../rig/fixtures";

const DAY = 24 * 3600_000;
let clock = Date.parse("2025-03-01T12:00:00Z");

/** A remote server's inbox (the rig's FakeRemote): verifies Hearth's signature with Hearth's own verifier and records requests. */
interface Sink {
  url: string;
  host: string;
  stop(): void;
  requests: (Received & { verified: VerifyResult })[];
  status: (path: string) => number;
}
const keys = new Map<string, { pem: string; owner: string }>();

function startSink(status: (path: string, n: number) => number): Sink {
  const remote = new FakeRemote({
    inboxStatus: status,
    verify: {
      keys: (keyId) => {
        const k = keys.get(keyId);
        return k ? { publicKeyPem: k.pem, ownerUri: k.owner } : null;
      },
      now: () => clock,
    },
  });
  return {
    url: remote.base,
    host: remote.host,
    stop: () => remote.stop(),
    requests: remote.received as Sink["requests"],
    status: (p) => status(p, 0),
  };
}

let s: TestServer;
let sink: Sink;
let alice: { id: number; uri: string };
let seq = 0;
let deadMode = 503;
let dead: Sink;

function remote(
  ctx: AppContext,
  o: { domain: string; inbox: string; shared?: string | null; followAlice?: boolean; suspended?: boolean },
): number {
  const name = `r${++seq}`;
  const { id } = insertRemoteAccount(ctx, name, o.domain, {
    inbox_url: o.inbox,
    shared_inbox_url: o.shared ?? null,
    suspended_at: o.suspended ? clock : null,
    created_at: clock,
    updated_at: clock,
  });
  if (o.followAlice !== false) insertFollowRow(ctx, id, alice.id, { created_at: clock });
  return id;
}

const activity = (n: string) => ({
  "@context": "https://www.w3.org/ns/activitystreams",
  id: `${s.ctx.uris.base}/activities/${n}`,
  type: "Create",
  actor: alice.uri,
  object: { type: "Note", content: n },
});
const inTx = (fn: () => void) => s.ctx.db.transaction(fn).immediate();
const deliverJobs = () => s.count("jobs", "kind = 'ap.deliver'");

beforeAll(async () => {
  s = await startTestServer({ now: () => clock, runJobs: false });
  sink = startSink((path, n) => (path.startsWith("/gone") ? 410 : path.startsWith("/flaky") && n <= 2 ? 500 : 202));
  dead = startSink(() => deadMode);
  const u = await s.createUser("alice");
  alice = { id: u.account.id, uri: u.account.uri };
  keys.set(`${u.account.uri}#main-key`, { pem: u.account.public_key_pem!, owner: u.account.uri });
});

afterAll(async () => {
  sink.stop();
  dead.stop();
  await s.stop();
});

describe("fan-out", () => {
  test("one signed POST per unique inbox: shared inboxes first, no suspended accounts or domains, never ourselves", async () => {
    const a1 = remote(s.ctx, { domain: "a.test", inbox: `${sink.url}/a/users/1/inbox`, shared: `${sink.url}/a/inbox` });
    remote(s.ctx, { domain: "a.test", inbox: `${sink.url}/a/users/2/inbox`, shared: `${sink.url}/a/inbox` });
    remote(s.ctx, { domain: "a.test", inbox: `${sink.url}/a/users/3/inbox`, shared: `${sink.url}/a/inbox` });
    remote(s.ctx, { domain: "b.test", inbox: `${sink.url}/b/users/x/inbox`, shared: "" });
    remote(s.ctx, { domain: "c.test", inbox: `${sink.url}/c/users/x/inbox`, suspended: true });
    remote(s.ctx, { domain: "evil.test", inbox: `${sink.url}/evil/inbox` });
    const notFollower = remote(s.ctx, {
      domain: "d.test",
      inbox: `${sink.url}/d/users/y/inbox`,
      shared: `${sink.url}/d/inbox`,
      followAlice: false,
    });
    blockDomain(s.ctx, { domain: "evil.test", severity: "suspend", rejectMedia: false });
    inTx(() =>
      deliverToFollowers(s.ctx, alice.id, activity("one"), {
        accountIds: [a1, notFollower],
        inboxes: [`${s.url}/inbox`, `${sink.url}/a/inbox`],
      }),
    );
    expect(s.count("jobs", "kind = 'ap.fanout'")).toBe(1);
    await s.drain();
    expect(sink.requests.map((r) => r.path).sort()).toEqual(["/a/inbox", "/b/users/x/inbox", "/d/users/y/inbox"]);
    for (const r of sink.requests) {
      expect(r.verified).toMatchObject({ ok: true, ownerUri: alice.uri, scheme: "cavage" });
      expect(r.body).toEqual(activity("one"));
      expect(r.contentType).toBe("application/activity+json");
    }
    expect(s.count("jobs")).toBe(0);
  });

  test("nothing to enqueue for no recipients; evil.test's block also stops direct deliveries", async () => {
    sink.requests.length = 0;
    inTx(() => deliverToAccounts(s.ctx, alice.id, activity("none"), []));
    expect(s.count("jobs")).toBe(0);
    const evil = remote(s.ctx, { domain: "evil.test", inbox: `${sink.url}/evil/users/z/inbox`, followAlice: false });
    inTx(() => deliverToAccounts(s.ctx, alice.id, activity("evil"), [evil]));
    await s.drain();
    expect(sink.requests).toEqual([]);
  });
});

describe("retries and drops", () => {
  test("a 500 is retried with backoff until it succeeds", async () => {
    sink.requests.length = 0;
    const f = remote(s.ctx, { domain: "flaky.test", inbox: `${sink.url}/flaky/inbox`, followAlice: false });
    inTx(() => deliverToAccounts(s.ctx, alice.id, activity("flaky"), [f]));
    await s.drain();
    expect(sink.requests.length).toBe(1);
    const job = s.ctx.db.query("SELECT attempts, run_at, last_error FROM jobs WHERE kind = 'ap.deliver'").get() as any;
    expect(job.attempts).toBe(1);
    expect(job.last_error).toContain("answered 500");
    expect(job.run_at - clock).toBeGreaterThanOrEqual(16_000);
    expect(job.run_at - clock).toBeLessThanOrEqual(77_000);
    await s.drain(); // not due yet
    expect(sink.requests.length).toBe(1);
    clock += 2 * 60_000;
    await s.drain();
    expect(sink.requests.length).toBe(2);
    expect(s.count("delivery_failures", "host = ?", sink.host)).toBe(1);
    clock += 10 * 60_000;
    await s.drain();
    expect(sink.requests.length).toBe(3);
    expect(sink.requests.every((r) => r.verified.ok)).toBe(true);
    expect(deliverJobs()).toBe(0);
    expect(s.count("delivery_failures")).toBe(0); // success clears the tracker
  });

  test("a 410 is dropped at once", async () => {
    sink.requests.length = 0;
    const g = remote(s.ctx, { domain: "gone.test", inbox: `${sink.url}/gone/inbox`, followAlice: false });
    inTx(() => deliverToAccounts(s.ctx, alice.id, activity("gone"), [g]));
    await s.drain();
    clock += DAY;
    await s.drain();
    expect(sink.requests.length).toBe(1);
    expect(s.count("jobs")).toBe(0);
  });
});

describe("per-host tracker", () => {
  test(`a host failing on ${UNAVAILABLE_AFTER_DAYS} distinct days is skipped until it answers again`, async () => {
    const d = remote(s.ctx, { domain: "dead.test", inbox: `${dead.url}/inbox`, followAlice: false });
    for (let day = 0; day < UNAVAILABLE_AFTER_DAYS; day++) {
      expect(isHostUnavailable(s.ctx, dead.host)).toBe(false);
      inTx(() => deliverToAccounts(s.ctx, alice.id, activity(`dead${day}`), [d]));
      await s.drain();
      clock += DAY;
    }
    expect(isHostUnavailable(s.ctx, dead.host)).toBe(true);
    const seen = dead.requests.length;
    expect(deliverJobs()).toBeGreaterThan(0); // earlier retries still queued…
    await s.drain();
    expect(deliverJobs()).toBe(0); // …are dropped without a request
    inTx(() => deliverToAccounts(s.ctx, alice.id, activity("skipped"), [d]));
    await s.drain();
    expect(dead.requests.length).toBe(seen);
    // The host talks to us again (the inbox calls markHostAlive): deliveries resume.
    deadMode = 202;
    markHostAlive(s.ctx, dead.host);
    inTx(() => deliverToAccounts(s.ctx, alice.id, activity("back"), [d]));
    await s.drain();
    expect(dead.requests.length).toBe(seen + 1);
    expect(dead.requests.at(-1)!.body.object.content).toBe("back");
    expect(s.count("delivery_failures")).toBe(0);
  });
});

describe("durability", () => {
  test("queued deliveries survive a restart on the same data dir", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hearth-restart-"));
    const port = freePort();
    const config = loadConfig({
      LOCAL_DOMAIN: `127.0.0.1:${port}`,
      PORT: String(port),
      DATA_DIR: dir,
      PROTOCOL: "http",
      ALLOW_PRIVATE_ADDRESSES: "true",
      RATE_LIMITS: "false",
    });
    let failing = true;
    const box = startSink(() => (failing ? 503 : 202));
    try {
      const ctx1 = createContext(config, { now: () => clock, log: createLogger("error") });
      const srv1 = startServer(ctx1, { port, runJobs: false });
      const { account } = await createLocalAccount(ctx1, { username: "carol", email: "carol@example.com", password: "carol-password" });
      keys.set(`${account.uri}#main-key`, { pem: account.public_key_pem!, owner: account.uri });
      const saved = alice;
      alice = { id: account.id, uri: account.uri };
      remote(ctx1, { domain: "later.test", inbox: `${box.url}/inbox` });
      alice = saved;
      ctx1.db
        .transaction(() => deliverToFollowers(ctx1, account.id, { type: "Create", actor: account.uri, id: `${account.uri}#x` }))
        .immediate();
      await srv1.runner.drain();
      expect(box.requests.length).toBe(1);
      await srv1.stop();
      ctx1.db.close();
      // A new process: the pending retry is in the jobs table and the background runner picks it up when due.
      failing = false;
      const ctx2 = createContext(config, { now: () => clock + 10 * 60_000, log: createLogger("error") });
      const srv2 = startServer(ctx2, { port });
      for (let i = 0; i < 200 && box.requests.length < 2; i++) await Bun.sleep(10);
      await srv2.stop();
      expect(box.requests.length).toBe(2);
      expect(box.requests[1]!.verified).toMatchObject({ ok: true, ownerUri: account.uri });
      expect((ctx2.db.query("SELECT count(*) AS n FROM jobs").get() as any).n).toBe(0);
      ctx2.db.close();
    } finally {
      box.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
