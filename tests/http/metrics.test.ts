/**
 * Prometheus metrics on METRICS_PORT, scraped over HTTP: the request counter and latency
 * histogram move with requests and are labelled by route pattern, not by URL; job, delivery,
 * database, media and memory gauges are there; the port is bound to 127.0.0.1 and the main port
 * has no /metrics. Also GET /health as Mastodon answers it.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, startTestServer, type TestServer, type TestUser } from "../rig";
import { recordHostFailureAt } from "../../src/db/queries/delivery-failures";

let s: TestServer;
let alice: TestUser;
let metricsPort: number;

beforeAll(async () => {
  metricsPort = freePort();
  s = await startTestServer({ env: { METRICS_PORT: String(metricsPort) }, runJobs: false });
  alice = await s.createUser("alice");
  // A file in local media storage, so the media size is not zero.
  mkdirSync(join(s.dataDir, "media", "probe"), { recursive: true });
  writeFileSync(join(s.dataDir, "media", "probe", "x.bin"), new Uint8Array(4096));
});
afterAll(() => s.stop());

const scrape = async () => {
  const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  return res.text();
};

/** The value of the sample `name{labels}` exactly as written, or 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /health", () => {
  test("200 OK as text/plain, without a token", async () => {
    const res = await fetch(`${s.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toBe("OK");
    const head = await fetch(`${s.url}/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("metrics", () => {
  test("requests are counted by route pattern and status, with latency", async () => {
    const before = await scrape();
    const byId = `hearth_http_requests_total{method="GET",route="/api/v1/accounts/:id",status="200"}`;
    const missing = `hearth_http_requests_total{method="GET",route="/api/v1/accounts/:id",status="404"}`;
    const health = `hearth_http_requests_total{method="GET",route="/health",status="200"}`;
    for (let i = 0; i < 3; i++) expect((await s.api("GET", `/api/v1/accounts/${alice.id}`)).status).toBe(200);
    expect((await s.api("GET", "/api/v1/accounts/999999")).status).toBe(404);
    expect((await s.api("GET", "/health")).status).toBe(200);
    expect((await s.api("GET", "/no/such/path")).status).toBe(404);
    expect((await s.api("POST", "/no/such/path")).status).toBe(404);
    const after = await scrape();
    expect(sample(after, byId) - sample(before, byId)).toBe(3);
    expect(sample(after, missing) - sample(before, missing)).toBe(1);
    expect(sample(after, health) - sample(before, health)).toBe(1);
    // Raw URLs never become labels.
    expect(after).not.toContain(`/api/v1/accounts/${alice.id}"`);
    expect(after).not.toContain("/no/such/path");
    // A GET nothing else answers falls to the web client's catch-all; a POST matches no route at all.
    expect(sample(after, `hearth_http_requests_total{method="GET",route="/*",status="404"}`)).toBeGreaterThanOrEqual(1);
    expect(sample(after, `hearth_http_requests_total{method="POST",route="(unmatched)",status="404"}`)).toBe(1);
    const count = `hearth_http_request_duration_seconds_count{method="GET",route="/api/v1/accounts/:id"}`;
    expect(sample(after, count) - sample(before, count)).toBe(4);
    const inf = `hearth_http_request_duration_seconds_bucket{method="GET",route="/api/v1/accounts/:id",le="+Inf"}`;
    expect(sample(after, inf)).toBe(sample(after, count));
    expect(sample(after, `hearth_http_request_duration_seconds_sum{method="GET",route="/api/v1/accounts/:id"}`)).toBeGreaterThan(0);
    expect(after).toContain("# TYPE hearth_http_request_duration_seconds histogram");
  });

  test("job queue depth and failures by kind, failing delivery hosts", async () => {
    const before = await scrape();
    const queued = `hearth_jobs_queued{kind="metrics.test"}`;
    expect(sample(before, queued)).toBe(0);
    const a = s.ctx.jobs.enqueue("metrics.test" as any, {});
    s.ctx.jobs.enqueue("metrics.test" as any, {});
    // One of them fails an attempt: the claim counts it, fail() schedules the retry.
    const [job] = s.ctx.jobs.claim(1);
    expect(job!.id).toBe(a);
    s.ctx.jobs.fail(job!, "boom");
    recordHostFailureAt(s.ctx.db, "dead.example", Date.now(), 7);
    recordHostFailureAt(s.ctx.db, "dead.example", Date.now(), 7);
    const after = await scrape();
    expect(sample(after, queued)).toBe(2);
    expect(sample(after, `hearth_jobs_failing{kind="metrics.test"}`)).toBe(1);
    expect(sample(after, `hearth_delivery_failures{host="dead.example"}`)).toBe(2);
    expect(sample(after, `hearth_delivery_host_unavailable{host="dead.example"}`)).toBe(0);
  });

  test("database, media and memory gauges", async () => {
    const text = await scrape();
    expect(sample(text, "hearth_database_size_bytes")).toBeGreaterThan(100_000);
    expect(sample(text, "hearth_media_size_bytes")).toBeGreaterThanOrEqual(4096);
    expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(10_000_000);
    expect(sample(text, "hearth_heap_used_bytes")).toBeGreaterThan(0);
    // Every sample line is `name{labels} number`.
    for (const line of text.split("\n").filter((l) => l && !l.startsWith("#")))
      expect(line).toMatch(/^[a-z_:][a-z0-9_:]*(\{.*\})? -?[0-9.e+-]+$/i);
  });

  test("the port listens on 127.0.0.1 only; the main port has no /metrics", async () => {
    expect(s.server.metrics!.url).toBe(`http://127.0.0.1:${metricsPort}/metrics`);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
    const main = await s.api("GET", "/metrics");
    expect(main.status).toBe(404);
    expect(await main.text()).not.toContain("hearth_http_requests_total");
  });
});
