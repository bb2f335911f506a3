/**
 * Route group: the streaming API. WebSocket at /api/v1/streaming, SSE at
 * /api/v1/streaming/<stream>, and /api/v1/streaming/health. Events come from the stream.* jobs.
 */
import type { Router } from "../http/route";
import websocket from "./websocket";
import sse from "./sse";

export default function register(r: Router): void {
  r.app.get(
    "/api/v1/streaming/health",
    () => new Response("OK", { headers: { "Content-Type": "text/plain; charset=utf-8", "Access-Control-Allow-Origin": "*" } }),
  );
  websocket(r);
  sse(r);
}
