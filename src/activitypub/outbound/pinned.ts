/**
 * Connecting to the address that was checked (no DNS rebinding): the outbound fetcher resolves
 * a host name once, checks those addresses, then dials one of THEM, naming the host only in the
 * Host header and as the TLS server name (SNI; the certificate is verified against the name).
 * Both steps live on the AppContext (`ctx.outbound`) so tests can inject a resolver and watch or
 * refuse each connection.
 */
import { lookup } from "node:dns/promises";

/** The addresses a host name resolves to, in the order to try them. */
export type Resolve = (hostname: string) => Promise<string[]>;

/** One HTTP exchange (no redirects followed) with `address`, on behalf of `url`. */
export interface Dial {
  /** The URL as requested, by name: its host goes into Host and SNI. */
  url: URL;
  /** The checked IP address to connect to. */
  address: string;
  method: string;
  headers: Record<string, string>;
  body?: BodyInit | null;
  signal: AbortSignal;
}

/** Sends one request to `dial.address`; rejects on connection and TLS failures. */
export type Connect = (dial: Dial) => Promise<Response>;

/** The outbound fetcher's moving parts, an AppContext member. */
export interface Outbound {
  resolve: Resolve;
  connect: Connect;
}

/** The system resolver (getaddrinfo), every address in its preferred order. */
export const systemResolve: Resolve = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** True when `host` (brackets allowed) is an IP literal rather than a name. */
export function isIpLiteral(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return /^[\d.]+$/.test(h) || h.includes(":");
}

/** `url` with its host replaced by `address` (port, path and query kept). */
export function addressUrl(url: URL, address: string): URL {
  const out = new URL(url.href);
  out.hostname = address.includes(":") ? `[${address.replace(/^\[|\]$/g, "")}]` : address;
  return out;
}

/**
 * The real dialer: Bun's fetch to the address itself, with `Host` and `tls.serverName` naming
 * the origin (Bun then sends SNI and verifies the certificate against that name), no proxy
 * (a proxy would be judged against the address) and no redirects. `tls.ca` is for tests only.
 */
export function pinnedConnect(tlsExtra: { ca?: string } = {}): Connect {
  return (d) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(d.headers)) if (k.toLowerCase() !== "host") headers[k] = v;
    headers.Host = d.url.host;
    const name = d.url.hostname.replace(/\.$/, "");
    const tls = d.url.protocol === "https:" && !isIpLiteral(name) ? { ...tlsExtra, serverName: name } : tlsExtra;
    return fetch(addressUrl(d.url, d.address), {
      method: d.method,
      headers,
      body: d.body,
      signal: d.signal,
      redirect: "manual",
      proxy: false,
      tls,
    });
  };
}

/** The production outbound parts, with any of them replaced (tests inject both). */
export function createOutbound(parts: Partial<Outbound> = {}): Outbound {
  return { resolve: parts.resolve ?? systemResolve, connect: parts.connect ?? pinnedConnect() };
}

const CONNECT_FAILURES = new Set([
  "ECONNREFUSED",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
  "ConnectionRefused",
  "FailedToOpenSocket",
]);

/** True when the error means no connection was made (nothing sent), so another address may be tried. */
export function isConnectFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && CONNECT_FAILURES.has(code);
}
