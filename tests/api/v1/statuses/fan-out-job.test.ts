/**
 * POST /api/v1/statuses and the feeds.fan_out job (Mastodon's DistributionWorker): the request
 * puts the post in the author's own home feed and commits a feeds.fan_out job with it; the job
 * delivers it to followers' home feeds and lists, then streams the `update`. A job queued when
 * the server stops is still there after a restart and delivers the post then.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";
import { loadConfig } from "../../../../src/config";
import { createContext } from "../../../../src/context";
import { createLogger } from "../../../../src/log";
import { JobRunner } from "../../../../src/jobs/runner";
import { payloadOf, WsProbe } from "../../../streaming/probe";

let s: TestServer;
let author: TestUser, fan: TestUser, lister: TestUser, stranger: TestUser;
let listId: string;

beforeAll(async () => {
  s = await startTestServer({ runJobs: false });
  author = await s.createUser("fo_author");
  fan = await s.createUser("fo_fan");
  lister = await s.createUser("fo_lister");
  stranger = await s.createUser("fo_stranger");
  await fan.client.v1.accounts.$select(author.id).follow();
  await lister.client.v1.accounts.$select(author.id).follow();
  const r = await s.api("POST", "/api/v1/lists", { token: lister.token, json: { title: "Authors", exclusive: false } });
  listId = ((await r.json()) as { id: string }).id;
  await lister.client.v1.lists.$select(listId).accounts.create({ accountIds: [author.id] });
  await s.drain();
}, 30_000);
afterAll(() => s.stop());

async function post(u: TestUser, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await s.api("POST", "/api/v1/statuses", { token: u.token, json: { status, ...extra } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { id: string }).id;
}

const ids = async (u: TestUser, path: string) =>
  ((await (await s.api("GET", path, { token: u.token })).json()) as { id: string }[]).map((x) => x.id);
const home = (u: TestUser) => ids(u, "/api/v1/timelines/home?limit=40");
const list = () => ids(lister, `/api/v1/timelines/list/${listId}?limit=40`);
const queued = (kind: string) => s.count("jobs", "kind = ?", kind);

test("the request puts the post in the author's home and queues feeds.fan_out; the job gives it to followers' homes and lists", async () => {
  const id = await post(author, "hello followers");
  // Committed with the request: the author's own feed row and the job.
  expect(await home(author)).toContain(id);
  expect(queued("feeds.fan_out")).toBe(1);
  expect(
    JSON.parse(s.ctx.db.query<{ payload: string }, []>("SELECT payload FROM jobs WHERE kind = 'feeds.fan_out'").get()!.payload),
  ).toEqual({
    statusId: Number(id),
  });
  expect(await home(fan)).not.toContain(id);
  expect(await list()).not.toContain(id);
  await s.drain();
  expect(await home(fan)).toContain(id);
  expect(await home(lister)).toContain(id);
  expect(await list()).toContain(id);
  expect(await home(stranger)).not.toContain(id);
  expect(s.count("jobs")).toBe(0);
});

test("a direct post reaches, through the job, only the mentioned followers' homes", async () => {
  const id = await post(author, "@fo_fan just you", { visibility: "direct" });
  await s.drain();
  expect(await home(fan)).toContain(id);
  expect(await home(lister)).not.toContain(id);
  expect(await list()).not.toContain(id);
  expect(await home(author)).toContain(id);
});

test("a post deleted before the job runs is put in no feed", async () => {
  const id = await post(author, "gone soon");
  expect((await s.api("DELETE", `/api/v1/statuses/${id}`, { token: author.token })).status).toBe(200);
  await s.drain();
  expect(s.count("home_feeds", "status_id = ?", id)).toBe(0);
  expect(s.count("list_feeds", "status_id = ?", id)).toBe(0);
  expect(s.count("jobs")).toBe(0);
});

test("a follower's user stream gets the update after the job has put it in the feed, once", async () => {
  const probe = await WsProbe.open(`${s.url.replace(/^http/, "ws")}/api/v1/streaming?stream=user`, [fan.token]);
  try {
    probe.send({ type: "subscribe", stream: "nope" });
    await probe.next((m) => m.error === "Unknown stream type");
    const id = await post(author, "streamed");
    await Bun.sleep(50);
    expect(probe.messages.filter((m) => m.event === "update")).toEqual([]);
    await s.drain();
    // Streaming finds user streams through home_feeds: the update arrives only if the row came first.
    const m = await probe.next((x) => x.event === "update" && payloadOf(x).id === id, 3000);
    expect(payloadOf(m).content).toContain("streamed");
    await Bun.sleep(50);
    expect(probe.messages.filter((x) => x.event === "update" && payloadOf(x).id === id).length).toBe(1);
  } finally {
    probe.close();
  }
});

test("after a restart with the job still queued, the job delivers the post", async () => {
  const id = await post(author, "before the restart");
  expect(queued("feeds.fan_out")).toBe(1);
  // What a server stopped right after the commit leaves on disk.
  const dir = mkdtempSync(join(tmpdir(), "hearth-restart-"));
  try {
    s.ctx.db.exec(`VACUUM INTO '${join(dir, "hearth.sqlite")}'`);
    const ctx = createContext(
      loadConfig({ LOCAL_DOMAIN: s.domain, PORT: String(s.port), BIND: "127.0.0.1", DATA_DIR: dir, PROTOCOL: "http" }),
      { log: createLogger("error") },
    );
    try {
      const count = (sql: string) => (ctx.db.query(sql).get(Number(id)) as { n: number }).n;
      expect(count("SELECT count(*) AS n FROM jobs WHERE kind = 'feeds.fan_out' AND json_extract(payload, '$.statusId') = ?")).toBe(1);
      expect(count("SELECT count(*) AS n FROM home_feeds WHERE status_id = ?")).toBe(1); // the author's own
      expect(await new JobRunner(ctx).drain()).toBeGreaterThan(0);
      expect(
        ctx.db
          .query<{ account_id: number }, [number]>("SELECT account_id FROM home_feeds WHERE status_id = ? ORDER BY account_id")
          .all(Number(id))
          .map((r) => String(r.account_id)),
      ).toEqual([author.id, fan.id, lister.id].sort((a, b) => Number(a) - Number(b)));
      expect(count("SELECT count(*) AS n FROM list_feeds WHERE status_id = ?")).toBe(1);
      expect(count("SELECT count(*) AS n FROM jobs WHERE kind = 'feeds.fan_out' AND json_extract(payload, '$.statusId') = ?")).toBe(0);
    } finally {
      ctx.db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await s.drain();
  }
});
