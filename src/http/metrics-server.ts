/**
 * The Prometheus endpoint on its own port (METRICS_PORT, bound to METRICS_BIND: 127.0.0.1 unless
 * told otherwise, so only this machine can scrape it): GET /metrics answers the request metrics
 * plus gauges read at scrape time: jobs waiting and failing by kind, failing delivery hosts,
 * database and media size, and the process' memory.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { AppContext } from "../context";
import { listFailingHosts } from "../db/queries/delivery-failures";
import { countJobsByKind } from "../db/queries/jobs";
import { HEARTH_VERSION } from "../version";
import { family, labels, type HttpMetrics } from "./metrics";

/** Walking the media folder costs a stat per file: its total is reused for this long. */
const MEDIA_SIZE_TTL_MS = 5 * 60 * 1000;

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** Bytes under `dir` (0 when it does not exist). */
async function folderSize(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const e of entries) if (e.isFile()) total += await sizeOf(join(e.parentPath ?? (e as any).path, e.name));
  return total;
}

/** The gauges of this instance, read now (media size from a cache of at most MEDIA_SIZE_TTL_MS). */
function gaugeCollector(ctx: AppContext): () => Promise<string> {
  let media: { at: number; bytes: number } | null = null;
  const started = Date.now() / 1000;
  return async () => {
    const jobs = countJobsByKind(ctx.db);
    const hosts = listFailingHosts(ctx.db);
    const dbFile = join(ctx.config.dataDir, "hearth.sqlite");
    const dbBytes = (await sizeOf(dbFile)) + (await sizeOf(`${dbFile}-wal`));
    const mem = process.memoryUsage();
    let out =
      family("hearth_info", "gauge", "Hearth's version.", [[`hearth_info${labels({ version: HEARTH_VERSION })}`, 1]]) +
      family(
        "hearth_jobs_queued",
        "gauge",
        "Jobs waiting or running, by kind.",
        jobs.map((j) => [`hearth_jobs_queued${labels({ kind: j.kind })}`, j.queued]),
      ) +
      family(
        "hearth_jobs_failing",
        "gauge",
        "Jobs whose last attempt failed and that wait for a retry, by kind.",
        jobs.map((j) => [`hearth_jobs_failing${labels({ kind: j.kind })}`, j.failing]),
      ) +
      family(
        "hearth_delivery_failures",
        "gauge",
        "Failed deliveries on record for a host that has not answered since (the tracker forgets a host once it answers).",
        hosts.map((h) => [`hearth_delivery_failures${labels({ host: h.host })}`, h.failures]),
      ) +
      family(
        "hearth_delivery_host_unavailable",
        "gauge",
        "1 when deliveries to the host have stopped after days of failures.",
        hosts.map((h) => [`hearth_delivery_host_unavailable${labels({ host: h.host })}`, h.unavailable ? 1 : 0]),
      ) +
      family("hearth_database_size_bytes", "gauge", "Size of the SQLite database file and its write-ahead log.", [
        ["hearth_database_size_bytes", dbBytes],
      ]);
    if (!ctx.config.s3) {
      if (!media || Date.now() - media.at > MEDIA_SIZE_TTL_MS)
        media = { at: Date.now(), bytes: await folderSize(join(ctx.config.dataDir, "media")) };
      out += family("hearth_media_size_bytes", "gauge", "Size of the media folder (local storage; refreshed every 5 minutes).", [
        ["hearth_media_size_bytes", media.bytes],
      ]);
    }
    out +=
      family("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", [["process_resident_memory_bytes", mem.rss]]) +
      family("hearth_heap_used_bytes", "gauge", "JavaScript heap in use.", [["hearth_heap_used_bytes", mem.heapUsed]]) +
      family("hearth_heap_size_bytes", "gauge", "JavaScript heap reserved.", [["hearth_heap_size_bytes", mem.heapTotal]]) +
      family("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.", [
        ["process_start_time_seconds", Math.round(started)],
      ]);
    return out;
  };
}

/** A running metrics listener. */
export interface MetricsServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Listens on `port`/`hostname` and answers GET /metrics; every other path is 404. */
export function startMetricsServer(ctx: AppContext, metrics: HttpMetrics, opts: { port: number; hostname: string }): MetricsServer {
  const gauges = gaugeCollector(ctx);
  const server = Bun.serve({
    port: opts.port,
    hostname: opts.hostname,
    async fetch(request) {
      if (new URL(request.url).pathname !== "/metrics" || (request.method !== "GET" && request.method !== "HEAD"))
        return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      try {
        const body = metrics.render() + (await gauges());
        return new Response(request.method === "HEAD" ? null : body, {
          headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" },
        });
      } catch (e) {
        ctx.log.error(`metrics: ${e instanceof Error ? e.message : String(e)}`);
        return new Response("metrics unavailable\n", { status: 500, headers: { "Content-Type": "text/plain; charset=utf-8" } });
      }
    },
  });
  const host = opts.hostname.includes(":") ? `[${opts.hostname}]` : opts.hostname;
  return { port: server.port!, url: `http://${host}:${server.port}/metrics`, stop: () => server.stop(true) };
}
