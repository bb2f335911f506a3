/** How the server serves the embedded web client: cache headers, SPA fallback, server paths left alone. */
import { afterAll, describe, expect, test } from "bun:test";
import { startTestServer } from "../rig";
import { hasWebClient } from "../../src/web-client";
import { isSpaPath } from "../../src/web-client/files";

describe("isSpaPath", () => {
  test("client routes with an HTML Accept get index.html", () => {
    expect(isSpaPath("/home", "text/html,application/xhtml+xml")).toBe(true);
    expect(isSpaPath("/oauth-callback", "text/html")).toBe(true);
    expect(isSpaPath("/accounts/1/followers", "text/html")).toBe(true);
  });
  test("server paths and non-HTML requests never do", () => {
    for (const p of [
      "/api/v1/x",
      "/oauth/authorize",
      "/.well-known/webfinger",
      "/nodeinfo/2.0",
      "/users/a",
      "/system/x.png",
      "/avatars/original/missing.png",
      "/headers/x",
      "/inbox",
      "/api",
    ]) {
      expect(isSpaPath(p, "text/html")).toBe(false);
    }
    expect(isSpaPath("/home", "application/json")).toBe(false);
    expect(isSpaPath("/home", null)).toBe(false);
  });
});

const s = await startTestServer();
// With no accounts `/` is the first-run page (tests/well-known/root-page.test.ts); the app owns it after.
await s.createUser("owner", { role: "owner" });
afterAll(() => s.stop());

describe.skipIf(!hasWebClient())("serving the built client", () => {
  const html = { Accept: "text/html" };
  test("index.html is served for / and client routes, never cached", async () => {
    for (const p of ["/", "/home", "/statuses/123", "/oauth-callback?code=x"]) {
      const res = await s.api("GET", p, { headers: html });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(await res.text()).toContain('<div id="app">');
    }
  });
  test("hashed assets are immutable and typed", async () => {
    const index = await (await s.api("GET", "/", { headers: html })).text();
    const js = index.match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const res = await s.api("GET", js);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("content-type")).toContain("javascript");
    // The service worker is revalidated on every load so a new build reaches browsers.
    const sw = await s.api("GET", "/sw.js");
    expect(sw.status).toBe(200);
    expect(sw.headers.get("cache-control")).toBe("no-cache");
    expect(sw.headers.get("content-type")).toContain("javascript");
    const manifest = await s.api("GET", "/manifest.webmanifest");
    expect((await manifest.json()).icons.length).toBeGreaterThan(1);
  });
  test("/@name paths are the server's public pages, never the client", async () => {
    const res = await s.api("GET", "/@nobody", { headers: html });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<div id="app">');
  });
  test("unknown API and federation paths stay JSON 404s", async () => {
    for (const p of ["/api/v1/nope", "/users/nobody/whatever", "/.well-known/nope"]) {
      const res = await s.api("GET", p, { headers: html });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
    }
    const res = await s.api("GET", "/home", { headers: { Accept: "application/json" } });
    expect(res.status).toBe(404);
  });
});
