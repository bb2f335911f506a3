/**
 * Records which HTTP Signature scheme a test peer actually sent on each outgoing request
 * (Fedify double-knocks silently, so tests check the log to prove which spec Hearth accepted).
 * Wraps globalThis.fetch once; requests not signed by a registered peer (or marked X-Peer-Raw)
 * pass through unrecorded.
 */

export type SigScheme = "rfc9421" | "draft-cavage-http-signatures-12" | "unsigned";

/** One signed request a peer sent and the status it got. */
export interface OutgoingRecord {
  method: string;
  url: string;
  scheme: SigScheme;
  keyId: string | null;
  status: number | null;
}

const sinks = new Map<string, OutgoingRecord[]>();
const WRAPPED = Symbol.for("hearth.tests.peers.fetchWrapped");

function keyIdOf(headers: Headers): { scheme: SigScheme; keyId: string | null } {
  const input = headers.get("signature-input");
  if (input) return { scheme: "rfc9421", keyId: /keyid="([^"]+)"/i.exec(input)?.[1] ?? null };
  const sig = headers.get("signature");
  if (sig) return { scheme: "draft-cavage-http-signatures-12", keyId: /keyId="([^"]+)"/.exec(sig)?.[1] ?? null };
  return { scheme: "unsigned", keyId: null };
}

function install(): void {
  const g = globalThis as any;
  if (g[WRAPPED]) return;
  const original: typeof fetch = g.fetch.bind(globalThis);
  const wrapped = async (input: any, init?: any): Promise<Response> => {
    const req = input instanceof Request ? input : null;
    const headers = new Headers(init?.headers ?? req?.headers ?? undefined);
    const { scheme, keyId } = keyIdOf(headers);
    const url = req ? req.url : String(input);
    const method = (init?.method ?? req?.method ?? "GET").toUpperCase();
    let sink: OutgoingRecord[] | undefined;
    if (keyId && !headers.has("x-peer-raw")) for (const [base, list] of sinks) if (keyId.startsWith(base)) sink = list;
    if (!sink) return original(input, init);
    const rec: OutgoingRecord = { method, url, scheme, keyId, status: null };
    sink.push(rec);
    const res = await original(input, init);
    rec.status = res.status;
    return res;
  };
  Object.assign(wrapped, original);
  g.fetch = wrapped;
  g[WRAPPED] = true;
}

/** Starts recording requests whose signature keyId starts with `base` into the returned list. */
export function recordOutgoing(base: string): OutgoingRecord[] {
  install();
  const list: OutgoingRecord[] = [];
  sinks.set(base, list);
  return list;
}

/** Stops recording for `base`. */
export function stopRecording(base: string): void {
  sinks.delete(base);
}
