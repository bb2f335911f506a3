/**
 * The in-process streaming hub: open connections (WebSocket or SSE), each with the streams it
 * subscribed to, indexed by stream key so publishing an event touches only its subscribers.
 * One hub per AppContext (`ctx.hub`, made by createContext); it holds no status data beyond a
 * small id cache.
 */
import type { AppContext } from "../context";

/** Where a connection's frames go (a WebSocket or an SSE response body). */
export interface Sink {
  readonly kind: "ws" | "sse";
  /** Writes one frame; returns false when the client is gone or too far behind. */
  send(text: string): boolean;
  close(): void;
  /** Server pub/sub (WebSockets): one publish reaches every socket of a topic. */
  readonly topics?: TopicSink;
}

/** Bun's WebSocket topics, as the hub uses them (one topic per stream key and stream array). */
export interface TopicSink {
  subscribe(topic: string): void;
  unsubscribe(topic: string): void;
  /** Queues `text` for every socket subscribed to `topic`; each socket's queue is written in one go. */
  publish(topic: string, text: string): void;
  /** True when the client is gone or too far behind (the hub then drops it, as after a failed send). */
  congested(): boolean;
}

/** The topic of the sockets subscribed to `key` whose events carry `streamJson`. */
function topicOf(key: string, streamJson: string): string {
  return `${key} ${streamJson}`;
}

/** One client connection: who is watching (null: logged out) and its subscriptions. */
export class Connection {
  /** Stream key → the `stream` array of its events, already JSON encoded. */
  readonly subs = new Map<string, string>();
  constructor(
    readonly sink: Sink,
    readonly viewerId: number | null,
    readonly tokenId: number | null,
    readonly scopes: ReadonlySet<string>,
  ) {}
}

/** An event as Mastodon frames it; frames are built once and shared by every recipient. */
export class StreamEvent {
  private payloadJson?: string;
  private frames?: Map<string, string>;
  private last?: [string, string];
  constructor(
    readonly event: string,
    readonly payload: string | undefined,
  ) {}

  /** The WebSocket message for a subscription whose stream array is `streamJson` (built once per stream). */
  wsFrame(streamJson: string): string {
    if (this.last?.[0] === streamJson) return this.last[1];
    this.frames ??= new Map();
    let f = this.frames.get(streamJson);
    if (f === undefined) {
      this.payloadJson ??= this.payload === undefined ? undefined : JSON.stringify(this.payload);
      f =
        this.payloadJson === undefined
          ? `{"stream":${streamJson},"event":${JSON.stringify(this.event)}}`
          : `{"stream":${streamJson},"event":${JSON.stringify(this.event)},"payload":${this.payloadJson}}`;
      this.frames.set(streamJson, f);
    }
    this.last = [streamJson, f];
    return f;
  }

  /** The server-sent-events frame. */
  sseFrame(): string {
    return `event: ${this.event}\ndata: ${this.payload ?? "undefined"}\n\n`;
  }
}

const RECENT_MAX = 10_000;
const HEARTBEAT_MS = 15_000;

/** Subscriptions of all open connections, by stream key. */
export class StreamHub {
  private byKey = new Map<string, Set<Connection>>();
  private conns = new Set<Connection>();
  private sse = new Set<Connection>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  /** Recently streamed status ids → whether they went to public streams (routes deletes). */
  private recent = new Map<number, boolean>();

  /** Number of open connections. */
  get size(): number {
    return this.conns.size;
  }

  /** Registers an open connection (SSE ones get heartbeat comments). */
  add(c: Connection): void {
    this.conns.add(c);
    if (c.sink.kind === "sse") {
      this.sse.add(c);
      this.heartbeat ??= setInterval(() => this.beat(), HEARTBEAT_MS);
      (this.heartbeat as any).unref?.();
    }
  }

  /** Forgets a closed connection and all its subscriptions. */
  remove(c: Connection): void {
    for (const [key, streamJson] of c.subs) {
      this.detach(c, key);
      try {
        c.sink.topics?.unsubscribe(topicOf(key, streamJson));
      } catch {
        /* socket already closed */
      }
    }
    c.subs.clear();
    this.conns.delete(c);
    if (this.sse.delete(c) && this.sse.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** Subscribes `c` to `key`; `stream` is the array sent with its events. False if already subscribed. */
  subscribe(c: Connection, key: string, stream: string[]): boolean {
    if (c.subs.has(key)) return false;
    const streamJson = JSON.stringify(stream);
    c.subs.set(key, streamJson);
    c.sink.topics?.subscribe(topicOf(key, streamJson));
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(c);
    return true;
  }

  /** Removes one subscription. */
  unsubscribe(c: Connection, key: string): void {
    const streamJson = c.subs.get(key);
    if (streamJson === undefined) return;
    c.subs.delete(key);
    this.detach(c, key);
    try {
      c.sink.topics?.unsubscribe(topicOf(key, streamJson));
    } catch {
      /* socket already closed */
    }
  }

  /** Connections subscribed to `key`. */
  subscribers(key: string): ReadonlySet<Connection> | undefined {
    return this.byKey.get(key);
  }

  /** Every stream key with at least one subscriber. */
  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Sends `ev` to `c` as a subscriber of `key`; drops the connection when it cannot keep up. */
  send(c: Connection, key: string, ev: StreamEvent): void {
    const stream = c.subs.get(key);
    if (stream === undefined) return;
    const ok = c.sink.send(c.sink.kind === "ws" ? ev.wsFrame(stream) : ev.sseFrame());
    if (!ok) {
      this.remove(c);
      c.sink.close();
    }
  }

  /** Sends `ev` to every subscriber of `key` (optionally only those `accept` lets through). */
  broadcast(key: string, ev: StreamEvent, accept?: (c: Connection) => boolean): void {
    this.deliver(key, accept ? (c) => (accept(c) ? ev : null) : () => ev);
  }

  /**
   * Sends each subscriber of `key` the event `eventFor` picks for it (null: nothing). WebSocket
   * subscribers that share a stream array and all get the same event are reached with one topic
   * publish (the frame is encoded once and queued per socket); the others one send at a time.
   */
  deliver(key: string, eventFor: (c: Connection) => StreamEvent | null): void {
    const set = this.byKey.get(key);
    if (!set) return;
    const groups = new Map<string, { ev: StreamEvent | null; uniform: boolean; conns: Connection[] }>();
    for (const c of [...set]) {
      const ev = eventFor(c);
      const streamJson = c.subs.get(key)!;
      if (!c.sink.topics) {
        if (ev) this.send(c, key, ev);
        continue;
      }
      const g = groups.get(streamJson);
      if (!g) groups.set(streamJson, { ev, uniform: true, conns: [c] });
      else {
        if (g.ev !== ev) g.uniform = false;
        g.conns.push(c);
      }
    }
    for (const [streamJson, g] of groups) {
      if (!g.uniform) {
        for (const c of g.conns) {
          const ev = eventFor(c);
          if (ev) this.send(c, key, ev);
        }
        continue;
      }
      if (!g.ev) continue;
      let publisher: TopicSink | undefined;
      for (const c of g.conns) {
        if (c.sink.topics!.congested()) {
          this.remove(c);
          c.sink.close();
        } else publisher ??= c.sink.topics;
      }
      publisher?.publish(topicOf(key, streamJson), g.ev.wsFrame(streamJson));
    }
  }

  /** Closes every connection opened with token `tokenId` (after the token is revoked). */
  closeToken(tokenId: number): void {
    for (const c of [...this.conns])
      if (c.tokenId === tokenId) {
        this.remove(c);
        c.sink.close();
      }
  }

  /** Closes everything (server shutdown). */
  closeAll(): void {
    for (const c of [...this.conns]) {
      this.remove(c);
      c.sink.close();
    }
  }

  /** Remembers that a status was streamed and whether it was public. */
  remember(statusId: number, isPublic: boolean): void {
    this.recent.delete(statusId);
    this.recent.set(statusId, isPublic);
    if (this.recent.size > RECENT_MAX) this.recent.delete(this.recent.keys().next().value!);
  }

  /** Whether a recently streamed status was public; undefined when unknown. */
  wasPublic(statusId: number): boolean | undefined {
    return this.recent.get(statusId);
  }

  private detach(c: Connection, key: string): void {
    const set = this.byKey.get(key);
    if (!set) return;
    set.delete(c);
    if (set.size === 0) this.byKey.delete(key);
  }

  private beat(): void {
    for (const c of [...this.sse])
      if (!c.sink.send(":thump\n\n")) {
        this.remove(c);
        c.sink.close();
      }
  }
}

/** The hub of a running instance (`ctx.hub`; tests read it through this). */
export function hubFor(ctx: AppContext): StreamHub {
  return ctx.hub;
}
