/**
 * Security headers for every response, applied once around the whole app (src/server.ts):
 * `nosniff` and a Referrer-Policy everywhere, a Content-Security-Policy and X-Frame-Options on
 * every HTML document, and a sandboxing policy on uploaded media under /system/ (as Mastodon's
 * content_security_policy initializer and its /system file server do).
 */
import type { AppContext } from "../context";
import { requestPath } from "./path";

/** What a page's policy allows beyond the strict base. */
export interface PagePolicy {
  /** The web client: scripts from our origin. Server-rendered pages run no script at all. */
  scripts?: boolean;
  /**
   * Inline `<style>` and style attributes. The server-rendered pages carry their stylesheet
   * inline and size poll bars with style attributes; the web client needs neither (Preact sets
   * styles through the CSSOM, which CSP does not govern), so it keeps the stricter `'self'`.
   */
  inlineStyles?: boolean;
  /**
   * `form-action 'self'`. Off only on the OAuth authorization pages: Chromium applies
   * form-action to the redirect that follows the consent form, which goes to the app's own
   * (often custom-scheme) redirect URI; Mastodon lifts form-action there for the same reason.
   */
  formAction?: boolean;
  /** No `frame-ancestors`: the page may be framed by any site (a post's embed page, as Mastodon's). */
  frameable?: boolean;
}

/** Sent with uploaded files: nothing in them may load, run, submit or act as our origin. */
export const MEDIA_CSP = "default-src 'none'; form-action 'none'; sandbox";

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * The Content-Security-Policy for an HTML document of this instance. Images and media may come
 * from our origin, the media origin (S3 when configured) and any https origin: remote avatars and
 * remote videos are shown from their own servers until (or unless) they are cached here.
 */
export function pagePolicy(ctx: AppContext, o: PagePolicy = {}): string {
  const self = ctx.uris.base;
  const media = originOf(ctx.storage.url("x")) ?? self;
  const hosts = [...new Set([self, media])];
  const directives: [string, string[]][] = [
    ["default-src", ["'none'"]],
    ["script-src", o.scripts ? ["'self'"] : ["'none'"]],
    ["style-src", o.inlineStyles ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ["img-src", ["'self'", "data:", "blob:", "https:", ...hosts]],
    ["media-src", ["'self'", "data:", "blob:", "https:", ...hosts]],
    ["font-src", ["'self'"]],
    ["manifest-src", ["'self'"]],
    // The API, the streaming WebSocket (ws:/wss: of this instance) and media downloads.
    ["connect-src", ["'self'", ...hosts, ctx.uris.streaming()]],
    ["worker-src", o.scripts ? ["'self'"] : ["'none'"]],
    ["object-src", ["'none'"]],
    ["frame-src", ["'none'"]],
    ["base-uri", ["'none'"]],
  ];
  if (!o.frameable) directives.splice(directives.length - 1, 0, ["frame-ancestors", ["'none'"]]);
  if (o.formAction !== false) directives.push(["form-action", ["'self'"]]);
  return directives.map(([k, v]) => `${k} ${[...new Set(v)].join(" ")}`).join("; ");
}

/** A local post's embed page (/@name/:id/embed), the only document other sites may frame. */
export const EMBED_PATH = /^\/@[^/@]+\/\d+\/embed\/?$/;

/** Paths whose pages end in a redirect to an OAuth app's redirect URI (see PagePolicy.formAction). */
const OAUTH_AUTHORIZE = "/oauth/authorize";

function setHeaders(ctx: AppContext, h: Headers, path: string): void {
  h.set("X-Content-Type-Options", "nosniff");
  if (!h.has("Referrer-Policy")) h.set("Referrer-Policy", "same-origin");
  if (path.startsWith("/system/")) {
    h.set("Content-Security-Policy", MEDIA_CSP);
    return;
  }
  if (!(h.get("Content-Type") ?? "").toLowerCase().startsWith("text/html")) return;
  const frameable = EMBED_PATH.test(path);
  if (!frameable) h.set("X-Frame-Options", "DENY");
  // A document that chose its policy (the web client) keeps it; every other one gets the page policy.
  if (!h.has("Content-Security-Policy")) {
    // The remote-interaction form also ends in a redirect to the visitor's own server.
    const formAction = path !== OAUTH_AUTHORIZE && path !== `${OAUTH_AUTHORIZE}/` && path !== "/authorize_interaction";
    h.set("Content-Security-Policy", pagePolicy(ctx, { inlineStyles: true, formAction, frameable }));
  }
}

/** Adds the security headers to `res` for a request to `path`; returns `res` (or a copy when its headers are immutable). */
export function withSecurityHeaders(ctx: AppContext, res: Response, path: string): Response {
  try {
    setHeaders(ctx, res.headers, path);
    return res;
  } catch {
    const copy = new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers });
    setHeaders(ctx, copy.headers, path);
    return copy;
  }
}

/**
 * An Elysia higher-order function (`app.wrap`) that runs around the whole request handler, so
 * responses from routes, request hooks, error handlers and the 404 fallback all get the headers.
 */
export function securityHeadersWrap(ctx: AppContext) {
  return (handle: (request: Request) => unknown) => async (request: Request) => {
    const res = await handle(request);
    if (!(res instanceof Response)) return res; // a WebSocket upgrade answers nothing
    return withSecurityHeaders(ctx, res, requestPath(request.url));
  };
}
