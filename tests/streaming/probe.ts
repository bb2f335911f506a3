/** A raw WebSocket test client that records messages and waits for matching ones. */
import type { TestServer, TestUser } from "../rig";

export interface StreamMessage {
  stream?: string[];
  event?: string;
  payload?: string;
  error?: string;
  status?: number;
}

/** Records every message of one WebSocket; `next` waits for the first unseen match. */
export class WsProbe {
  readonly messages: StreamMessage[] = [];
  private seen = 0;
  private wake: (() => void) | null = null;
  private constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      this.messages.push(JSON.parse(String(e.data)));
      this.wake?.();
    });
  }

  /** Opens a socket; rejects with the error message when the upgrade is refused. */
  static open(url: string, protocols?: string[], headers?: Record<string, string>): Promise<WsProbe> {
    return new Promise((resolve, reject) => {
      const ws = new (WebSocket as any)(url, { protocols, headers }) as WebSocket;
      ws.addEventListener("open", () => resolve(new WsProbe(ws)), { once: true });
      ws.addEventListener("error", (e: any) => reject(new Error(e?.message ?? "WebSocket error")), { once: true });
    });
  }

  /** Sends a JSON message. */
  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  /** The next message after the last one returned that satisfies `pred` (messages before it are skipped). */
  async next(pred: (m: StreamMessage) => boolean = () => true, timeoutMs = 1500): Promise<StreamMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.seen < this.messages.length) {
        const m = this.messages[this.seen++]!;
        if (pred(m)) return m;
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.map((m) => [m.event, m.stream, m.error]))}`,
        );
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.wake = () => {
          clearTimeout(t);
          r();
        };
      });
      this.wake = null;
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** The payload of an update/notification message, parsed. */
export function payloadOf(m: StreamMessage): any {
  return m.payload === undefined ? undefined : JSON.parse(m.payload);
}

/** Creates users in parallel (password hashing is slow), typed as a tuple. */
export async function makeUsers<const N extends readonly string[]>(s: TestServer, names: N): Promise<{ [K in keyof N]: TestUser }> {
  return (await Promise.all(names.map((n) => s.createUser(n)))) as { [K in keyof N]: TestUser };
}
