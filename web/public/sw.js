/*
 * Hearth's service worker: keeps the app shell (index.html and its hashed assets) so the app
 * opens, and says it is offline, without a connection. API calls, OAuth, the server-rendered
 * public pages and media always go to the network: nothing private is ever cached here.
 */
const CACHE = "hearth-shell-v1";
/*
 * What the worker needs to renew the push subscription on its own (pushsubscriptionchange): the
 * web client's access token and the server's VAPID key, put there by Settings › Push
 * notifications when push is turned on and removed when it is turned off or on sign-out.
 */
const PUSH_CACHE = "hearth-push";
const PUSH_STATE = "/push-state";
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
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE && k !== PUSH_CACHE).map((k) => caches.delete(k))))
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

/*
 * Web Push (Mastodon's payload, already decrypted by the browser): title, body, icon,
 * notification_id, notification_type, preferred_locale, access_token. Shown as a system
 * notification; a click opens the screen it is about in an open window of the app, or a new one.
 */
self.addEventListener("push", (event) => {
  let p = {};
  try {
    p = event.data ? event.data.json() : {};
  } catch {
    p = { title: event.data ? event.data.text() : "" };
  }
  const title = p.title || "Hearth";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: p.body || "",
      icon: p.icon || "/icon-192.png",
      badge: "/icon-192.png",
      lang: p.preferred_locale || undefined,
      tag: p.notification_id ? `notification-${p.notification_id}` : undefined,
      timestamp: Date.now(),
      data: { id: p.notification_id, type: p.notification_type, token: p.access_token },
    }),
  );
});

/** The client route a notification leads to; asks the API for the notification's post or account. */
async function targetOf(data) {
  const type = (data && data.type) || "";
  if (type === "follow_request") return "/follow-requests";
  if (!data || !data.id || !data.token) return "/notifications";
  try {
    const res = await fetch(`/api/v1/notifications/${encodeURIComponent(data.id)}`, {
      headers: { Authorization: `Bearer ${data.token}` },
    });
    if (!res.ok) return "/notifications";
    const n = await res.json();
    if (type === "admin.report" && n.report) return `/admin/reports/${n.report.id}`;
    if (type === "admin.sign_up" && n.account) return `/admin/accounts/${n.account.id}`;
    if (n.status) return `/statuses/${n.status.id}`;
    if (n.account) return `/accounts/${n.account.id}`;
  } catch {}
  return "/notifications";
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const path = await targetOf(event.notification.data);
      const url = new URL(path, self.location.origin).href;
      const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const win = open.find((c) => new URL(c.url).origin === self.location.origin);
      if (win) {
        // The app routes on its own: a message keeps its state; navigate() is the fallback.
        win.postMessage({ type: "hearth:navigate", path });
        try {
          await win.focus();
        } catch {}
        return;
      }
      await self.clients.openWindow(url);
    })(),
  );
});

/** base64url → bytes (the VAPID key as the API gives it). */
function keyBytes(b64) {
  const s = atob(b64.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/**
 * The push service replaced or dropped the subscription: subscribe again with the same
 * applicationServerKey (the old subscription's, else the server's stored one) unless the browser
 * already made the new one, and register it with POST /api/v1/push/subscription (which replaces
 * this token's subscription) keeping the alerts and policy the server has now.
 */
async function renewPushSubscription(event) {
  const hit = await (await caches.open(PUSH_CACHE)).match(PUSH_STATE);
  if (!hit) return;
  const state = await hit.json();
  const auth = { Authorization: `Bearer ${state.token}` };
  const current = await fetch("/api/v1/push/subscription", { headers: auth });
  // Turned off meanwhile (or the token is gone): nothing to renew.
  if (!current.ok) return;
  const { alerts, policy } = await current.json();
  let sub = event.newSubscription || null;
  if (!sub) {
    const oldKey = event.oldSubscription && event.oldSubscription.options && event.oldSubscription.options.applicationServerKey;
    const key = oldKey || (state.key ? keyBytes(state.key) : null);
    if (!key) return;
    sub = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  }
  const j = sub.toJSON();
  await fetch("/api/v1/push/subscription", {
    method: "POST",
    headers: { ...auth, "Content-Type": "application/json" },
    body: JSON.stringify({ subscription: { endpoint: j.endpoint, keys: j.keys, standard: true }, data: { alerts, policy } }),
  });
}

self.addEventListener("pushsubscriptionchange", (event) => {
  // Started before waitUntil, so the work runs even where waitUntil refuses the event.
  const work = renewPushSubscription(event).catch(() => {});
  event.waitUntil(work);
});
