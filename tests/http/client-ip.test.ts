/**
 * The client address behind trusted proxies (src/http/client-ip): X-Forwarded-For from the right,
 * past trusted hops, only when the socket peer is trusted; X-Forwarded-Proto likewise.
 */
import { describe, expect, test } from "bun:test";
import { clientIp, forwardedProto, throttleKey } from "../../src/http/client-ip";
import { DEFAULT_TRUSTED_PROXIES, loadConfig } from "../../src/config";
import { parseIpRanges } from "../../src/model/ip-address";

const loopback = parseIpRanges(DEFAULT_TRUSTED_PROXIES).ranges;
const lan = parseIpRanges("127.0.0.1, 10.0.0.0/8, fd00::/8").ranges;

describe("clientIp", () => {
  test("an untrusted peer is the client; its X-Forwarded-For is ignored", () => {
    expect(clientIp("198.51.100.4", "203.0.113.1", loopback)).toBe("198.51.100.4");
    expect(clientIp("10.0.0.5", "203.0.113.1", loopback)).toBe("10.0.0.5");
    expect(clientIp("2001:db8::4", "203.0.113.1", loopback)).toBe("2001:db8::4");
  });

  test("behind a trusted proxy: the rightmost address that is not a trusted proxy", () => {
    expect(clientIp("127.0.0.1", "203.0.113.1", loopback)).toBe("203.0.113.1");
    // The client wrote the left part itself; our proxy appended the real address.
    expect(clientIp("127.0.0.1", "6.6.6.6, 203.0.113.1", loopback)).toBe("203.0.113.1");
    expect(clientIp("127.0.0.1", "127.0.0.1, 203.0.113.1", loopback)).toBe("203.0.113.1");
    // Trusted hops on the right are skipped.
    expect(clientIp("127.0.0.1", "6.6.6.6, 203.0.113.1, 10.1.2.3, 127.0.0.1", lan)).toBe("203.0.113.1");
    expect(clientIp("::1", "2001:db8::7", loopback)).toBe("2001:db8::7");
    expect(clientIp("::ffff:127.0.0.1", "203.0.113.1", loopback)).toBe("203.0.113.1");
    expect(clientIp("fd00::1", "203.0.113.1", lan)).toBe("203.0.113.1");
  });

  test("when every hop is trusted, the leftmost; when none is an address, the peer", () => {
    expect(clientIp("127.0.0.1", "10.0.0.9, 127.0.0.1", lan)).toBe("10.0.0.9");
    expect(clientIp("127.0.0.1", "", loopback)).toBe("127.0.0.1");
    expect(clientIp("127.0.0.1", null, loopback)).toBe("127.0.0.1");
    expect(clientIp("127.0.0.1", "unknown, _hidden, ,", loopback)).toBe("127.0.0.1");
  });

  test("entries that are not addresses are skipped, never returned", () => {
    expect(clientIp("127.0.0.1", "203.0.113.1, <script>", loopback)).toBe("203.0.113.1");
    expect(clientIp("127.0.0.1", "203.0.113.1, 999.1.1.1, unknown", loopback)).toBe("203.0.113.1");
    expect(clientIp("127.0.0.1", "203.0.113.1, 198.51.100.2:4711", loopback)).toBe("198.51.100.2");
    expect(clientIp("127.0.0.1", "[2001:db8::1]:443", loopback)).toBe("2001:db8::1");
    expect(clientIp("127.0.0.1", `${"a".repeat(5000)}, 203.0.113.1`, loopback)).toBe("203.0.113.1");
  });

  test("canonical text", () => {
    expect(clientIp("::ffff:198.51.100.4", null, loopback)).toBe("198.51.100.4");
    expect(clientIp("127.0.0.1", "2001:DB8:0::1", loopback)).toBe("2001:db8::1");
  });
});

describe("forwardedProto", () => {
  test("only from a trusted peer, the rightmost value", () => {
    expect(forwardedProto("127.0.0.1", "https", loopback)).toBe("https");
    expect(forwardedProto("127.0.0.1", "HTTP", loopback)).toBe("http");
    expect(forwardedProto("127.0.0.1", "http, https", loopback)).toBe("https");
    expect(forwardedProto("127.0.0.1", "gopher", loopback)).toBeNull();
    expect(forwardedProto("127.0.0.1", null, loopback)).toBeNull();
    expect(forwardedProto("198.51.100.4", "https", loopback)).toBeNull();
  });
});

test("per-IP throttles count an IPv6 client by its /64", () => {
  expect(throttleKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
  expect(throttleKey("2001:db8:1:2:bbbb::9")).toBe("2001:db8:1:2::/64");
  expect(throttleKey("198.51.100.4")).toBe("198.51.100.4");
  expect(throttleKey("unknown")).toBe("unknown");
});

describe("TRUSTED_PROXY_IP", () => {
  test("defaults to loopback", () => {
    const c = loadConfig({ DATA_DIR: "/tmp/x" });
    expect(clientIp("127.0.0.1", "203.0.113.1", c.trustedProxies)).toBe("203.0.113.1");
    expect(clientIp("::1", "203.0.113.1", c.trustedProxies)).toBe("203.0.113.1");
    expect(clientIp("192.168.1.2", "203.0.113.1", c.trustedProxies)).toBe("192.168.1.2");
  });

  test("replaces the default when set", () => {
    const c = loadConfig({ DATA_DIR: "/tmp/x", TRUSTED_PROXY_IP: "192.168.1.2 172.16.0.0/12" });
    expect(clientIp("192.168.1.2", "203.0.113.1", c.trustedProxies)).toBe("203.0.113.1");
    expect(clientIp("172.20.0.3", "203.0.113.1", c.trustedProxies)).toBe("203.0.113.1");
    expect(clientIp("127.0.0.1", "203.0.113.1", c.trustedProxies)).toBe("127.0.0.1");
  });

  test("a bad entry is a one-line error naming the variable", () => {
    expect(() => loadConfig({ DATA_DIR: "/tmp/x", TRUSTED_PROXY_IP: "127.0.0.1, nginx" })).toThrow(
      'TRUSTED_PROXY_IP must list IP addresses or CIDR ranges (e.g. 127.0.0.1, 10.0.0.0/8), got "nginx"',
    );
  });
});
