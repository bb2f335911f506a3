/**
 * Remote HTML → Mastodon's allowlist. Uses Bun's built-in HTMLRewriter (lol-html): no
 * dependency to bundle, streaming and tolerant of broken markup. Attribute values are seen
 * raw (entities undecoded), so links are kept only when the raw value starts with http(s)://.
 */

const ALLOWED = new Set(["p", "br", "span", "a", "del", "s", "pre", "code", "em", "strong", "b", "i", "u", "ul", "ol", "li", "blockquote"]);
/** Elements dropped together with their content. */
const DROP_WITH_CONTENT = new Set(["script", "style", "template", "iframe", "object", "embed", "svg", "math", "noscript", "noembed", "noframes", "textarea", "title", "head", "select", "xmp", "plaintext", "frameset", "applet"]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
/** Microformat and Mastodon classes that survive (Mastodon keeps these to render mentions and links). */
const CLASS_OK = /^(h-card|mention|hashtag|ellipsis|invisible|u-url|h-.+|p-.+|u-.+|dt-.+|e-.+)$/;
const SAFE_HREF = /^https?:\/\/[^\s"'<>`]+$/i;

function keepClasses(v: string | null): string | null {
  if (!v) return null;
  const ok = v.split(/\s+/).filter((c) => /^[a-z0-9-]+$/i.test(c) && CLASS_OK.test(c));
  return ok.length ? ok.join(" ") : null;
}

function rewriter(): HTMLRewriter {
  return new HTMLRewriter()
    .on("*", {
      element(el) {
        const tag = el.tagName.toLowerCase();
        if (DROP_WITH_CONTENT.has(tag)) { el.remove(); return; }
        if (HEADINGS.has(tag)) {
          // Mastodon shows headings as bold paragraphs.
          for (const [name] of [...el.attributes]) el.removeAttribute(name);
          el.tagName = "strong";
          el.before("<p>", { html: true });
          el.after("</p>", { html: true });
          return;
        }
        if (!ALLOWED.has(tag)) { el.removeAndKeepContent(); return; }
        const attrs = [...el.attributes];
        const href = tag === "a" ? el.getAttribute("href") : null;
        const cls = tag === "a" || tag === "span" ? keepClasses(el.getAttribute("class")) : null;
        for (const [name] of attrs) el.removeAttribute(name);
        if (tag === "a") {
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
      comments(c) { c.remove(); },
    })
    .onDocument({ doctype() { /* dropped with the document type below */ }, comments(c) { c.remove(); } });
}

/** Sanitizes remote HTML (note content, bios, field values) to Mastodon's allowlist. */
export function sanitizeHtml(html: unknown): string {
  if (typeof html !== "string" || html === "") return "";
  const out = rewriter().transform(html.slice(0, 200_000));
  return out.replace(/<!doctype[^>]*>/gi, "").trim();
}

/** Plain text with every tag removed (display names, link titles). */
export function stripTags(html: unknown): string {
  if (typeof html !== "string") return "";
  const out = new HTMLRewriter()
    .on("*", { element(el) { if (DROP_WITH_CONTENT.has(el.tagName.toLowerCase())) el.remove(); else el.removeAndKeepContent(); }, comments(c) { c.remove(); } })
    .transform(html.slice(0, 20_000));
  return out.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
