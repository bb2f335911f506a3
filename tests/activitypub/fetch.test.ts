import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blockDomain, unblockDomain } from "../../src/services/admin/block-domain";
import { fetchActivityJson, FetchError, safeFetch } from "../../src/activitypub/outbound/fetch";
import { isPublicAddress } from "../../src/activitypub/outbound/ip-ranges";
import { verifyRequest } from "../../src/activitypub/outbound/signatures";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";

let server: ReturnType<typeof Bun.serve>;
let base: string;
let hits = 0;
const dirs: string[] = [];
let strict: AppContext; // production-like: https only, no private addresses
let lax: AppContext; // ALLOW_PRIVATE_ADDRESSES=true, as in tests
const lastVerify: { result?: unknown } = {};

function context(env: Record<string, string>): AppContext {
  const dir = mkdtempSync(join(tmpdir(), "hearth-fetch-"));
  dirs.push(dir);
  return createContext(loadConfig({ DATA_DIR: dir, LOCAL_DOMAIN: "hearth.test", ...env }), { log: createLogger("error") });
}

async function verifyAgainst(ctx: AppContext, req: Request): Promise<unknown> {
  const lookup = async (keyId: string) => {
    const row = ctx.db
      .query<{ uri: string; public_key_pem: string }, [string]>("SELECT uri, public_key_pem FROM accounts WHERE uri = ?")
      .get(keyId.replace(/#main-key$/, ""));
    return row ? { publicKeyPem: row.public_key_pem, ownerUri: row.uri } : null;
  };
  return verifyRequest({ method: req.method, url: req.url, headers: req.headers, body: "" }, lookup, Date.now());
}

beforeAll(() => {
  strict = context({ PROTOCOL: "https" });
  lax = context({ PROTOCOL: "http", ALLOW_PRIVATE_ADDRESSES: "true" });
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      hits++;
      const url = new URL(req.url);
      const p = url.pathname;
      const ap = { "Content-Type": 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"' };
      if (p === "/ok") return Response.json({ ok: true });
      const redirect = /^\/redirect\/(\d+)$/.exec(p);
      if (redirect) {
        const n = Number(redirect[1]);
        return n === 0
          ? Response.json({ arrived: true })
          : new Response(null, { status: 302, headers: { Location: `/redirect/${n - 1}` } });
      }
      if (p === "/to-file") return new Response(null, { status: 301, headers: { Location: "file:///etc/passwd" } });
      if (p === "/big-declared") return new Response("x".repeat(2 * 1024 * 1024));
      if (p === "/big-stream") {
        return new Response(
          new ReadableStream({
            async pull(c) {
              c.enqueue(new Uint8Array(64 * 1024));
              await Bun.sleep(0);
            },
          }),
        );
      }
      if (p === "/slow") {
        await Bun.sleep(3000);
        return new Response("late");
      }
      if (p === "/doc") {
        lastVerify.result = await verifyAgainst(lax, req);
        return new Response(JSON.stringify({ id: `${base}/doc`, type: "Note", accept: req.headers.get("accept") }), { headers: ap });
      }
      if (p === "/moved-doc") return new Response(null, { status: 301, headers: { Location: "/doc" } });
      if (p === "/html") return new Response("<html></html>", { headers: { "Content-Type": "text/html" } });
      if (p === "/bad-json") return new Response("{nope", { headers: ap });
      if (p === "/array") return new Response("[1,2]", { headers: ap });
      if (p === "/deep") return new Response("[".repeat(200) + "]".repeat(200), { headers: ap });
      return new Response("not found", { status: 404 });
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(() => {
  server.stop(true);
  for (const c of [strict, lax]) c.db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function refused(ctx: AppContext, url: string, pattern: RegExp): Promise<void> {
  const before = hits;
  const err = await safeFetch(ctx, url).then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  expect(err.message).toMatch(pattern);
  expect(hits).toBe(before); // refused before connecting
}

describe("address checks", () => {
  test("classifies addresses", () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:10.0.0.1",
      "64:ff9b::a00:1",
      "2002:7f00:1::1",
      "2001:db8::1",
      "fe80::1%eth0",
      "bogus",
    ]) {
      expect([a, isPublicAddress(a)]).toEqual([a, false]);
    }
    for (const a of ["1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2a01:4f8::1"])
      expect([a, isPublicAddress(a)]).toEqual([a, true]);
  });

  test("without ALLOW_PRIVATE_ADDRESSES: loopback, private, link-local, IPv6 and mapped literals are refused before connecting", async () => {
    const port = server.port;
    for (const host of [
      "127.0.0.1",
      "10.0.0.1",
      "169.254.169.254",
      "[::1]",
      "[::ffff:127.0.0.1]",
      "[fe80::1]",
      "0.0.0.0",
      "2130706433",
      "0x7f.1",
    ]) {
      await refused(strict, `https://${host}:${port}/ok`, /private address/);
    }
    await refused(strict, `https://localhost:${port}/ok`, /private address|cannot resolve/);
  });

  test("plain http is refused on an https instance without the flag; odd schemes always", async () => {
    await refused(strict, `${base}/ok`, /plain http/);
    for (const ctx of [strict, lax]) {
      await refused(ctx, "file:///etc/passwd", /refusing file: URL/);
      await refused(ctx, "gopher://127.0.0.1:70/", /refusing gopher: URL/);
      await refused(ctx, "ftp://127.0.0.1/x", /refusing ftp: URL/);
      await refused(ctx, `${ctx === strict ? "https" : "http"}://user:pw@127.0.0.1:${server.port}/ok`, /credentials/);
    }
  });
});

describe("safeFetch with ALLOW_PRIVATE_ADDRESSES", () => {
  test("fetches from 127.0.0.1", async () => {
    const r = await safeFetch(lax, `${base}/ok`);
    expect(r.status).toBe(200);
    expect(JSON.parse(new TextDecoder().decode(r.body))).toEqual({ ok: true });
  });

  test("follows up to 3 redirects, re-checking each hop", async () => {
    const r = await safeFetch(lax, `${base}/redirect/3`);
    expect(r.url).toBe(`${base}/redirect/0`);
    await expect(safeFetch(lax, `${base}/redirect/4`)).rejects.toThrow(/too many redirects/);
    await expect(safeFetch(lax, `${base}/redirect/2`, { maxRedirects: 1 })).rejects.toThrow(/too many redirects/);
    await expect(safeFetch(lax, `${base}/to-file`)).rejects.toThrow(/refusing file: URL/);
  });

  test("caps the body size, declared or streamed", async () => {
    await expect(safeFetch(lax, `${base}/big-declared`)).rejects.toThrow(/too large/);
    await expect(safeFetch(lax, `${base}/big-stream`, { maxBytes: 256 * 1024 })).rejects.toThrow(/too large/);
    expect((await safeFetch(lax, `${base}/big-declared`, { maxBytes: 3 * 1024 * 1024 })).body.byteLength).toBe(2 * 1024 * 1024);
  });

  test("times out against a slow server", async () => {
    const t = performance.now();
    await expect(safeFetch(lax, `${base}/slow`, { timeoutMs: 200 })).rejects.toThrow(/timed out after 200 ms/);
    expect(performance.now() - t).toBeLessThan(1500);
  });

  test("refuses hosts of a suspended domain, not of a silenced one", async () => {
    blockDomain(lax, { domain: "127.0.0.1", severity: "silence", rejectMedia: false });
    expect((await safeFetch(lax, `${base}/ok`)).status).toBe(200);
    blockDomain(lax, { domain: "127.0.0.1", severity: "suspend", rejectMedia: false });
    await refused(lax, `${base}/ok`, /blocked/);
    unblockDomain(lax, "127.0.0.1");
    expect((await safeFetch(lax, `${base}/ok`)).status).toBe(200);
  });
});

describe("fetchActivityJson", () => {
  test("signs as the instance actor (re-signing after a redirect) and parses the document", async () => {
    const doc = await fetchActivityJson(lax, `${base}/moved-doc`);
    expect(doc).toMatchObject({ id: `${base}/doc`, type: "Note" });
    expect(doc.accept).toContain("application/activity+json");
    expect(lastVerify.result).toMatchObject({ ok: true, ownerUri: lax.uris.instanceActor() });
  });

  test("refuses non-2xx, non-JSON, invalid, non-object and deeply nested answers", async () => {
    const err = await fetchActivityJson(lax, `${base}/missing`).catch((e) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err.status).toBe(404);
    await expect(fetchActivityJson(lax, `${base}/html`)).rejects.toThrow(/not JSON/);
    await expect(fetchActivityJson(lax, `${base}/bad-json`)).rejects.toThrow(/invalid JSON/);
    await expect(fetchActivityJson(lax, `${base}/array`)).rejects.toThrow(/not an object/);
    await expect(fetchActivityJson(lax, `${base}/deep`)).rejects.toThrow(/nested deeper/);
  });
});
