/** Shared pieces of the account security pages: the page frame with its links, hidden fields, dates, user agents. */
import { esc, htmlResponse, layout } from "../layout";

/** The security pages, for the small navigation at the top of each. */
const PAGES: [href: string, label: string][] = [
  ["/auth/security", "Password and sessions"],
  ["/auth/two_factor", "Two-factor authentication"],
  ["/oauth/authorized_applications", "Authorized apps"],
];

/** A message box: a notice (role=status) or an error (role=alert). */
export function flash(o: { notice?: string; error?: string }): string {
  if (o.error) return `<p class="error" role="alert">${esc(o.error)}</p>`;
  if (o.notice)
    return `<p role="status" style="background:#e3f4e6;color:#14532d;padding:.6rem .8rem;border-radius:6px">${esc(o.notice)}</p>`;
  return "";
}

/**
 * A complete security page: "Back to Hearth", the heading, links to the other security pages
 * (current one marked), then `body` (already escaped). Never framed, never cached.
 */
export function securityPage(o: {
  site: string;
  path: string;
  heading: string;
  body: string;
  status?: number;
  cookies?: string[];
}): Response {
  const nav = PAGES.map(([href, label]) =>
    href === o.path
      ? `<li><a href="${href}" aria-current="page"><strong>${esc(label)}</strong></a></li>`
      : `<li><a href="${href}">${esc(label)}</a></li>`,
  ).join("\n");
  const html = layout(
    `${o.heading} - ${o.site}`,
    `
<p class="muted"><a href="/settings">Back to Hearth</a></p>
<h1>${esc(o.heading)}</h1>
<nav aria-label="Account security"><ul>
${nav}
</ul></nav>
${o.body}`,
  );
  return htmlResponse(html, o.status ?? 200, o.cookies ?? []);
}

/** A time as "2025-01-31 14:05 UTC" inside a <time> element. */
export function timeTag(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `<time datetime="${iso}">${iso.slice(0, 16).replace("T", " ")} UTC</time>`;
}

/** "Firefox on Linux" from a User-Agent header, or a short form of it. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return "Unknown browser";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /OPR\//.test(ua)
        ? "Opera"
        : /Chrom(e|ium)\//.test(ua)
          ? "Chrome"
          : /Safari\//.test(ua)
            ? "Safari"
            : null;
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad|iPod/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Macintosh|Mac OS X/.test(ua)
          ? "macOS"
          : /Linux|X11/.test(ua)
            ? "Linux"
            : null;
  if (browser) return os ? `${browser} on ${os}` : browser;
  return ua.length > 60 ? `${ua.slice(0, 57)}...` : ua;
}
