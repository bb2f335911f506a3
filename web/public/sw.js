/*
 * Hearth's service worker: keeps the app shell (index.html and its hashed assets) so the app
 * opens, and says it is offline, without a connection. API calls, OAuth, the server-rendered
 * public pages and media always go to the network: nothing private is ever cached here.
 */
const CACHE = "hearth-shell-v1";
const SERVER_PATHS = /^\/(api|oauth|auth|@|users|\.well-known|nodeinfo|system|avatars|headers|inbox|sw\.js)/;

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch("/index.html", { cache: "no-cache" });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put("/index.html", res);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set(assets)]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().catch(() => {}).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    // Hashed names never change content: cache first.
    event.respondWith(
      caches.match(req).then((hit) => hit || fetch(req).then((res) => {
        if (res.ok) { const copy = res.clone(); caches.open(CACHE).then((c) => c.put(req, copy)); }
        return res;
      })),
    );
    return;
  }
  if (req.mode === "navigate" && !SERVER_PATHS.test(url.pathname)) {
    // The shell: fresh from the network when possible (so new builds arrive), cached otherwise.
    event.respondWith(
      fetch(req).then((res) => {
        if (res.ok && (res.headers.get("content-type") || "").includes("text/html")) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put("/index.html", copy));
        }
        return res;
      }).catch(() => caches.match("/index.html").then((hit) => hit || Response.error())),
    );
  }
});
