/**
 * DNS rebinding: the outbound fetcher must connect to the address it checked, never look the
 * name up again. A rebinding resolver answers a public address first and 127.0.0.1 after; the
 * test's connect step records where each request goes, serves the "public" address from a fake
 * (nothing leaves this machine) and sends only loopback traffic for real. Also: Host, SNI and
 * certificate checks against the name over real HTTP and HTTPS (a CA made here with openssl).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { webfinger } from "../../src/activitypub/outbound/deref/webfinger";
import { fetchActivityJson, FetchError, safeFetch } from "../../src/activitypub/outbound/fetch";
import { instanceActorId } from "../../src/activitypub/outbound/instance-actor";
import { isIpLiteral, pinnedConnect, type Connect, type Resolve } from "../../src/activitypub/outbound/pinned";
import { verifyRequest } from "../../src/activitypub/outbound/signatures";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { runDeliver } from "../../src/jobs/handlers/delivery";
import { createLogger } from "../../src/log";
import { fetchRemoteImage } from "../../src/media/remote-fetch";

const PUBLIC = "93.184.216.34"; // a public address; never dialled, answered by `fakePublic`
const LOOPBACK = new Set(["127.0.0.1", "::1"]);
const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) =>
  c.charCodeAt(0),
);

const dirs: string[] = [];
let ca = "";
let http: ReturnType<typeof Bun.serve>;
const httpSeen: { host: string | null; path: string }[] = [];
type TlsSeen = { sni: string | undefined; host?: string; line?: string; headers?: Headers; body?: string };
const tlsSeen: TlsSeen[] = [];
let tlsPort = 0; // certificate for pinned.test and rebind names
let wrongPort = 0; // certificate for wrong.test only
const servers: tls.Server[] = [];

/** Where the fetcher connected: the name it asked for and the address dialled. */
const dials: { host: string; address: string }[] = [];

/** A resolver that answers `first` once per name, then 127.0.0.1: the rebinding attack. */
function rebinding(first: string): Resolve {
  const asked = new Map<string, number>();
  return async (name) => {
    const n = asked.get(name) ?? 0;
    asked.set(name, n + 1);
    return n === 0 ? [first] : ["127.0.0.1"];
  };
}

/** The one "public server" of these tests: a fake, reached without any network traffic. */
function fakePublic(url: URL): Response {
  if (url.pathname === "/.well-known/webfinger")
    return Response.json({
      subject: "acct:alice@rebind.test",
      links: [{ rel: "self", type: "application/activity+json", href: "https://rebind.test/users/alice" }],
    });
  if (url.pathname === "/doc")
    return new Response(JSON.stringify({ id: url.href, type: "Note" }), { headers: { "Content-Type": "application/activity+json" } });
  if (url.pathname === "/img.png") return new Response(PNG, { headers: { "Content-Type": "image/png" } });
  if (url.pathname === "/inbox") return new Response(null, { status: 202 });
  if (url.pathname === "/hop") return new Response(null, { status: 302, headers: { Location: `http://r-next.test:${http.port}/x` } });
  if (url.pathname === "/hop-local")
    return new Response(null, { status: 302, headers: { Location: `http://127.0.0.1:${http.port}/secret` } });
  return new Response("public answer");
}

/**
 * The connect step of the tests: records the target, really connects only to loopback, answers
 * for PUBLIC from the fake and refuses anything else. A name instead of an address means "connect
 * by name" (the pre-fix behaviour): like the operating system, it resolves the name again.
 */
function guardedConnect(resolve: Resolve): Connect {
  const real = pinnedConnect({ ca });
  return async (d) => {
    const address = isIpLiteral(d.address) ? d.address : (await resolve(d.address))[0]!;
    dials.push({ host: d.url.host, address });
    if (LOOPBACK.has(address)) return real({ ...d, address });
    if (address === PUBLIC) return fakePublic(d.url);
    throw Object.assign(new Error(`test refuses to connect to ${address}`), { code: "ETESTREFUSED" });
  };
}

function context(env: Record<string, string>, resolve: Resolve): AppContext {
  const dir = mkdtempSync(join(tmpdir(), "hearth-pinned-"));
  dirs.push(dir);
  return createContext(loadConfig({ DATA_DIR: dir, LOCAL_DOMAIN: "hearth.test", ...env }), {
    log: createLogger("error"),
    outbound: { resolve, connect: guardedConnect(resolve) },
  });
}

function openssl(args: string[], cwd: string): void {
  const r = Bun.spawnSync(["openssl", ...args], { cwd, stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`openssl ${args[0]}: ${r.stderr.toString()}`);
}

/** A CA and a leaf certificate per name list, made with openssl in a temp dir. */
function makeCerts(): { ca: string; leaf: (file: string, names: string[]) => { key: string; cert: string } } {
  const dir = mkdtempSync(join(tmpdir(), "hearth-pinned-ca-"));
  dirs.push(dir);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(
    [
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=Hearth test CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign",
    ],
    dir,
  );
  return {
    ca: readFileSync(join(dir, "ca.pem"), "utf8"),
    leaf(file, names) {
      writeFileSync(join(dir, `${file}.ext`), `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}\nextendedKeyUsage=serverAuth\n`);
      openssl(["req", ...ec, "-keyout", `${file}.key`, "-out", `${file}.csr`, "-subj", `/CN=${names[0]}`], dir);
      openssl(
        [
          "x509",
          "-req",
          "-in",
          `${file}.csr`,
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-CAcreateserial",
          "-out",
          `${file}.pem`,
          "-days",
          "2",
          "-extfile",
          `${file}.ext`,
        ],
        dir,
      );
      return { key: readFileSync(join(dir, `${file}.key`), "utf8"), cert: readFileSync(join(dir, `${file}.pem`), "utf8") };
    },
  };
}

/** A TLS server on 127.0.0.1 that records SNI, then the HTTP request (Host, headers, body) if one comes. */
function tlsServer(creds: { key: string; cert: string }): Promise<number> {
  const srv = tls.createServer(creds, (sock) => {
    const seen: TlsSeen = { sni: (sock as tls.TLSSocket & { servername?: string }).servername };
    tlsSeen.push(seen);
    let buf = Buffer.alloc(0);
    sock.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      const [line, ...rest] = buf.subarray(0, end).toString().split("\r\n");
      const headers = new Headers(rest.map((h) => [h.slice(0, h.indexOf(":")), h.slice(h.indexOf(":") + 1).trim()] as [string, string]));
      const length = Number(headers.get("content-length") ?? 0);
      if (buf.length < end + 4 + length) return;
      Object.assign(seen, {
        line,
        headers,
        host: headers.get("host") ?? undefined,
        body: buf.subarray(end + 4, end + 4 + length).toString(),
      });
      const status = line!.startsWith("POST") ? "202 Accepted" : "200 OK";
      sock.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{"ok":true}`);
    });
    sock.on("error", () => {});
  });
  servers.push(srv);
  return new Promise((res) => srv.listen(0, "127.0.0.1", () => res((srv.address() as { port: number }).port)));
}

let strict: AppContext; // production rules: private addresses refused (plain http allowed: PROTOCOL=http)
let lax: AppContext; // ALLOW_PRIVATE_ADDRESSES=true; every name resolves to loopback
const laxNames: Resolve = async (name) => (name === "dual.test" ? ["::1", "127.0.0.1"] : ["127.0.0.1"]);

beforeAll(async () => {
  const certs = makeCerts();
  ca = certs.ca;
  tlsPort = await tlsServer(certs.leaf("pinned", ["pinned.test", "rebind.test"]));
  wrongPort = await tlsServer(certs.leaf("wrong", ["wrong.test"]));
  http = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const url = new URL(req.url);
      httpSeen.push({ host: req.headers.get("host"), path: url.pathname });
      if (url.pathname === "/hop") return new Response(null, { status: 302, headers: { Location: `http://second.test:${http.port}/end` } });
      return new Response(`local ${url.pathname}`);
    },
  });
  strict = context({ PROTOCOL: "http" }, rebinding(PUBLIC));
  lax = context({ PROTOCOL: "http", ALLOW_PRIVATE_ADDRESSES: "true" }, laxNames);
});

afterAll(() => {
  http.stop(true);
  for (const s of servers) s.close();
  for (const c of [strict, lax]) c.db.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs `fn` and returns the dials it made and how many requests the local servers saw. */
async function observe(fn: () => Promise<unknown>): Promise<{ dials: typeof dials; local: number; result: unknown }> {
  const d0 = dials.length;
  const h0 = httpSeen.length;
  const t0 = tlsSeen.length;
  const result = await fn().catch((e) => e);
  return { dials: dials.slice(d0), local: httpSeen.length - h0 + tlsSeen.length - t0, result };
}

describe("a name that rebinds to 127.0.0.1 after the check", () => {
  const cases: [string, (n: number) => Promise<unknown>][] = [
    ["safeFetch over http", (n) => safeFetch(strict, `http://r${n}.test:${http.port}/secret`)],
    ["safeFetch over https", (n) => safeFetch(strict, `https://r${n}.test:${tlsPort}/secret`)],
    ["fetchActivityJson (signed GET)", (n) => fetchActivityJson(strict, `https://r${n}.test:${tlsPort}/doc`)],
    ["webfinger", (n) => webfinger(strict, `alice@r${n}.test:${tlsPort}`)],
    ["remote media", (n) => fetchRemoteImage(strict, `https://r${n}.test:${tlsPort}/img.png`, 1024 * 1024)],
    [
      "delivery (signed POST)",
      async (n) =>
        runDeliver(strict, {
          senderId: await instanceActorId(strict),
          inbox: `http://r${n}.test:${http.port}/inbox`,
          activity: { type: "Delete" },
        }),
    ],
  ];
  cases.forEach(([name, run], i) => {
    test(`${name}: connects to the checked public address, never to the local server`, async () => {
      await instanceActorId(strict);
      const seen = await observe(() => run(i));
      expect(seen.dials.map((d) => d.address)).toEqual([PUBLIC]);
      expect(seen.local).toBe(0);
      expect(seen.result instanceof Error ? seen.result.message : "answered").toBe("answered");
    });
  });

  test("a redirect is re-resolved, re-checked and pinned at every hop", async () => {
    // r-hop.test's public server redirects to r-next.test, whose name rebinds on a second lookup.
    const hop = await observe(() => safeFetch(strict, `http://r-hop.test:${http.port}/hop`));
    expect((hop.result as { url: string }).url).toBe(`http://r-next.test:${http.port}/x`);
    expect(hop.dials).toEqual([
      { host: `r-hop.test:${http.port}`, address: PUBLIC },
      { host: `r-next.test:${http.port}`, address: PUBLIC },
    ]);
    expect(hop.local).toBe(0);
    const local = await observe(() => safeFetch(strict, `http://r-hop2.test:${http.port}/hop-local`));
    expect((local.result as Error).message).toMatch(/private address 127\.0\.0\.1/);
    expect(local.dials.map((d) => d.address)).toEqual([PUBLIC]);
    expect(local.local).toBe(0);
    const lax2 = await observe(() => safeFetch(lax, `http://first.test:${http.port}/hop`));
    expect(lax2.dials).toEqual([
      { host: `first.test:${http.port}`, address: "127.0.0.1" },
      { host: `second.test:${http.port}`, address: "127.0.0.1" },
    ]);
    expect(httpSeen.slice(-2)).toEqual([
      { host: `first.test:${http.port}`, path: "/hop" },
      { host: `second.test:${http.port}`, path: "/end" },
    ]);
  });

  test("a name whose current answer is private is refused before connecting", async () => {
    await strict.outbound.resolve("r-private.test"); // spend the public answer
    const seen = await observe(() => safeFetch(strict, `http://r-private.test:${http.port}/secret`));
    expect(seen.result).toBeInstanceOf(FetchError);
    expect((seen.result as FetchError).message).toMatch(/private address 127\.0\.0\.1/);
    expect(seen.dials).toEqual([]);
    expect(seen.local).toBe(0);
  });
});

describe("ALLOW_PRIVATE_ADDRESSES: pinned requests to local servers", () => {
  test("http: the request goes to the resolved address with the name in Host", async () => {
    const seen = await observe(() => safeFetch(lax, `http://pinned.test:${http.port}/hello`));
    const r = seen.result as Awaited<ReturnType<typeof safeFetch>>;
    expect(r.status).toBe(200);
    expect(new TextDecoder().decode(r.body)).toBe("local /hello");
    expect(r.url).toBe(`http://pinned.test:${http.port}/hello`);
    expect(seen.dials).toEqual([{ host: `pinned.test:${http.port}`, address: "127.0.0.1" }]);
    expect(httpSeen.at(-1)).toEqual({ host: `pinned.test:${http.port}`, path: "/hello" });
  });

  test("https: SNI and Host carry the name, and the certificate (names only, no IP) is verified against it", async () => {
    const r = await safeFetch(lax, `https://pinned.test:${tlsPort}/hello`);
    expect(r.status).toBe(200);
    expect(JSON.parse(new TextDecoder().decode(r.body))).toEqual({ ok: true });
    expect(tlsSeen.at(-1)).toMatchObject({ sni: "pinned.test", host: `pinned.test:${tlsPort}`, line: "GET /hello HTTP/1.1" });
  });

  test("https: a certificate for another name is refused and no request is sent", async () => {
    const before = tlsSeen.length;
    const err = await safeFetch(lax, `https://pinned.test:${wrongPort}/hello`).catch((e) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err.message).toMatch(/ALTNAME|certificate|hostname/i);
    // The server may or may not see the aborted handshake complete; it never sees a request.
    for (const s of tlsSeen.slice(before)) expect([s.sni, s.line]).toEqual(["pinned.test", undefined]);
  });

  test("https: a certificate from an untrusted CA is refused (the test CA is trusted only by the test's connect)", async () => {
    const plain = createContext(
      loadConfig({
        DATA_DIR: mkdtempSync(join(tmpdir(), "hearth-pinned-")),
        LOCAL_DOMAIN: "hearth.test",
        PROTOCOL: "http",
        ALLOW_PRIVATE_ADDRESSES: "true",
      }),
      {
        log: createLogger("error"),
        outbound: { resolve: laxNames },
      },
    );
    dirs.push(plain.config.dataDir);
    const err = await safeFetch(plain, `https://pinned.test:${tlsPort}/hello`).catch((e) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect(err.message).toMatch(/certificate|VERIFY|SIGNATURE|ISSUER/i);
    plain.db.close();
  });

  test("a signed delivery over https carries Host = the name, and its signature verifies for it", async () => {
    const senderId = await instanceActorId(lax);
    const inbox = `https://pinned.test:${tlsPort}/inbox`;
    await runDeliver(lax, { senderId, inbox, activity: { type: "Delete", id: "https://hearth.test/x" } });
    const seen = tlsSeen.at(-1)!;
    expect(seen).toMatchObject({ sni: "pinned.test", host: `pinned.test:${tlsPort}`, line: "POST /inbox HTTP/1.1" });
    expect(JSON.parse(seen.body!)).toEqual({ type: "Delete", id: "https://hearth.test/x" });
    const key = lax.db
      .query<{ uri: string; public_key_pem: string }, [number]>("SELECT uri, public_key_pem FROM accounts WHERE id = ?")
      .get(senderId)!;
    const verdict = await verifyRequest(
      { method: "POST", url: inbox, headers: seen.headers!, body: seen.body! },
      async () => ({ publicKeyPem: key.public_key_pem, ownerUri: key.uri }),
      Date.now(),
    );
    expect(verdict).toMatchObject({ ok: true });
  });

  test("when an address refuses the connection the next checked address is tried", async () => {
    const seen = await observe(() => safeFetch(lax, `http://dual.test:${http.port}/hello`));
    expect((seen.result as { status: number }).status).toBe(200);
    expect(seen.dials.map((d) => d.address)).toEqual(["::1", "127.0.0.1"]);
  });
});
