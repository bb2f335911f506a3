/** The HTTP layer: body parsing errors, size limits, CORS, unknown routes, rate limit headers. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { createContext, type AppContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { createApp } from "../../src/server";
import { Router } from "../../src/http/route";
import { ApiError } from "../../src/model/errors";

let ctx: AppContext, app: ReturnType<typeof createApp>, base: string, dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hearth-http-"));
  ctx = createContext(loadConfig({ DATA_DIR: dir, RATE_LIMITS: "true" }), { log: createLogger("silent") });
  app = createApp(ctx);
  const r = new Router(app, ctx);
  r.post("/t/echo/:id", { auth: "none" }, (q) => ({ params: q.params, input: q.input, raw: q.rawBody }));
  r.get("/t/boom", { auth: "none" }, () => {
    throw new Error("secret detail");
  });
  r.get("/t/teapot", { auth: "none" }, () => {
    throw new ApiError(422, "Validation failed: nope");
  });
  r.get("/t/private", { auth: "user", scopes: ["read:statuses"] }, () => ({}));
  app.listen({ port: 0, hostname: "127.0.0.1" });
  base = `http://127.0.0.1:${app.server!.port}`;
});
afterAll(() => {
  app.stop(true);
  ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: BodyInit, type?: string) =>
  fetch(`${base}/t/echo/5?q=1`, { method: "POST", body, headers: type ? { "content-type": type } : {} });

test("form, JSON and multipart bodies merge with the query, Rails-style", async () => {
  let res = await post("a[]=1&a[]=2&h[k]=v", "application/x-www-form-urlencoded");
  expect(await res.json()).toEqual({ params: { id: "5" }, input: { q: "1", a: ["1", "2"], h: { k: "v" } } });
  res = await post(JSON.stringify({ a: [1], n: { m: true } }), "application/json");
  expect((await res.json()).input).toEqual({ q: "1", a: [1], n: { m: true } });
  const fd = new FormData();
  fd.append("x[0][name]", "n");
  res = await post(fd);
  expect((await res.json()).input).toEqual({ q: "1", x: { "0": { name: "n" } } });
});

test("malformed and oversized bodies get JSON errors, not 500", async () => {
  let res = await post("{bad", "application/json");
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: "Error occurred while parsing request parameters" });
  res = await post("x".repeat(2_000_000), "application/json");
  expect(res.status).toBe(413);
  expect((await res.json()).error).toBeString();
});

test("unexpected errors are hidden; ApiErrors are shown", async () => {
  let res = await fetch(`${base}/t/boom`);
  expect(res.status).toBe(500);
  expect(await res.text()).not.toContain("secret");
  res = await fetch(`${base}/t/teapot`);
  expect(res.status).toBe(422);
  expect(await res.json()).toEqual({ error: "Validation failed: nope" });
});

test("unknown routes are 404 JSON; CORS headers are present", async () => {
  const res = await fetch(`${base}/api/v1/does-not-exist`);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({ error: "Record not found" });
  const ok = await fetch(`${base}/t/teapot`);
  expect(ok.headers.get("access-control-allow-origin")).toBe("*");
  const pre = await fetch(`${base}/t/echo/1`, { method: "OPTIONS" });
  expect(pre.status).toBe(204);
  expect(pre.headers.get("access-control-allow-headers")).toContain("Authorization");
});

test("tokens: missing or bogus → 401 with rate limit headers", async () => {
  let res = await fetch(`${base}/t/private`);
  expect(res.status).toBe(401);
  res = await fetch(`${base}/t/private`, { headers: { Authorization: "Bearer nope" } });
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: "The access token is invalid" });
  expect(res.headers.get("x-ratelimit-limit")).toBe("300");
  expect(Number(res.headers.get("x-ratelimit-remaining"))).toBeLessThan(300);
});

test("ActivityPub bodies reach the route raw", async () => {
  const res = await fetch(`${base}/t/echo/9`, {
    method: "POST",
    body: '{"type":"Follow"}',
    headers: { "content-type": "application/activity+json" },
  });
  const body = await res.json();
  expect(body.input).toEqual({});
  expect(body.raw).toBe('{"type":"Follow"}');
});
