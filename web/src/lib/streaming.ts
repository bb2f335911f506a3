/**
 * Live updates from Mastodon's streaming API (WebSocket /api/v1/streaming): one socket per
 * stream, reconnecting with backoff. Payloads arrive as JSON strings and are camelized.
 */
import { camelize } from "./api";

export interface StreamEvent {
  event: string;
  payload: any;
}

export interface StreamHandle {
  close(): void;
}

/** Opens `stream` (user, public, public:local, hashtag…); calls onEvent for each event. */
export function openStream(
  base: string,
  token: string,
  stream: string,
  extra: Record<string, string>,
  onEvent: (e: StreamEvent) => void,
  onState?: (connected: boolean) => void,
): StreamHandle {
  let ws: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (closed) return;
    const q = new URLSearchParams({ stream, access_token: token, ...extra });
    try {
      ws = new WebSocket(`${base}/api/v1/streaming?${q}`);
    } catch {
      schedule();
      return;
    }
    ws.onopen = () => {
      attempt = 0;
      onState?.(true);
    };
    ws.onmessage = (m) => {
      try {
        const data = JSON.parse(String(m.data));
        if (!data || typeof data.event !== "string") return;
        let payload = data.payload;
        if (typeof payload === "string" && (payload.startsWith("{") || payload.startsWith("["))) payload = JSON.parse(payload);
        onEvent({ event: data.event, payload: typeof payload === "object" ? camelize(payload) : payload });
      } catch {
        // A malformed frame is dropped; the timeline can always be refreshed.
      }
    };
    ws.onclose = () => {
      onState?.(false);
      schedule();
    };
    ws.onerror = () => ws?.close();
  };
  const schedule = () => {
    if (closed) return;
    const delay = Math.min(30_000, 1000 * 2 ** attempt++) * (0.75 + Math.random() / 2);
    timer = setTimeout(connect, delay);
  };
  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      ws?.close();
    },
  };
}
