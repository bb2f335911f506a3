/**
 * Odd paths get 400 or 404, never 500: malformed percent-encoding is a 400 before any route,
 * a path parameter holding NUL/CR/LF names nothing (404), path parameters are decoded once
 * (`%2500` stays the text "%00"), and a browser redirect carries its parameters percent-encoded.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";

let s: TestServer;
const logged: string[] = [];

beforeAll(async () => {
  s = await startTestServer({ fixtures: true, runJobs: false });
  const error = s.ctx.log.error.bind(s.ctx.log);
  s.ctx.log.error = (msg: string, ...rest: unknown[]) => {
    logged.push(String(msg).split("\n")[0]!);
    return (error as any)(msg, ...rest);
  };
});
afterAll(() => s.stop());

const html = { Accept: "text/html" };
const get = (path: string, headers: Record<string, string> = html) => s.api("GET", path, { headers });

test("the actor and status URLs answer 404 for NUL, CR and LF and 400 for bytes that are not UTF-8", async () => {
  const cases: [string, number][] = [
    ["/users/%00", 404],
    ["/users/%0d%0aX-Injected:%201", 404],
    ["/users/%ff%fe", 400],
    ["/users/%ED%A0%80", 400],
    ["/users/%", 400],
    ["/users/local_account_1/statuses/%00", 404],
    ["/users/local_account_1/statuses/%0d%0a", 404],
    ["/users/local_account_1/statuses/%ff%fe", 400],
    ["/users/%00/statuses/1", 404],
    ["/users/local_account_1/statuses/%00/activity", 404],
    ["/users/%00/outbox", 404],
  ];
  for (const [path, status] of cases) {
    for (const headers of [html, { Accept: "application/activity+json" }]) {
      const res = await get(path, headers);
      expect(`${path} ${headers.Accept} ${res.status}`).toBe(`${path} ${headers.Accept} ${status}`);
      expect(res.headers.get("location")).toBeNull();
      expect(res.headers.has("x-injected")).toBe(false);
      expect(((await res.json()) as { error: string }).error).toBeString();
    }
  }
  expect(logged).toEqual([]);
});

test("API routes, the web client and the public pages (their 404 page) refuse the same paths without a 500", async () => {
  const token = s.fixtures.local_account_1.token;
  expect((await s.api("GET", "/api/v1/statuses/%00", { token })).status).toBe(404);
  expect((await s.api("GET", "/api/v1/accounts/%0d%0a", { token })).status).toBe(404);
  expect((await s.api("GET", "/api/v1/statuses/%ff", { token })).status).toBe(400);
  expect((await s.api("POST", "/api/v1/tags/%00/follow", { token })).status).toBe(404);
  expect((await s.api("GET", "/api/v1/statuses/%00")).status).toBe(404);
  expect((await get("/%ff%fe")).status).toBe(400);
  expect((await get("/%zz")).status).toBe(400);
  expect((await s.api("HEAD", "/%ff", { headers: html })).status).toBe(400);
  expect((await get("/@%ff")).status).toBe(404);
  expect((await get("/@%00")).status).toBe(404);
  expect(logged).toEqual([]);
});

test("path parameters are decoded once: %2541 is the name %41, not A", async () => {
  const name = s.fixtures.local_account_1.account.username;
  const encodedOnce = name.replace(/^l/, "%6C");
  const encodedTwice = name.replace(/^l/, "%256C");
  const ap = { Accept: "application/activity+json" };
  expect((await get(`/users/${encodedOnce}`, ap)).status).toBe(200);
  expect((await get(`/users/${encodedTwice}`, ap)).status).toBe(404);
  expect((await get("/users/local_account_1/statuses/%2500", ap)).status).toBe(404);
});

test("browser redirects carry the parameters percent-encoded", async () => {
  const base = s.url;
  let res = await get("/users/local_account_1");
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`${base}/@local_account_1`);
  res = await get("/users/%E2%80%AE%20x");
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`${base}/@%E2%80%AE%20x`);
  res = await get("/users/local_account_1/statuses/%F0%9F%92%A9%3F");
  expect(res.headers.get("location")).toBe(`${base}/@local_account_1/%F0%9F%92%A9%3F`);
  // `/@name@our.domain` goes to the local page: a decoded "/" or CR/LF must not reach the Location.
  res = await get(`/@a%2Fb@${s.domain}`);
  expect(res.status).toBe(301);
  expect(res.headers.get("location")).toBe(`${base}/@a%2Fb`);
  res = await get(`/@%0d%0aX-Injected:%201@${s.domain}`);
  expect(res.headers.get("location")).toBe(`${base}/@%0D%0AX-Injected%3A%201`);
  expect(res.headers.has("x-injected")).toBe(false);
  expect(logged).toEqual([]);
});
