/** Builds the HTTP server: Elysia app, body parsing, error mapping and every route group. */
import { Elysia } from "elysia";
import type { AppContext } from "./context";
import { ApiError } from "./model/errors";
import { parseBody, readRawBody } from "./http/params";
import { errorResponse, json, PARSE_ERROR, RAW_BODY, Router } from "./http/route";
import { securityHeadersWrap } from "./http/security-headers";
import { compressionWrap } from "./http/compression";
import { HttpMetrics } from "./http/metrics";
import { IdleMemory } from "./http/idle-memory";
import { clearGroupedAnswers } from "./db/views/notification-groups-cache";
import { shrinkDatabaseMemory } from "./db/maintenance";
import { clearAccountCache } from "./db/views/account-cache";
import { clearStatusCache } from "./db/views/status-cache";
import { startMetricsServer, type MetricsServer } from "./http/metrics-server";
import health from "./api/health";
import { JobRunner } from "./jobs/runner";
import { setMediaThreads } from "./media/sharp";
import avatarPng from "./assets/missing-avatar.png" with { type: "file" };
import headerPng from "./assets/missing-header.png" with { type: "file" };
import oauth from "./oauth";
import apps from "./api/v1/apps";
import registrations from "./api/v1/registrations";
import instance from "./api/v1/instance";
import instanceV2 from "./api/v2/instance";
import accounts from "./api/v1/accounts";
import followRequests from "./api/v1/follow-requests";
import statuses from "./api/v1/statuses";
import timelines from "./api/v1/timelines";
import notifications from "./api/v1/notifications";
import misc from "./api/v1/misc";
import suggestionsV2 from "./api/v2/suggestions";
import search from "./api/v2/search";
import wellKnown from "./activitypub/inbound/well-known";
import webPages from "./pages";
import media from "./api/v1/media";
import mediaV2 from "./api/v2/media";
import polls from "./api/v1/polls";
import streaming from "./streaming";
import webClient from "./web-client";
import { startCron } from "./jobs/cron";
import apRoutes from "./activitypub/inbound/routes";
import apInbox from "./activitypub/inbound/inbox";
import apInstance from "./activitypub/inbound/instance";
import publicPages from "./pages/public";
import reports from "./api/v1/reports";
import conversations from "./api/v1/conversations";
import lists from "./api/v1/lists";
import filters from "./api/v1/filters";
import filtersV2 from "./api/v2/filters";
import tags from "./api/v1/tags";
import scheduledStatuses from "./api/v1/scheduled-statuses";
import notificationsV2 from "./api/v2/notifications";
import admin from "./api/v1/admin";
import adminV2 from "./api/v2/admin";
import security from "./pages/account";
import mediaProxy from "./api/media-proxy";

/** Route groups in registration order. Later issues append theirs here. */
export const ROUTE_GROUPS: ((r: Router) => void)[] = [
  oauth,
  apps,
  registrations,
  instance,
  instanceV2,
  accounts,
  followRequests,
  statuses,
  timelines,
  notifications,
  misc,
  suggestionsV2,
  search,
  wellKnown,
  media,
  mediaV2,
  polls,
  streaming,
  apInstance,
  apInbox,
  apRoutes,
  publicPages,
  webPages,
  reports,
  conversations,
  lists,
  filtersV2,
  filters,
  tags,
  scheduledStatuses,
  notificationsV2,
  admin,
  adminV2,
  security,
  mediaProxy,
  health,
  // the web client last: its SPA fallback must not shadow API routes
  webClient,
];

export interface Server {
  app: Elysia<any, any, any, any, any, any, any>;
  runner: JobRunner;
  url: string;
  port: number;
  stop(): Promise<void>;
  /**
   * Graceful stop (SIGTERM): no new connections, streams closed, in-flight requests and running
   * jobs finish within `graceMs` (then the rest is cut); says which finished in time.
   */
  shutdown(graceMs?: number): Promise<{ requestsDone: boolean; jobsDone: boolean }>;
  /** The Prometheus listener when METRICS_PORT is set. */
  metrics?: MetricsServer;
}

const MEDIA_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  mp4: "video/mp4",
  webm: "video/webm",
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  m4a: "audio/mp4",
  wav: "audio/wav",
};

/** Creates the Elysia app with all routes (not listening yet). */
export function createApp(
  ctx: AppContext,
  opts: { metrics?: HttpMetrics; idle?: IdleMemory } = {},
): Elysia<any, any, any, any, any, any, any> {
  const metrics = opts.metrics;
  const app = new Elysia({ strictPath: false })
    // Around everything (routes, request hooks, errors, 404s): nosniff, Referrer-Policy, CSP on HTML and media.
    .wrap(securityHeadersWrap(ctx))
    // Outside the security headers' wrap, so it sees and keeps every header: gzip or brotli for text-like bodies.
    .wrap(compressionWrap());
  // Outside those: times and counts every answer; the hook notes the route pattern each request matched.
  // Only with metrics: a transform hook is compiled into every route and runs on every request.
  if (metrics) app.wrap(metrics.wrap()).onTransform(({ request, route }) => metrics.noteRoute(request, route));
  // Outermost: notes when requests stop, so memory is given back only between them.
  if (opts.idle) app.wrap(opts.idle.wrap());
  app
    // Parse failures are handed to the route as a value: Elysia would rewrap a thrown error.
    .onParse(async ({ request, contentType }) => {
      try {
        // ActivityPub bodies stay raw: the inbox must check their digest byte for byte.
        const ct = (contentType ?? "").toLowerCase();
        if (ct.includes("activity+json") || ct.includes("ld+json") || new URL(request.url).pathname.endsWith("/inbox")) {
          return { [RAW_BODY]: await readRawBody(request) };
        }
        return await parseBody(request, contentType ?? "");
      } catch (e) {
        return { [PARSE_ERROR]: e };
      }
    })
    .onError(({ code, error }) => {
      if (error instanceof ApiError) return errorResponse(ctx, error);
      if (code === "NOT_FOUND") return json({ error: "Record not found" }, 404);
      if (code === "PARSE") return json({ error: "Error occurred while parsing request parameters" }, 400);
      return errorResponse(ctx, error);
    })
    .options(
      "/*",
      () =>
        new Response(null, {
          status: 204,
          headers: {
            "Access-Control-Allow-Origin": "*",
            "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
            "Access-Control-Allow-Headers": "Authorization, Content-Type, Idempotency-Key",
            "Access-Control-Expose-Headers":
              "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id, Idempotency-Key",
            "Access-Control-Max-Age": "86400",
          },
        }),
    )
    .get(
      "/avatars/original/missing.png",
      () => new Response(Bun.file(avatarPng), { headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400" } }),
    )
    .get(
      "/headers/original/missing.png",
      () => new Response(Bun.file(headerPng), { headers: { "Content-Type": "image/png", "Cache-Control": "public, max-age=86400" } }),
    )
    .get("/system/*", async ({ params }) => {
      const key = (params as any)["*"] as string;
      const blob = key && !key.includes("..") ? await ctx.storage.get(key) : null;
      if (!blob) return json({ error: "Record not found" }, 404);
      const ext = key.split(".").pop()?.toLowerCase() ?? "";
      return new Response(blob, {
        headers: { "Content-Type": MEDIA_TYPES[ext] ?? "application/octet-stream", "Cache-Control": "public, max-age=31536000, immutable" },
      });
    });
  const router = new Router(app, ctx);
  for (const g of ROUTE_GROUPS) g(router);
  return app;
}

/** Quiet time after which a full collection and SQLite's shrink_memory give memory back (src/http/idle-memory.ts). */
const IDLE_RECLAIM_MS = 30_000;
/** Under load, how often a full collection keeps the JS heap near what is live (~30 ms pause at 30 MB). */
const BUSY_COLLECT_MS = 10_000;

/** Starts listening on the configured bind/port and the job runner. */
export function startServer(ctx: AppContext, opts: { port?: number; hostname?: string; runJobs?: boolean } = {}): Server {
  const metrics = ctx.config.metricsPort !== null ? new HttpMetrics() : undefined;
  // Bun.gc(true): a synchronous full collection, then mimalloc returns freed pages to the system.
  // The status, account and grouped-notification caches go first (10-30 MB of views after a busy spell); they refill on use.
  const idle = new IdleMemory({
    idleMs: IDLE_RECLAIM_MS,
    busyEveryMs: BUSY_COLLECT_MS,
    collect: () => Bun.gc(true),
    reclaim: () => {
      clearStatusCache(ctx.db);
      clearAccountCache(ctx.db);
      clearGroupedAnswers(ctx.db);
      Bun.gc(true);
      shrinkDatabaseMemory(ctx.db);
    },
  });
  idle.start();
  const app = createApp(ctx, { metrics, idle });
  app.listen({ port: opts.port ?? ctx.config.port, hostname: opts.hostname ?? ctx.config.bind, maxRequestBodySize: 120 * 1024 * 1024 });
  setMediaThreads(ctx.config.mediaThreads);
  const runner = new JobRunner(ctx);
  runner.onActivity = () => idle.activity();
  if (opts.runJobs !== false) runner.start();
  const stopCron = opts.runJobs !== false ? startCron(ctx) : () => {};
  const port = app.server!.port!;
  // METRICS_BIND is 127.0.0.1 unless set: metrics stay on this machine.
  const metricsServer = metrics
    ? startMetricsServer(ctx, metrics, { port: ctx.config.metricsPort!, hostname: ctx.config.metricsBind })
    : undefined;
  return {
    app,
    runner,
    port,
    metrics: metricsServer,
    url: `http://${opts.hostname ?? ctx.config.bind}:${port}`,
    async stop() {
      idle.stop();
      stopCron();
      await runner.stop();
      await app.stop(true);
      await metricsServer?.stop();
    },
    async shutdown(graceMs = 10_000) {
      idle.stop();
      stopCron();
      const bun = app.server!;
      // Bun stops listening at once, closes idle keep-alive connections and resolves when the rest have answered.
      const answered = bun.stop(false).then(() => true);
      // Streams never finish on their own: close them now (clients reconnect to the next process).
      ctx.hub.closeAll();
      const [requestsDone, jobsDone] = await Promise.all([
        Promise.race([answered, Bun.sleep(graceMs).then(() => false)]),
        runner.stop(graceMs),
      ]);
      if (!requestsDone) await bun.stop(true);
      await metricsServer?.stop();
      return { requestsDone, jobsDone };
    },
  };
}
