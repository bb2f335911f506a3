/**
 * Security headers on every kind of response, from a real server over HTTP: server-rendered
 * pages, the web client (index and a deep client route), JSON (success and errors), ActivityPub,
 * uploaded media under /system/ and 404s.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { hasWebClient } from "../../src/web-client";
import { gradient } from "../media/fixtures";

let s: TestServer;
let alice: TestUser;
let mediaUrl: string;
let statusId: string;

beforeAll(async () => {
  s = await startTestServer();
  alice = await s.createUser("alice");
  const png = await gradient(64, 48, "png");
  const m = await alice.client.v2.media.create({ file: new Blob([png], { type: "image/png" }), description: "a gradient" });
  mediaUrl = m.url!;
  statusId = (await alice.client.v1.statuses.create({ status: "hello", mediaIds: [m.id], visibility: "public" })).id;
  await s.drain();
});
afterAll(() => s.stop());

const get = (path: string, accept = "text/html", init: RequestInit = {}) =>
  fetch(s.url + path, { ...init, headers: { Accept: accept, ...(init.headers as Record<string, string>) } });

/** The policy's directives as a map (`script-src` → ["'self'"]). */
function directives(csp: string | null): Map<string, string[]> {
  expect(csp).toBeTruthy();
  const out = new Map<string, string[]>();
  for (const part of csp!.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

/** Every response: no MIME sniffing, and a Referrer-Policy that keeps our URLs to ourselves. */
function expectEverywhere(res: Response): void {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(["same-origin", "no-referrer"]).toContain(res.headers.get("referrer-policy") ?? "(none)");
}

/** An HTML document: framed by nobody, no inline script, nothing embedded, and the `script-src` given. */
function expectHtmlPolicy(res: Response, script: "'self'" | "'none'", formAction = true): Map<string, string[]> {
  expectEverywhere(res);
  expect(res.headers.get("content-type")).toStartWith("text/html");
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  const d = directives(res.headers.get("content-security-policy"));
  expect(d.get("default-src")).toEqual(["'none'"]);
  expect(d.get("script-src")).toEqual([script]);
  expect(d.get("frame-ancestors")).toEqual(["'none'"]);
  expect(d.get("object-src")).toEqual(["'none'"]);
  expect(d.get("base-uri")).toEqual(["'none'"]);
  if (formAction) expect(d.get("form-action")).toEqual(["'self'"]);
  else expect(d.has("form-action")).toBe(false);
  for (const kind of ["img-src", "media-src"]) {
    for (const src of ["'self'", "data:", "blob:", s.url]) expect(d.get(kind)).toContain(src);
  }
  expect(d.get("connect-src")).toContain("'self'");
  expect(d.get("connect-src")).toContain(`ws://${s.domain}`);
  for (const [, values] of d) expect(values).not.toContain("'unsafe-eval'");
  return d;
}

describe("security headers", () => {
  test("server-rendered pages: a public profile, a status, a tagged page, sign-in and an HTML 404", async () => {
    for (const path of ["/@alice", `/@alice/${statusId}`, "/@alice/tagged/nothing", "/auth/sign_in", "/@nobody"]) {
      const res = await get(path);
      expect([200, 404]).toContain(res.status);
      const d = expectHtmlPolicy(res, "'none'");
      // Their stylesheet is inline: allowed for these script-free pages only.
      expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    }
    expect((await get("/@nobody")).status).toBe(404);
  });

  test("the OAuth authorization pages leave form-action off so the redirect to the app (any scheme) is not blocked", async () => {
    const app = await (
      await s.api("POST", "/api/v1/apps", { json: { client_name: "Native", redirect_uris: "hearth-test://callback", scopes: "read" } })
    ).json();
    const q = new URLSearchParams({
      client_id: app.client_id,
      redirect_uri: "hearth-test://callback",
      response_type: "code",
      scope: "read",
    });
    const res = await get(`/oauth/authorize?${q}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('action="/oauth/authorize"');
    expectHtmlPolicy(res, "'none'", false);
    // An invalid request's error page too.
    expectHtmlPolicy(await get("/oauth/authorize?client_id=nope"), "'none'", false);
  });

  test.skipIf(!hasWebClient())("the web client: index, a deep client route and its assets", async () => {
    for (const path of ["/", "/home", "/notifications", `/statuses/${statusId}`, "/index.html"]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const d = expectHtmlPolicy(res, "'self'");
      // No inline style either: Preact sets styles through the CSSOM.
      expect(d.get("style-src")).toEqual(["'self'"]);
      expect(d.get("worker-src")).toEqual(["'self'"]);
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script to allow
      if (path === "/") {
        const js = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
        const asset = await get(js, "*/*");
        expect(asset.status).toBe(200);
        expectEverywhere(asset);
        expect(asset.headers.get("content-security-policy")).toBeNull();
      }
    }
  });

  test("JSON: an API response, an error, a 404 and an unknown method", async () => {
    const ok = await get("/api/v1/instance", "application/json");
    expect(ok.status).toBe(200);
    const unauthorized = await get("/api/v1/accounts/verify_credentials", "application/json");
    expect(unauthorized.status).toBe(401);
    const missing = await get("/api/v1/statuses/999999999", "application/json");
    expect(missing.status).toBe(404);
    const unknown = await get("/no/such/thing", "application/json");
    expect(unknown.status).toBe(404);
    const unknownPost = await fetch(s.url + "/no/such/thing", {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
    });
    expect(unknownPost.status).toBe(404);
    for (const res of [ok, unauthorized, missing, unknown, unknownPost]) {
      expect(res.headers.get("content-type")).toStartWith("application/json");
      expectEverywhere(res);
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
    }
  });

  test("ActivityPub documents and WebFinger", async () => {
    for (const [path, accept] of [
      ["/users/alice", "application/activity+json"],
      [`/users/alice/statuses/${statusId}`, 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'],
      ["/@alice", "application/activity+json"],
      [`/.well-known/webfinger?resource=acct:alice@${s.domain}`, "application/jrd+json"],
    ] as const) {
      const res = await get(path, accept);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/json/);
      expectEverywhere(res);
    }
  });

  test("uploaded media under /system/ is served with the sandboxing policy", async () => {
    expect(mediaUrl).toStartWith(`${s.url}/system/`);
    for (const res of [await fetch(mediaUrl), await fetch(mediaUrl, { method: "HEAD" })]) {
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expectEverywhere(res);
      const d = directives(res.headers.get("content-security-policy"));
      expect(d.get("default-src")).toEqual(["'none'"]);
      expect(d.get("form-action")).toEqual(["'none'"]);
      expect(d.has("sandbox")).toBe(true);
    }
    const missing = await fetch(`${s.url}/system/media_attachments/files/1/original/nothing.png`);
    expect(missing.status).toBe(404);
    expectEverywhere(missing);
  });
});
