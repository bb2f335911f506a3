/**
 * Who the client is behind reverse proxies, the way Rails' RemoteIp does it for Mastodon. Only a
 * trusted proxy (TRUSTED_PROXY_IP) may speak for the client: X-Forwarded-For is read from the
 * right, skipping trusted hops, because only the entries our own proxies appended can be believed;
 * whatever the client wrote itself sits to the left of them. X-Forwarded-Proto likewise counts only
 * when a trusted proxy sent it.
 */
import { formatIp, inRange, parseIp, type IpRange } from "../model/ip-address";

/** One X-Forwarded-For entry as an address: plain, `[v6]`, `[v6]:port` or `v4:port`; null when it is none. */
function entryAddress(entry: string): Uint8Array | null {
  const e = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(e);
  if (bracketed) return parseIp(bracketed[1]!);
  const v4port = /^([\d.]+):\d{1,5}$/.exec(e);
  return parseIp(v4port ? v4port[1]! : e);
}

/** True when `addr` (from parseIp) is one of the trusted proxies. */
export function isTrustedProxy(addr: Uint8Array, trusted: readonly IpRange[]): boolean {
  return trusted.some((r) => inRange(addr, r));
}

/**
 * The client's address: the socket peer unless it is a trusted proxy; then the rightmost
 * X-Forwarded-For entry that is not a trusted proxy (the leftmost when all are). Entries that are
 * not addresses are skipped. Canonical text (IPv4-mapped IPv6 as IPv4).
 */
export function clientIp(peer: string, forwardedFor: string | null, trusted: readonly IpRange[]): string {
  const sock = parseIp(peer);
  if (!sock) return peer || "unknown";
  if (!forwardedFor || !isTrustedProxy(sock, trusted)) return formatIp(sock);
  const hops = forwardedFor
    .split(",")
    .map(entryAddress)
    .filter((a): a is Uint8Array => a !== null);
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrustedProxy(hops[i]!, trusted)) return formatIp(hops[i]!);
  return formatIp(hops[0] ?? sock);
}

/**
 * The scheme the browser used, as a trusted proxy reports it in X-Forwarded-Proto (the rightmost
 * value, the one our own proxy wrote); null when the peer is not trusted or says nothing usable.
 */
export function forwardedProto(peer: string, header: string | null, trusted: readonly IpRange[]): "http" | "https" | null {
  const sock = parseIp(peer);
  if (!header || !sock || !isTrustedProxy(sock, trusted)) return null;
  const last = header.split(",").pop()!.trim().toLowerCase();
  return last === "https" || last === "http" ? last : null;
}

/**
 * The key a per-IP throttle counts under: the address, or for IPv6 its /64, since one
 * subscriber usually holds a whole /64 (Mastodon's throttleable_remote_ip does the same).
 */
export function throttleKey(ip: string): string {
  const b = parseIp(ip);
  if (!b || b.length === 4) return ip;
  const net = new Uint8Array(16);
  net.set(b.slice(0, 8));
  return `${formatIp(net)}/64`;
}
