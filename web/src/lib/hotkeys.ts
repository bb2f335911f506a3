/**
 * Mastodon's keyboard shortcuts: j/k move between posts, n focuses the composer,
 * r/f/b reply, favourite and boost the focused post, o or Enter opens it, ? lists them.
 */

function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
}

function articles(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>("main article.status"));
}

function focusedArticle(): HTMLElement | null {
  return (document.activeElement as HTMLElement | null)?.closest?.("article.status") ?? null;
}

function move(delta: number): void {
  const list = articles();
  if (!list.length) return;
  const cur = focusedArticle();
  const i = cur ? list.indexOf(cur) : -1;
  const next = list[Math.max(0, Math.min(list.length - 1, i < 0 ? 0 : i + delta))];
  next?.focus();
  next?.scrollIntoView({ block: "nearest" });
}

function press(action: string): void {
  const btn = focusedArticle()?.querySelector<HTMLElement>(`[data-action="${action}"]`);
  btn?.click();
}

/** Installs the global key handler; returns a function that removes it. */
export function installHotkeys(onHelp: () => void): () => void {
  const handler = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e.target)) {
      if (e.key === "Escape") (e.target as HTMLElement).blur();
      return;
    }
    const map: Record<string, () => void> = {
      j: () => move(1),
      k: () => move(-1),
      n: () => {
        const c = document.querySelector<HTMLElement>("#compose-text");
        if (c) c.focus();
        else document.querySelector<HTMLElement>("a[href='/compose']")?.click();
      },
      r: () => press("reply"),
      f: () => press("favourite"),
      b: () => press("reblog"),
      o: () => press("open"),
      "?": onHelp,
    };
    const fn = map[e.key];
    if (e.key === "Enter" && (e.target as HTMLElement)?.matches?.("article.status")) {
      e.preventDefault();
      press("open");
      return;
    }
    if (fn) {
      e.preventDefault();
      fn();
    }
  };
  document.addEventListener("keydown", handler);
  return () => document.removeEventListener("keydown", handler);
}
