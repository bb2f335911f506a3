/** Display helpers: relative times, counts, and a defensive HTML sanitizer for post content. */

const UNITS: [number, string][] = [
  [60, "s"],
  [60, "m"],
  [24, "h"],
  [7, "d"],
];

/**
 * Past: "now", "42s", "5m", "3h", "6d", or a date for anything older. Future (a poll's end, a
 * scheduled post): "in 5 minutes", "in 2 days" (Mastodon's web client words), never "now"
 * unless it is less than ten seconds away.
 */
export function relativeTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return "";
  if (t - now >= 10_000) return futureTime(t, now);
  let diff = Math.max(0, (now - t) / 1000);
  if (diff < 10) return "now";
  for (const [size, unit] of UNITS) {
    if (diff < size) return `${Math.floor(diff)}${unit}`;
    diff /= size;
  }
  const d = new Date(t);
  return d.toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    year: d.getFullYear() === new Date(now).getFullYear() ? undefined : "numeric",
  });
}

/** "in 5 minutes", "in 1 hour", "in 2 days" for a time `t` after `now` (both in ms), rounded to the nearest unit. */
export function futureTime(t: number, now = Date.now()): string {
  const sec = (t - now) / 1000;
  if (sec < 10) return "now";
  if (sec < 45) return `in ${plural(Math.round(sec), "second")}`;
  if (sec < 45 * 60) return `in ${plural(Math.max(1, Math.round(sec / 60)), "minute")}`;
  if (sec < 22 * 3600) return `in ${plural(Math.round(sec / 3600), "hour")}`;
  return `in ${plural(Math.max(1, Math.round(sec / 86400)), "day")}`;
}

/** "1 vote", "2 votes", "0 votes": `n` with `word`, plural unless n is exactly 1. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : many}`;
}

/** Full date and time for a tooltip or screen reader. */
export function fullTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString();
}

const ALLOWED = new Set(["P", "BR", "A", "SPAN", "EM", "STRONG", "B", "I", "U", "DEL", "S", "CODE", "PRE", "BLOCKQUOTE", "UL", "OL", "LI"]);

/** Keeps only simple formatting and safe links; the server sanitizes too, this is a second fence. */
export function sanitizeHtml(html: string): string {
  const tpl = document.createElement("template");
  tpl.innerHTML = html;
  const walk = (node: Element | DocumentFragment) => {
    for (const el of Array.from(node.children)) {
      walk(el);
      if (!ALLOWED.has(el.tagName)) {
        el.replaceWith(...Array.from(el.childNodes));
        continue;
      }
      for (const attr of Array.from(el.attributes)) {
        const keep =
          (el.tagName === "A" && attr.name === "href" && /^(https?:|\/)/i.test(attr.value)) ||
          (attr.name === "class" && /^[\w\s-]*$/.test(attr.value));
        if (!keep) el.removeAttribute(attr.name);
      }
      if (el.tagName === "A") {
        el.setAttribute("rel", "nofollow noopener noreferrer");
        el.setAttribute("target", "_blank");
      }
    }
  };
  walk(tpl.content);
  return tpl.innerHTML;
}

/** Plain text of some HTML (for labels and counts). */
export function htmlToText(html: string): string {
  const tpl = document.createElement("template");
  tpl.innerHTML = html.replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>/gi, "\n\n");
  return (tpl.content.textContent || "").trim();
}

/** The name to show for an account (display name or username). */
export function displayName(a: { displayName?: string; username: string }): string {
  return a.displayName?.trim() || a.username;
}

/** Characters a status counts against the limit: URLs count as a fixed length, @user@domain as @user. */
export function countCharacters(text: string, urlLength: number): number {
  const replaced = text.replace(/https?:\/\/[^\s<>"]+/g, "x".repeat(urlLength)).replace(/(^|[^\w])@(\w+)@[\w.-]+\w/g, "$1@$2");
  return Array.from(replaced).length;
}
