/**
 * Online state: the browser's navigator.onLine plus what our own requests see (a fetch that
 * fails at the network level means offline until one succeeds), and the service worker.
 */
import { useEffect, useState } from "preact/hooks";
import { navigate } from "./router";

const EVENT = "hearth:network";
let online = typeof navigator === "undefined" ? true : navigator.onLine;

function set(v: boolean): void {
  if (v === online) return;
  online = v;
  dispatchEvent(new Event(EVENT));
}

/** Wraps window.fetch once so every API call (masto.js included) reports reachability. */
export function watchNetwork(): void {
  const orig = window.fetch.bind(window);
  window.fetch = async (...args: Parameters<typeof fetch>) => {
    try {
      const res = await orig(...args);
      // A response that was already on its way (or came from a cache) must not hide the
      // banner while the browser itself says it is offline.
      if (navigator.onLine) set(true);
      return res;
    } catch (e) {
      // Aborts are ours (timeouts, navigation); only real network failures mean offline.
      if (!(e instanceof DOMException && e.name === "AbortError")) set(false);
      throw e;
    }
  };
  addEventListener("online", () => set(true));
  addEventListener("offline", () => set(false));
}

/** True while the app believes it can reach the server. */
export function useOnline(): boolean {
  const [v, setV] = useState(online);
  useEffect(() => {
    const l = () => setV(online);
    addEventListener(EVENT, l);
    l();
    return () => removeEventListener(EVENT, l);
  }, []);
  return v;
}

/**
 * Registers the app-shell service worker (secure contexts only; localhost counts), and follows
 * its requests to show a screen (a click on a push notification, see sw.js).
 */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.addEventListener("message", (e) => {
    const d = e.data as { type?: string; path?: string } | null;
    if (d?.type === "hearth:navigate" && typeof d.path === "string" && d.path.startsWith("/")) navigate(d.path);
  });
  addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // Without a worker the app still works online; nothing to tell the reader.
    });
  });
}
