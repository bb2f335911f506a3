/**
 * GET /api/v1/streaming over WebSocket: `?stream=` and multiplexed
 * {"type":"subscribe"|"unsubscribe","stream":…,"tag"?,"list"?} messages. The upgrade is done
 * here (not through Elysia's ws()) so each socket carries only its small Connection.
 */
import type { ServerWebSocket } from "bun";
import type { AppContext } from "../context";
import { errorResponse, json, type Router } from "../http/route";
import { resolveChannel, StreamError, type Channel, type StreamAuth } from "./channels";
import { streamCaller, streamErrorResponse } from "./auth";
import { Connection, type Sink } from "./hub";
import { openSse } from "./sse";

/** Bytes a slow client may have queued before it is disconnected. */
const MAX_BUFFERED = 4 * 1024 * 1024;

function wsSink(ws: ServerWebSocket<unknown>, server: { publish(topic: string, data: string): number } | undefined): Sink {
  return {
    kind: "ws",
    send(text) {
      if (ws.readyState !== 1) return false;
      return ws.send(text) !== 0 && ws.getBufferedAmount() < MAX_BUFFERED;
    },
    close() {
      try {
        ws.close(1008, "Too slow");
      } catch {
        /* already closed */
      }
    },
    // Topic publishes go through the server: one encoding, per-socket queues written in one go.
    topics: server?.publish
      ? {
          subscribe: (topic) => {
            ws.subscribe(topic);
          },
          unsubscribe: (topic) => {
            ws.unsubscribe(topic);
          },
          publish: (topic, text) => {
            server.publish(topic, text);
          },
          congested: () => ws.readyState !== 1 || ws.getBufferedAmount() >= MAX_BUFFERED,
        }
      : undefined,
  };
}

/** Handles one client message; refusals are sent back as {"error", "status"} and the socket stays open. */
function onClientMessage(ctx: AppContext, conn: Connection, raw: string | Buffer): void {
  const hub = ctx.hub;
  const reply = (status: number, error: string) => conn.sink.send(JSON.stringify({ error, status }));
  let msg: any;
  try {
    msg = JSON.parse(String(raw));
  } catch {
    reply(400, "Error parsing message");
    return;
  }
  if (!msg || typeof msg !== "object" || (msg.type !== "subscribe" && msg.type !== "unsubscribe")) return;
  if (typeof msg.stream !== "string") {
    reply(400, "Unknown stream type");
    return;
  }
  const auth: StreamAuth = { viewerId: conn.viewerId, scopes: conn.scopes };
  try {
    const ch = resolveChannel(ctx, msg.stream, { tag: msg.tag, list: msg.list }, auth);
    if (msg.type === "subscribe") hub.subscribe(conn, ch.key, ch.stream);
    else hub.unsubscribe(conn, ch.key);
  } catch (e) {
    if (e instanceof StreamError) reply(e.status, e.message);
    else {
      ctx.log.error(`streaming message: ${e instanceof Error ? e.stack : e}`);
      reply(500, "Internal server error");
    }
  }
}

/** Registers the WebSocket endpoint (a plain GET with `?stream=` is served as SSE). */
export default function websocket(r: Router): void {
  const ctx = r.ctx;
  r.app.get("/api/v1/streaming", (c: any) => {
    const request: Request = c.request;
    const url = new URL(request.url);
    try {
      // Browsers cannot set headers on WebSockets, so clients pass the token as the subprotocol.
      const protocol = request.headers.get("sec-websocket-protocol")?.split(",")[0]?.trim() || undefined;
      const caller = streamCaller(ctx, request, url, protocol);
      const name = url.searchParams.get("stream");
      if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
        if (name) return openSse(ctx, { request, server: c.server ?? r.app.server }, name, url, caller);
        return json({ error: "Record not found" }, 404);
      }
      let initial: Channel | null = null;
      if (name)
        initial = resolveChannel(
          ctx,
          name,
          { tag: url.searchParams.get("tag") ?? undefined, list: url.searchParams.get("list") ?? undefined },
          caller,
        );
      const hub = ctx.hub;
      let conn: Connection | null = null;
      const server = c.server ?? r.app.server;
      const upgraded = server?.upgrade(request, {
        headers: protocol ? { "Sec-WebSocket-Protocol": protocol } : undefined,
        data: {
          open(ws: ServerWebSocket<unknown>) {
            conn = new Connection(wsSink(ws, server), caller.viewerId, caller.tokenId, caller.scopes);
            hub.add(conn);
            if (initial) hub.subscribe(conn, initial.key, initial.stream);
          },
          message(_ws: ServerWebSocket<unknown>, m: string | Buffer) {
            if (conn) onClientMessage(ctx, conn, m);
          },
          close() {
            if (conn) {
              hub.remove(conn);
              conn = null;
            }
          },
        },
      });
      if (upgraded) return;
      return json({ error: "Expected a WebSocket connection" }, 400);
    } catch (e) {
      return e instanceof StreamError ? streamErrorResponse(e) : errorResponse(ctx, e);
    }
  });
}
