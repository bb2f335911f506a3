/** Pure helpers for serving the web client: content types, the SPA fallback rule, the placeholder. */

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
  webmanifest: "application/manifest+json; charset=utf-8",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
  webp: "image/webp",
  woff2: "font/woff2",
  txt: "text/plain; charset=utf-8",
};

/** The Content-Type for a file path, by extension. */
export function contentType(path: string): string {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  return TYPES[ext] ?? "application/octet-stream";
}

/** Path prefixes that belong to the server (API, OAuth, federation, media), never to the client. */
const SERVER_PREFIXES = ["/api", "/oauth", "/auth", "/.well-known", "/nodeinfo", "/users", "/system", "/avatars", "/headers", "/inbox"];

/** True when a GET for `path` with this Accept header should get the client's index.html. */
export function isSpaPath(path: string, accept: string | null): boolean {
  if (!accept || !accept.includes("text/html")) return false;
  return !SERVER_PREFIXES.some((p) => path === p || path.startsWith(p + "/"));
}

/** Shown when the binary was built without the web client (web/dist missing). */
export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hearth</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1b1b1f;background:#fff}
@media (prefers-color-scheme:dark){body{color:#eceff4;background:#16181d}}code{font-size:.95em}</style></head>
<body><h1>Hearth is running</h1>
<p>The web client was not built into this server, so there is no app to show here yet.
Run <code>make web</code> (or <code>make build</code>) and restart the server.</p>
<p>Mastodon apps can still sign in and use this server through its API.</p></body></html>`;
