/**
 * The one HTML sanitizer: remote HTML → Mastodon's allowlist, used by federation on the way in
 * and by the server-rendered pages on the way out (same elements, classes and drop list; pages
 * only decorate links differently). Uses Bun's built-in HTMLRewriter (lol-html): no dependency
 * to bundle, streaming and tolerant of broken markup. Attribute values are seen raw (entities
 * undecoded), so links are kept only when the raw value starts with http(s):// (or, on pages, /).
 */

const ALLOWED = new Set(["p", "br", "span", "a", "del", "s", "pre", "code", "em", "strong", "b", "i", "u", "ul", "ol", "li", "blockquote"]);
/** Elements dropped together with their content. */
const DROP_WITH_CONTENT = new Set([
  "script",
  "style",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "noscript",
  "noembed",
  "noframes",
  "textarea",
  "title",
  "head",
  "select",
  "xmp",
  "plaintext",
  "frameset",
  "applet",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** Microformat and Mastodon classes that survive (Mastodon keeps these to render mentions and links). */
const CLASS_OK = /^(h-card|mention|hashtag|ellipsis|invisible|u-url|h-.+|p-.+|u-.+|dt-.+|e-.+)$/;
const SAFE_HREF = /^https?:\/\/[^\s"'<>`]+$/i;
/** A path on this server (not `//host` or `/\host`, which browsers read as another host). */
const LOCAL_HREF = /^\/(?![\/\\])[^\s"'<>`\\]*$/;

/**
 * How links come out. "federation": Mastodon's rules (absolute http(s) links only, others become
 * spans, target=_blank). "page": the public pages' (also local paths; a link without a safe
 * target keeps its text but loses its href; rel includes ugc, no target).
 */
type LinkPolicy = "federation" | "page";

function keepClasses(v: string | null): string | null {
  if (!v) return null;
  const ok = v.split(/\s+/).filter((c) => /^[a-z0-9-]+$/i.test(c) && CLASS_OK.test(c));
  return ok.length ? ok.join(" ") : null;
}

function rewriter(links: LinkPolicy): HTMLRewriter {
  return new HTMLRewriter()
    .on("*", {
      element(el) {
        const tag = el.tagName.toLowerCase();
        if (DROP_WITH_CONTENT.has(tag)) {
          el.remove();
          return;
        }
        if (HEADINGS.has(tag)) {
          // Mastodon shows headings as bold paragraphs.
          for (const [name] of [...el.attributes]) el.removeAttribute(name);
          el.tagName = "strong";
          el.before("<p>", { html: true });
          el.after("</p>", { html: true });
          return;
        }
        if (!ALLOWED.has(tag)) {
          el.removeAndKeepContent();
          return;
        }
        const attrs = [...el.attributes];
        const href = tag === "a" ? el.getAttribute("href") : null;
        const cls = tag === "a" || tag === "span" ? keepClasses(el.getAttribute("class")) : null;
        for (const [name] of attrs) el.removeAttribute(name);
        if (tag === "a" && links === "page") {
          const h = href?.trim() ?? "";
          if (SAFE_HREF.test(h) || LOCAL_HREF.test(h)) el.setAttribute("href", h);
          if (cls) el.setAttribute("class", cls);
          el.setAttribute("rel", "nofollow noopener noreferrer ugc");
        } else if (tag === "a") {
          const h = href?.trim() ?? "";
          if (!SAFE_HREF.test(h)) {
            // Mastodon turns links with unsupported schemes into plain spans.
            el.tagName = "span";
            if (cls) el.setAttribute("class", cls);
            return;
          }
          el.setAttribute("href", h);
          el.setAttribute("rel", "nofollow noopener noreferrer");
          el.setAttribute("target", "_blank");
          if (cls) el.setAttribute("class", cls);
        } else if (tag === "span" && cls) {
          el.setAttribute("class", cls);
        }
      },
      comments(c) {
        c.remove();
      },
    })
    .onDocument({
      doctype() {
        /* dropped with the document type below */
      },
      comments(c) {
        c.remove();
      },
    });
}

function sanitizeWith(html: unknown, links: LinkPolicy): string {
  if (typeof html !== "string" || html === "") return "";
  const out = rewriter(links).transform(html.slice(0, 200_000));
  return out.replace(/<!doctype[^>]*>/gi, "").trim();
}

/** Sanitizes remote HTML (note content, bios, field values) to Mastodon's allowlist. */
export function sanitizeHtml(html: unknown): string {
  return sanitizeWith(html, "federation");
}

/** The same allowlist for HTML shown on server-rendered pages (stored content is sanitized again there). */
export function sanitizePageHtml(html: unknown): string {
  return sanitizeWith(html, "page");
}

/** Plain text with every tag removed (display names, link titles). */
export function stripTags(html: unknown): string {
  if (typeof html !== "string") return "";
  const out = new HTMLRewriter()
    .on("*", {
      element(el) {
        if (DROP_WITH_CONTENT.has(el.tagName.toLowerCase())) el.remove();
        else el.removeAndKeepContent();
      },
      comments(c) {
        c.remove();
      },
    })
    .transform(html.slice(0, 20_000));
  return out
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

const DROP_SELECTOR = [...DROP_WITH_CONTENT].join(", ");
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Plain text of (sanitized) HTML with paragraph and line breaks kept, for meta descriptions. */
export function textOf(html: string): string {
  let out = "";
  new HTMLRewriter()
    .on(DROP_SELECTOR, {
      element: (el) => {
        el.remove();
      },
    })
    .on("br", {
      element: () => {
        out += "\n";
      },
    })
    .on("p", {
      element: () => {
        if (out) out += "\n\n";
      },
    })
    .onDocument({
      text: (t) => {
        out += t.text;
      },
    })
    .transform(html);
  return decodeEntities(out)
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
