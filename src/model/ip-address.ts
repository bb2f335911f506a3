/**
 * IP addresses and CIDR ranges as bytes: parsing (strict: anything odd is refused rather than
 * guessed at), canonical text (RFC 5952 for IPv6) and range membership. IPv4-mapped IPv6
 * addresses (`::ffff:192.0.2.1`) count as the IPv4 address they carry.
 */

/** An address or CIDR range: 4 bytes (IPv4) or 16 (IPv6), and how many leading bits must match. */
export interface IpRange {
  bytes: Uint8Array;
  prefix: number;
}

function parseV4(text: string): Uint8Array | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = m[i + 1]!;
    // Leading zeros are octal to some parsers and decimal to others: refuse them.
    if (part.length > 1 && part.startsWith("0")) return null;
    const n = Number(part);
    if (n > 255) return null;
    out[i] = n;
  }
  return out;
}

function parseV6(text: string): Uint8Array | null {
  if (!/^[0-9a-f:.]+$/i.test(text)) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (s: string): number[] | null => {
    if (s === "") return [];
    const out: number[] = [];
    const parts = s.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes(".")) {
        const v4 = parseV4(p);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-f]{1,4}$/i.test(p)) out.push(Number.parseInt(p, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  // An embedded IPv4 address may only close the address.
  if (halves.length === 2 && halves[0]!.includes(".")) return null;
  const given = head.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const all = [...head, ...new Array<number>(8 - given).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

function isMapped(b: Uint8Array): boolean {
  return b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
}

/** The bytes of an IPv4 or IPv6 address (IPv4-mapped IPv6 as IPv4), or null when it is not one. */
export function parseIp(text: string): Uint8Array | null {
  if (text.length > 45) return null;
  const b = text.includes(":") ? parseV6(text) : parseV4(text);
  if (b && isMapped(b)) return b.slice(12);
  return b;
}

/** Canonical text of an address: dotted IPv4, or RFC 5952 IPv6 (lower case, longest zero run as `::`). */
export function formatIp(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join(".");
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((b[2 * i]! << 8) | b[2 * i + 1]!);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(":");
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/** An address (`192.0.2.1`, `::1`) or a CIDR range (`10.0.0.0/8`, `fc00::/7`); null when malformed. */
export function parseIpRange(text: string): IpRange | null {
  const slash = text.indexOf("/");
  const addr = slash < 0 ? text : text.slice(0, slash);
  const raw = addr.includes(":") ? parseV6(addr) : parseV4(addr);
  if (!raw) return null;
  let prefix = raw.length * 8;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > raw.length * 8) return null;
    prefix = Number(p);
  }
  if (isMapped(raw) && prefix >= 96) return { bytes: raw.slice(12), prefix: prefix - 96 };
  return { bytes: raw, prefix };
}

/**
 * A list of addresses and ranges separated by commas and/or white space (as Mastodon reads
 * TRUSTED_PROXY_IP); `bad` is the first entry that is neither.
 */
export function parseIpRanges(text: string): { ranges: IpRange[]; bad: string | null } {
  const ranges: IpRange[] = [];
  for (const item of text.split(/[\s,]+/).filter(Boolean)) {
    const r = parseIpRange(item);
    if (!r) return { ranges, bad: item };
    ranges.push(r);
  }
  return { ranges, bad: null };
}

/** True when address `b` (from parseIp) lies in `range`. */
export function inRange(b: Uint8Array, range: IpRange): boolean {
  if (b.length !== range.bytes.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((b[i]! & mask) !== (range.bytes[i]! & mask)) return false;
  }
  return true;
}
