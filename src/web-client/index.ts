/**
 * Route group: serves the web client (web/dist, embedded in the binary through the generated
 * assets.gen.ts) with immutable caching for hashed assets and an index.html fallback for the
 * client's own routes. Registered last so it never shadows an API route.
 */
import type { Router } from "../http/route";
import { json } from "../http/route";
import { contentType, isSpaPath, PLACEHOLDER_HTML } from "./files";

/** URL path → file path of the built client; empty when web/dist was not built. */
let assets: Record<string, string> = {};
try {
  // Written by the web build (web/vite.config.ts); absent in a checkout without web/dist.
  // @ts-ignore -- generated file, may not exist
  const mod = await import("./assets.gen");
  assets = mod.WEB_ASSETS ?? {};
  // A stale list (web/dist deleted or rebuilt since) must not make the client half-served.
  if (!assets["/index.html"] || !(await Bun.file(assets["/index.html"]!).exists())) assets = {};
} catch {
  assets = {};
}

/** True when the built client is embedded, so it owns `/` and the client routes. */
export function hasWebClient(): boolean {
  return "/index.html" in assets;
}

const IMMUTABLE = "public, max-age=31536000, immutable";

function serveFile(path: string, file: string, method: string): Response {
  const hashed = path.startsWith("/assets/");
  const headers: Record<string, string> = {
    "Content-Type": contentType(path),
    // index.html and the service worker must be revalidated so a new build reaches browsers.
    "Cache-Control": hashed ? IMMUTABLE : path === "/index.html" || path === "/sw.js" ? "no-cache" : "public, max-age=3600",
    "X-Content-Type-Options": "nosniff",
  };
  if (path === "/index.html") headers["Referrer-Policy"] = "same-origin";
  return new Response(method === "HEAD" ? null : Bun.file(file), { headers });
}

/** The app's index.html (or the placeholder when the client was not built). */
export function indexResponse(method: string): Response {
  const file = assets["/index.html"];
  if (file) return serveFile("/index.html", file, method);
  return new Response(method === "HEAD" ? null : PLACEHOLDER_HTML, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" },
  });
}

function handle(request: Request): Response {
  const url = new URL(request.url);
  const path = decodeURIComponent(url.pathname);
  const file = assets[path];
  if (file && path !== "/index.html") return serveFile(path, file, request.method);
  if (path === "/index.html" || isSpaPath(path, request.headers.get("accept"))) return indexResponse(request.method);
  return json({ error: "Record not found" }, 404);
}

export default function register(r: Router): void {
  // Raw Elysia routes: static files need no token, body parsing or JSON wrapping.
  const app = r.app as any;
  app.get("/*", ({ request }: { request: Request }) => handle(request));
  app.head("/*", ({ request }: { request: Request }) => handle(request));
}
