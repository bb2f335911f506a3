/** A tiny history-API router: the current path as state, navigate(), and click interception. */
import { useEffect, useState } from "preact/hooks";

const EVENT = "hearth:navigate";

/** Goes to a client route without reloading. */
export function navigate(to: string, replace = false): void {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(history.state, "", to);
  else history.pushState({ inApp: true }, "", to);
  dispatchEvent(new Event(EVENT));
}

/** True when the current entry was reached inside the app, so history.back() stays in it. */
export function cameFromApp(): boolean {
  return !!(history.state as { inApp?: boolean } | null)?.inApp;
}

/** The current location (path and query), re-rendering on navigation. */
export function useLocation(): URL {
  const [href, setHref] = useState(location.href);
  useEffect(() => {
    const update = () => setHref(location.href);
    addEventListener("popstate", update);
    addEventListener(EVENT, update);
    return () => {
      removeEventListener("popstate", update);
      removeEventListener(EVENT, update);
    };
  }, []);
  return new URL(href);
}

/** Routes same-origin link clicks through navigate(); call once at start. */
export function interceptLinks(): void {
  document.addEventListener("click", (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest?.("a");
    if (!a || a.target || a.hasAttribute("download") || a.dataset.external !== undefined) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !a.hasAttribute("data-route")) return;
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
}

/** Matches a pattern such as "/accounts/:id/followers" against a path. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/");
  const s = path.split("/");
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(":")) out[p[i]!.slice(1)] = decodeURIComponent(s[i]!);
    else if (p[i] !== s[i]) return null;
  }
  return out;
}
