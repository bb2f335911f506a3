/** IP address and CIDR parsing for TRUSTED_PROXY_IP and X-Forwarded-For: strict, canonical, IPv4 and IPv6. */
import { describe, expect, test } from "bun:test";
import { formatIp, inRange, parseIp, parseIpRange, parseIpRanges } from "../../src/model/ip-address";

const canon = (s: string) => {
  const b = parseIp(s);
  return b ? formatIp(b) : null;
};

describe("parseIp / formatIp", () => {
  test("IPv4", () => {
    expect(canon("192.0.2.1")).toBe("192.0.2.1");
    expect(canon("0.0.0.0")).toBe("0.0.0.0");
    expect(canon("255.255.255.255")).toBe("255.255.255.255");
  });

  test("IPv6 in canonical RFC 5952 form", () => {
    expect(canon("::1")).toBe("::1");
    expect(canon("::")).toBe("::");
    expect(canon("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(canon("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(canon("2001:0db8:0000:0001:0000:0000:0000:0000")).toBe("2001:db8:0:1::");
    expect(canon("1:2:3:4:5:6:7:8")).toBe("1:2:3:4:5:6:7:8");
    expect(canon("1:0:3:4:5:6:7:8")).toBe("1:0:3:4:5:6:7:8");
    expect(canon("64:ff9b::192.0.2.33")).toBe("64:ff9b::c000:221");
  });

  test("IPv4-mapped IPv6 is the IPv4 address", () => {
    expect(canon("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(canon("::FFFF:c000:0201")).toBe("192.0.2.1");
  });

  test("anything else is refused", () => {
    for (const bad of [
      "",
      "unknown",
      "_hidden",
      "1.2.3",
      "1.2.3.4.5",
      "256.1.1.1",
      "01.2.3.4",
      "1.2.3.4 ",
      "-1.2.3.4",
      "1::2::3",
      ":::",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7::8",
      "12345::",
      "fe80::1%eth0",
      "1.2.3.4::",
      "::1.2.3",
      "g::1",
      "[::1]",
      "x".repeat(100),
    ])
      expect(parseIp(bad)).toBeNull();
  });
});

describe("ranges", () => {
  test("addresses and CIDR ranges, IPv4 and IPv6", () => {
    const r = (s: string) => parseIpRange(s)!;
    const ip = (s: string) => parseIp(s)!;
    expect(inRange(ip("127.8.9.10"), r("127.0.0.0/8"))).toBe(true);
    expect(inRange(ip("128.0.0.1"), r("127.0.0.0/8"))).toBe(false);
    expect(inRange(ip("172.31.255.255"), r("172.16.0.0/12"))).toBe(true);
    expect(inRange(ip("172.32.0.0"), r("172.16.0.0/12"))).toBe(false);
    expect(inRange(ip("192.0.2.7"), r("192.0.2.7"))).toBe(true);
    expect(inRange(ip("192.0.2.8"), r("192.0.2.7"))).toBe(false);
    expect(inRange(ip("1.2.3.4"), r("0.0.0.0/0"))).toBe(true);
    expect(inRange(ip("::1"), r("0.0.0.0/0"))).toBe(false);
    expect(inRange(ip("::1"), r("::1"))).toBe(true);
    expect(inRange(ip("fd12::5"), r("fc00::/7"))).toBe(true);
    expect(inRange(ip("fe80::5"), r("fc00::/7"))).toBe(false);
    expect(inRange(ip("::ffff:10.1.2.3"), r("10.0.0.0/8"))).toBe(true);
    expect(inRange(ip("10.1.2.3"), r("::ffff:10.0.0.0/104"))).toBe(true);
  });

  test("bad ranges", () => {
    for (const bad of ["10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "::/129", "10.0.0.0/8/8", "localhost", "10.0.0.0/ 8"])
      expect(parseIpRange(bad)).toBeNull();
  });

  test("lists split on commas and/or white space, as Mastodon reads TRUSTED_PROXY_IP", () => {
    const l = parseIpRanges(" 127.0.0.1/8,::1\t10.0.0.0/8 ,  fc00::/7\n");
    expect(l.bad).toBeNull();
    expect(l.ranges.map((x) => `${formatIp(x.bytes)}/${x.prefix}`)).toEqual(["127.0.0.1/8", "::1/128", "10.0.0.0/8", "fc00::/7"]);
    expect(parseIpRanges("127.0.0.1, proxy.local").bad).toBe("proxy.local");
  });
});
