/**
 * Route group: serves the web client (web/dist, embedded in the binary through the generated
 * assets.gen.ts) with immutable caching for hashed assets and an index.html fallback for the
 * client's own routes. Registered last so it never shadows an API route.
 */
import type { AppContext } from "../context";
import type { Router } from "../http/route";
import { json } from "../http/route";
import { pagePolicy } from "../http/security-headers";
import { pickEncoding } from "../http/compression";
import { contentType, isSpaPath, PLACEHOLDER_HTML } from "./files";
import { readFileSync } from "node:fs";

/** URL path → file path of the built client; empty when web/dist was not built. */
let assets: Record<string, string> = {};
/** URL path → its precompressed variants (web/vite.config.ts writes `.br` and `.gz` next to each text file). */
let encoded: Record<string, { br?: string; gzip?: string }> = {};
try {
  // Written by the web build (web/vite.config.ts); absent in a checkout without web/dist.
  // @ts-ignore -- generated file, may not exist
  const mod = await import("./assets.gen");
  assets = mod.WEB_ASSETS ?? {};
  encoded = (mod as { WEB_ASSETS_ENCODED?: typeof encoded }).WEB_ASSETS_ENCODED ?? {};
  // A stale list (web/dist deleted or rebuilt since) must not make the client half-served.
  if (!assets["/index.html"] || !(await Bun.file(assets["/index.html"]!).exists())) {
    assets = {};
    encoded = {};
  }
} catch {
  assets = {};
}

/** True when the built client is embedded, so it owns `/` and the client routes. */
export function hasWebClient(): boolean {
  return "/index.html" in assets;
}

const IMMUTABLE = "public, max-age=31536000, immutable";

/** Strong validators by file path, from the file's bytes on first use (a build changes them). */
const etags = new Map<string, string | null>();
function etagOf(file: string): string | null {
  let tag = etags.get(file);
  if (tag === undefined) {
    try {
      tag = new Bun.CryptoHasher("sha256").update(readFileSync(file)).digest("hex").slice(0, 20);
    } catch {
      tag = null;
    }
    etags.set(file, tag);
  }
  return tag;
}

/** True when If-None-Match names this file in any of its encodings (weak comparison, as RFC 9110 asks for GET). */
function notModified(request: Request | null, base: string): boolean {
  const header = request?.headers.get("if-none-match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some(
    (t) =>
      t
        .trim()
        .replace(/^W\//, "")
        .replace(/^"|"$/g, "")
        .replace(/-(br|gzip)$/, "") === base,
  );
}

/**
 * Answers with a built file: the precompressed variant the client accepts (brotli, then gzip,
 * written by the web build), a per-variant ETag, 304 on a matching If-None-Match, and
 * long-lived caching for hashed assets only.
 */
function serveFile(ctx: AppContext, path: string, file: string, request: Request | string): Response {
  const req = typeof request === "string" ? null : request;
  const hashed = path.startsWith("/assets/");
  const headers: Record<string, string> = {
    "Content-Type": contentType(path),
    // index.html and the service worker must be revalidated so a new build reaches browsers.
    "Cache-Control": hashed ? IMMUTABLE : path === "/index.html" || path === "/sw.js" ? "no-cache" : "public, max-age=3600",
  };
  const variants = encoded[path];
  const offered = variants ? (["br", "gzip"] as const).filter((e) => variants[e]) : [];
  const encoding = offered.length ? pickEncoding(req?.headers.get("accept-encoding") ?? null, offered) : null;
  if (offered.length) headers.Vary = "Accept-Encoding";
  const base = etagOf(file);
  if (base) headers.ETag = `"${base}${encoding ? `-${encoding}` : ""}"`;
  if (base && notModified(req, base)) {
    const { "Content-Type": _, ...kept } = headers;
    return new Response(null, { status: 304, headers: kept });
  }
  // The one document that runs script: ours, from our origin only (the rest of the security headers are added around the app).
  if (path === "/index.html") headers["Content-Security-Policy"] = pagePolicy(ctx, { scripts: true });
  const body = Bun.file(encoding ? variants![encoding]! : file);
  if (encoding) headers["Content-Encoding"] = encoding;
  // HEAD gets the file too: Elysia and Bun answer it with the length of the body they drop.
  return new Response(body, { headers });
}

/**
 * The app's index.html (or the placeholder when the client was not built). Given the request
 * rather than its method, it answers with the precompressed variant and honours If-None-Match.
 */
export function indexResponse(ctx: AppContext, request: Request | string): Response {
  const file = assets["/index.html"];
  if (file) return serveFile(ctx, "/index.html", file, request);
  const method = typeof request === "string" ? request : request.method;
  return new Response(method === "HEAD" ? null : PLACEHOLDER_HTML, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" },
  });
}

/** The built client's index.html as text (null when the client is not embedded), for pages the client takes over. */
export async function indexHtmlText(): Promise<string | null> {
  const file = assets["/index.html"];
  return file ? Bun.file(file).text() : null;
}

function handle(ctx: AppContext, request: Request): Response {
  const url = new URL(request.url);
  const path = decodeURIComponent(url.pathname);
  const file = assets[path];
  if (file && path !== "/index.html") return serveFile(ctx, path, file, request);
  if (path === "/index.html" || isSpaPath(path, request.headers.get("accept"))) return indexResponse(ctx, request);
  return json({ error: "Record not found" }, 404);
}

export default function register(r: Router): void {
  // Raw Elysia routes: static files need no token, body parsing or JSON wrapping.
  const app = r.app as any;
  app.get("/*", ({ request }: { request: Request }) => handle(r.ctx, request));
  app.head("/*", ({ request }: { request: Request }) => handle(r.ctx, request));
}
