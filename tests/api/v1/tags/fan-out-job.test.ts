/**
 * The feeds.tag_fan_out job: POST /api/v1/statuses only enqueues the delivery to followers
 * (feeds.fan_out), whose job enqueues the delivery to hashtag followers; that job adds the status to their home feeds in batches (one transaction each,
 * continuing from a follower-id cursor) and streams one `update` per user stream. A status
 * deleted before (or during) the job is never put back. Jobs run only when the test drains
 * them or steps through them.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { handlers } from "../../../../src/jobs/runner";
import type { JobRow } from "../../../../src/db/job-queue";
import { payloadOf, WsProbe } from "../../../streaming/probe";

let s: TestServer;
let bob: TestUser, carol: TestUser;
/** Tag followers in id order; the last one also follows bob. */
let fans: TestUser[];

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  bob = await s.createUser("bob");
  carol = await s.createUser("carol");
  fans = [];
  for (const n of ["fan0", "fan1", "fan2", "fan3", "friend"]) fans.push(await s.createUser(n));
  fans.sort((a, b) => Number(a.id) - Number(b.id));
  for (const f of fans) await f.client.v1.tags.$select("rust").follow();
  await fans[4]!.client.v1.accounts.$select(bob.id).follow();
  await s.drain();
}, 30_000);
afterAll(() => s.stop());

async function post(u: TestUser, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.api("POST", "/api/v1/statuses", { token: u.token, json: { status, ...extra } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { id: string }).id;
}

const queued = (kind: string) => s.count("jobs", "kind = ?", kind);
const inFeed = (u: TestUser, id: string) => s.count("home_feeds", "account_id = ? AND status_id = ?", u.id, id);
const delivered = (id: string) => fans.map((f) => inFeed(f, id));

/** Runs the oldest queued job of `kind` as the runner would (one batch of a fan-out). */
async function runNext(kind: string): Promise<void> {
  const job = s.ctx.db.query<JobRow, [string]>("SELECT * FROM jobs WHERE kind = ? ORDER BY id LIMIT 1").get(kind);
  expect(job).not.toBeNull();
  await handlers.get(kind)!(s.ctx, JSON.parse(job!.payload), job!);
  s.ctx.jobs.complete(job!.id);
}

/** Makes the queued fan-out jobs work `n` followers at a time. */
function batchOf(n: number): void {
  s.ctx.db.query("UPDATE jobs SET payload = json_set(payload, '$.batch', ?) WHERE kind = 'feeds.tag_fan_out'").run(n);
}

/** A user stream of `u`, registered with the server before this returns. */
async function userStream(u: TestUser): Promise<WsProbe> {
  const p = await WsProbe.open(`${s.url.replace(/^http/, "ws")}/api/v1/streaming?stream=user`, [u.token]);
  p.send({ type: "subscribe", stream: "nope" });
  await p.next((m) => m.error === "Unknown stream type");
  return p;
}

/**
 * How many `update` events for `id` each probe received: each probe's owner posts a marker,
 * which reaches its own user stream after anything streamed before it.
 */
async function updatesOf(id: string, probes: [TestUser, WsProbe][]): Promise<number[]> {
  const markers = await Promise.all(probes.map(([u]) => post(u, "marker")));
  await s.drain();
  const out: number[] = [];
  for (const [i, [, p]] of probes.entries()) {
    await p.next((m) => m.event === "update" && payloadOf(m).id === markers[i], 3000);
    out.push(p.messages.filter((m) => m.event === "update" && payloadOf(m).id === id).length);
  }
  return out;
}

test("no job when nobody follows the tags, for unlisted posts and for boosts: the update streams as before", async () => {
  await post(bob, "#golang only");
  await post(bob, "#rust but unlisted", { visibility: "unlisted" });
  const tagged = await post(carol, "#rust by carol");
  await s.drain();
  expect((await s.api("POST", `/api/v1/statuses/${tagged}/reblog`, { token: bob.token })).status).toBe(200);
  expect(queued("feeds.tag_fan_out")).toBe(0);
  expect(queued("stream.update")).toBe(1);
  await s.drain();
});

test("the POST only enqueues; draining delivers to every tag follower and streams the update once each", async () => {
  const probes: [TestUser, WsProbe][] = [
    [fans[0]!, await userStream(fans[0]!)],
    [fans[4]!, await userStream(fans[4]!)],
  ];
  try {
    const id = await post(bob, "Hello #Rust");
    expect(queued("feeds.tag_fan_out")).toBe(0);
    await runNext("feeds.fan_out"); // followers' feeds; it enqueues the tag fan-out
    // Only bob's follower has it yet; the stream.update waits for the job's first batch.
    expect(delivered(id)).toEqual([0, 0, 0, 0, 1]);
    expect(queued("feeds.tag_fan_out")).toBe(1);
    expect(queued("stream.update")).toBe(0);
    await s.drain();
    expect(delivered(id)).toEqual([1, 1, 1, 1, 1]);
    expect(inFeed(carol, id)).toBe(0);
    expect(s.count("jobs")).toBe(0);
    expect(await updatesOf(id, probes)).toEqual([1, 1]);
  } finally {
    for (const [, p] of probes) p.close();
  }
});

test("batches: each job takes the next followers after its cursor; later batches stream only to whom they added", async () => {
  const probes: [TestUser, WsProbe][] = [0, 3, 4].map((i) => [fans[i]!, null as unknown as WsProbe]);
  for (const pr of probes) pr[1] = await userStream(pr[0]);
  await fans[2]!.client.v1.accounts.$select(bob.id).mute();
  try {
    const id = await post(bob, "#rust in batches");
    await runNext("feeds.fan_out");
    batchOf(2);
    await runNext("feeds.tag_fan_out");
    expect(delivered(id)).toEqual([1, 1, 0, 0, 1]);
    const next = s.ctx.db.query<{ payload: string }, []>("SELECT payload FROM jobs WHERE kind = 'feeds.tag_fan_out'").all();
    expect(next.map((j) => JSON.parse(j.payload))).toEqual([{ statusId: Number(id), after: Number(fans[1]!.id), batch: 2 }]);
    await runNext("feeds.tag_fan_out");
    // fan2 mutes bob: the rules hold in every batch.
    expect(delivered(id)).toEqual([1, 1, 0, 1, 1]);
    await runNext("feeds.tag_fan_out"); // the friend already had it through the follow
    expect(queued("feeds.tag_fan_out")).toBe(0);
    await s.drain();
    expect(await updatesOf(id, probes)).toEqual([1, 1, 1]);
  } finally {
    for (const [, p] of probes) p.close();
    await fans[2]!.client.v1.accounts.$select(bob.id).unmute();
  }
});

test("a status deleted before the job runs, or between its batches, is not put back in any feed", async () => {
  const probe = await userStream(fans[0]!);
  try {
    const early = await post(bob, "#rust soon gone");
    expect((await s.api("DELETE", `/api/v1/statuses/${early}`, { token: bob.token })).status).toBe(200);
    await s.drain();
    expect(s.count("home_feeds", "status_id = ?", early)).toBe(0);

    const midway = await post(bob, "#rust gone midway");
    await runNext("feeds.fan_out");
    batchOf(2);
    await runNext("feeds.tag_fan_out");
    expect(delivered(midway)).toEqual([1, 1, 0, 0, 1]);
    expect((await s.api("DELETE", `/api/v1/statuses/${midway}`, { token: bob.token })).status).toBe(200);
    await s.drain();
    expect(s.count("home_feeds", "status_id = ?", midway)).toBe(0);
    expect(s.count("jobs")).toBe(0); // the leftover batch ended without an error (no retry queued)
    expect(await updatesOf(early, [[fans[0]!, probe]])).toEqual([0]);
  } finally {
    probe.close();
  }
});
