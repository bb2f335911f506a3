/**
 * HTML pieces for the server-rendered public pages: escaping, an allowlist sanitizer for post
 * and bio HTML (Bun's HTMLRewriter), the page shell with OpenGraph/Twitter tags, and responses.
 */
import { esc } from "../layout";

export { esc };

/** Elements kept in post and bio HTML; everything else is unwrapped (or dropped with its content). */
const ALLOWED = new Set(["p", "br", "a", "span", "em", "strong", "b", "i", "u", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li"]);
/** Elements whose content is not markup (or must never show): removed together with it. */
const DROPPED = "script, style, iframe, object, embed, noscript, noembed, noframes, template, textarea, title, xmp, plaintext, svg, math, head";

/** Keeps simple formatting and http(s)/relative links only; server content is sanitized again here. */
export function sanitize(html: string): string {
  if (!html) return "";
  const rw = new HTMLRewriter()
    .on(DROPPED, { element: (el) => { el.remove(); } })
    .on("*", {
      element(el) {
        const tag = el.tagName.toLowerCase();
        if (!ALLOWED.has(tag)) {
          el.removeAndKeepContent();
          return;
        }
        const href = tag === "a" ? el.getAttribute("href") : null;
        const cls = el.getAttribute("class");
        for (const [name] of [...el.attributes]) el.removeAttribute(name);
        if (href && /^(https?:\/\/|\/(?!\/))/i.test(href.trim())) el.setAttribute("href", href.trim());
        if (cls && /^[\w\s-]*$/.test(cls)) el.setAttribute("class", cls);
        if (tag === "a") el.setAttribute("rel", "nofollow noopener noreferrer ugc");
      },
      comments: (c) => { c.remove(); },
    })
    .onDocument({ comments: (c) => { c.remove(); } });
  return rw.transform(html);
}

/** Plain text of some (trusted-to-be-sanitized) HTML, for meta descriptions. */
export function textOf(html: string): string {
  let out = "";
  new HTMLRewriter()
    .on(DROPPED, { element: (el) => { el.remove(); } })
    .on("br", { element: () => { out += "\n"; } })
    .on("p", { element: () => { if (out) out += "\n\n"; } })
    .onDocument({ text: (t) => { out += t.text; } })
    .transform(html);
  return decodeEntities(out).replace(/[ \t]+/g, " ").replace(/\n{3,}/g, "\n\n").trim();
}

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

/** Shortens text to `max` characters on a word boundary, with an ellipsis. */
export function clip(text: string, max = 200): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)) + "…";
}

/** What a page says about itself to link previews and to ActivityPub software. */
export interface PageMeta {
  title: string;
  description: string;
  url: string;
  type: "profile" | "article" | "website";
  image?: string | null;
  largeImage?: boolean;
  /** The ActivityPub id of the actor or object shown. */
  activityUri?: string;
  siteName: string;
  noindex?: boolean;
  lang?: string | null;
  extra?: [string, string][];
}

const STYLE = `
:root{--bg:#f4f1ec;--card:#fff;--fg:#1f1b16;--muted:#5c544b;--line:#ddd5cb;--accent:#8a4b14;--accent-fg:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#1d1a17;--card:#2a2622;--fg:#eee6dc;--muted:#c2b7a8;--line:#4a433b;--accent:#f0a35e;--accent-fg:#1d1a17}}
*{box-sizing:border-box}body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:var(--bg);color:var(--fg);margin:0}
a{color:var(--accent)}main{max-width:40rem;margin:0 auto;padding:1rem}
.top{display:flex;justify-content:space-between;align-items:center;gap:1rem;max-width:40rem;margin:0 auto;padding:.75rem 1rem}
.top a.site{font-weight:700;text-decoration:none;color:var(--fg)}
.btn{display:inline-block;background:var(--accent);color:var(--accent-fg);padding:.45rem .9rem;border-radius:6px;text-decoration:none;font-weight:600}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden;margin-bottom:1rem}
.header-img{display:block;width:100%;height:10rem;object-fit:cover;background:var(--line)}
.profile-body{padding:0 1rem 1rem}.avatar-lg{width:5.5rem;height:5.5rem;border-radius:12px;border:3px solid var(--card);margin-top:-2.75rem;background:var(--card);object-fit:cover}
h1{font-size:1.4rem;margin:.4rem 0 0;overflow-wrap:anywhere}.acct{color:var(--muted);margin:0;overflow-wrap:anywhere}
.counts{display:flex;gap:1.2rem;flex-wrap:wrap;padding:0;margin:.8rem 0 0;list-style:none}.counts strong{font-size:1.05rem}
dl.fields{margin:.8rem 0 0;border-top:1px solid var(--line)}dl.fields div{display:grid;grid-template-columns:minmax(6rem,1fr) 2fr;gap:.5rem;padding:.4rem 0;border-bottom:1px solid var(--line)}
dl.fields dt{font-weight:600;color:var(--muted);overflow-wrap:anywhere}dl.fields dd{margin:0;overflow-wrap:anywhere}
article.status{padding:1rem;border-bottom:1px solid var(--line)}article.status:last-child{border-bottom:0}
article.status.focus{background:color-mix(in srgb,var(--accent) 8%,var(--card))}
.status-head{display:flex;gap:.6rem;align-items:center}.avatar{width:2.75rem;height:2.75rem;border-radius:8px;object-fit:cover;flex:none}
.who{min-width:0;flex:1}.who strong,.who span{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.who span,.time,.boost{color:var(--muted);font-size:.9rem}
.content{overflow-wrap:anywhere}.content p{margin:.5rem 0}.focus .content{font-size:1.1rem}
details.cw summary{cursor:pointer;font-weight:600;margin:.5rem 0}
.media{display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.4rem;margin:.5rem 0;padding:0;list-style:none}
.media img,.media video{width:100%;max-height:22rem;object-fit:cover;border-radius:8px;display:block;background:var(--line)}
.media figcaption{font-size:.85rem;color:var(--muted)}
.poll{list-style:none;padding:0;margin:.5rem 0}.poll li{margin:.25rem 0}.bar{display:block;height:.4rem;background:var(--accent);border-radius:3px;min-width:2px}
.meta{color:var(--muted);font-size:.9rem;margin:.5rem 0 0}.pager{text-align:center;padding:1rem}
h2{font-size:1.1rem;margin:1.2rem 0 .5rem}.empty{padding:1rem;color:var(--muted)}
.featured ul{list-style:none;padding:0;margin:.4rem 0}.featured li{margin:.4rem 0}.featured h3{font-size:1rem;margin:.8rem 0 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** A full public page: meta tags from `meta`, a top bar with the "Open in the app" link, and `body`. */
export function publicLayout(meta: PageMeta, body: string, appHref: string): string {
  const tags: [string, string][] = [
    ["og:site_name", meta.siteName],
    ["og:title", meta.title],
    ["og:description", meta.description],
    ["og:url", meta.url],
    ["og:type", meta.type],
    ...(meta.image ? ([["og:image", meta.image]] as [string, string][]) : []),
    ...(meta.extra ?? []),
  ];
  const named: [string, string][] = [
    ["description", meta.description],
    ["twitter:card", meta.largeImage ? "summary_large_image" : "summary"],
    ["twitter:title", meta.title],
    ["twitter:description", meta.description],
    ...(meta.image ? ([["twitter:image", meta.image]] as [string, string][]) : []),
    ...(meta.noindex ? ([["robots", "noindex, noarchive"]] as [string, string][]) : []),
  ];
  return `<!DOCTYPE html>
<html lang="${esc(meta.lang || "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(meta.title)}</title>
${named.map(([k, v]) => `<meta name="${esc(k)}" content="${esc(v)}">`).join("\n")}
${tags.map(([k, v]) => `<meta property="${esc(k)}" content="${esc(v)}">`).join("\n")}
<link rel="canonical" href="${esc(meta.url)}">
${meta.activityUri ? `<link rel="alternate" type="application/activity+json" href="${esc(meta.activityUri)}">` : ""}
<link rel="manifest" href="/manifest.webmanifest">
<style>${STYLE}</style>
</head>
<body>
<header class="top"><a class="site" href="/">${esc(meta.siteName)}</a><a class="btn" href="${esc(appHref)}">Open in the app</a></header>
<main>
${body}
</main>
</body>
</html>
`;
}

/** An HTML response for a public page: cacheable briefly, never framed, no scripts at all. */
export function pageResponse(html: string, status = 200, method = "GET"): Response {
  return new Response(method === "HEAD" ? null : html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": status === 200 ? "public, max-age=60" : "no-cache",
      "Vary": "Accept",
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: http: data:; media-src 'self' https: http:; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    },
  });
}
