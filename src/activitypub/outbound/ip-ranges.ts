/** Which IP addresses federation may connect to: public unicast only (pure functions). */

/** IPv4 ranges that are not public unicast: [network, prefix length]. */
const V4_BLOCKED: [string, number][] = [
  ["0.0.0.0", 8], // "this network", unspecified
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata lives here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

/** The IPv4 address as an unsigned 32-bit number, or null when not dotted-quad. */
export function parseIpv4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return null;
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
}

const V4_RANGES = V4_BLOCKED.map(([net, len]) => [parseIpv4(net)!, len] as const);

function publicV4(n: number): boolean {
  return !V4_RANGES.some(([net, len]) => (len === 0 ? true : n >>> (32 - len) === net >>> (32 - len)));
}

/** The eight 16-bit groups of an IPv6 address (IPv4 tail allowed), or null when malformed. */
export function parseIpv6(s: string): number[] | null {
  let str = s.replace(/%.*$/, "").toLowerCase();
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(str);
  if (tail) {
    const v4 = parseIpv4(tail[1]!);
    if (v4 === null) return null;
    str = str.slice(0, -tail[1]!.length) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = str.split("::");
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === "" ? [] : h.split(":"));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function publicV6(g: number[]): boolean {
  const [a, b] = g as [number, number];
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  const v4At = (i: number) => ((g[i]! << 16) | g[i + 1]!) >>> 0;
  if (zeroUpTo(8)) return false; // :: unspecified
  if (zeroUpTo(7) && g[7] === 1) return false; // ::1 loopback
  if (zeroUpTo(5) && g[5] === 0xffff) return publicV4(v4At(6)); // IPv4-mapped
  if (zeroUpTo(6)) return false; // IPv4-compatible (deprecated)
  if (a === 0x64 && b === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return publicV4(v4At(6)); // NAT64
  if (a === 0x64 && b === 0xff9b) return false; // local-use NAT64 (64:ff9b:1::/48)
  if (a === 0x2002) return publicV4(v4At(1)); // 6to4
  if ((a & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80 || (a & 0xffc0) === 0xfec0) return false; // link-local, site-local
  if ((a & 0xff00) === 0xff00) return false; // multicast
  if (a === 0x2001 && b === 0x0db8) return false; // documentation
  if (a === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return false; // discard-only
  return true;
}

/** True only for a well-formed public unicast IPv4 or IPv6 address. */
export function isPublicAddress(addr: string): boolean {
  const v4 = parseIpv4(addr);
  if (v4 !== null) return publicV4(v4);
  const v6 = parseIpv6(addr.replace(/^\[|\]$/g, ""));
  return v6 !== null && publicV6(v6);
}
