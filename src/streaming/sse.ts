/** Server-sent-events streams: GET /api/v1/streaming/<stream> (text/event-stream). */
import type { AppContext } from "../context";
import { errorResponse, type Router } from "../http/route";
import { resolveChannel, StreamError, type Channel } from "./channels";
import { streamCaller, streamErrorResponse, type StreamCaller } from "./auth";
import { Connection, type Sink } from "./hub";

/** Mastodon's paths for SSE streams. */
const PATHS: Record<string, string> = {
  "/api/v1/streaming/user": "user",
  "/api/v1/streaming/user/notification": "user:notification",
  "/api/v1/streaming/public": "public",
  "/api/v1/streaming/public/local": "public:local",
  "/api/v1/streaming/public/remote": "public:remote",
  "/api/v1/streaming/hashtag": "hashtag",
  "/api/v1/streaming/hashtag/local": "hashtag:local",
  "/api/v1/streaming/list": "list",
  "/api/v1/streaming/direct": "direct",
};
/** Frames a slow reader may fall behind before it is dropped. */
const MAX_QUEUED = 2000;

/** The stream name of an SSE path plus `only_media` (public streams only). */
function channelName(path: string, url: URL): string {
  const base = PATHS[path]!;
  const media = ["1", "true", "t", "on", "yes"].includes((url.searchParams.get("only_media") ?? "").toLowerCase());
  return media && base.startsWith("public") ? `${base}:media` : base;
}

/** Opens an SSE response subscribed to `channel` for `caller`. */
function sseResponse(ctx: AppContext, request: Request, server: any, caller: StreamCaller, channel: Channel): Response {
  const hub = ctx.hub;
  const enc = new TextEncoder();
  let conn: Connection | null = null;
  const drop = () => {
    if (conn) {
      hub.remove(conn);
      conn = null;
    }
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const sink: Sink = {
        kind: "sse",
        send(text) {
          try {
            controller.enqueue(enc.encode(text));
            return (controller.desiredSize ?? 0) > -MAX_QUEUED;
          } catch {
            return false;
          }
        },
        close() {
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        },
      };
      conn = new Connection(sink, caller.viewerId, caller.tokenId, caller.scopes);
      hub.add(conn);
      hub.subscribe(conn, channel.key, channel.stream);
      controller.enqueue(enc.encode(":)\n\n"));
    },
    cancel: drop,
  });
  request.signal?.addEventListener?.("abort", drop);
  // Heartbeats keep the connection busy, but the server's idle timeout must not apply at all.
  try {
    server?.timeout?.(request, 0);
  } catch {
    /* not supported */
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Accel-Buffering": "no",
      "Access-Control-Allow-Origin": "*",
    },
  });
}

/** Resolves and opens a stream for a plain HTTP request; errors become JSON responses. */
export function openSse(ctx: AppContext, c: { request: Request; server?: any }, name: string, url: URL, caller?: StreamCaller): Response {
  try {
    const who = caller ?? streamCaller(ctx, c.request, url);
    const ch = resolveChannel(
      ctx,
      name,
      { tag: url.searchParams.get("tag") ?? undefined, list: url.searchParams.get("list") ?? undefined },
      who,
    );
    return sseResponse(ctx, c.request, c.server, who, ch);
  } catch (e) {
    return e instanceof StreamError ? streamErrorResponse(e) : errorResponse(ctx, e);
  }
}

/** Registers the SSE endpoints. */
export default function sse(r: Router): void {
  for (const path of Object.keys(PATHS)) {
    r.app.get(path, (c: any) => {
      const url = new URL(c.request.url);
      return openSse(r.ctx, { request: c.request, server: c.server ?? r.app.server }, channelName(path, url), url);
    });
  }
}
