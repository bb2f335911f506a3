/**
 * The one layout of the server-rendered pages (public profiles, statuses and tags; account
 * security; the OAuth authorization flow; the first-run page): one HTML document shell with two
 * looks, the account card (`layout`) and the public page with link-preview tags (`publicLayout`),
 * and the responses that carry them with safe headers.
 */
import { esc } from "../text/escape";

export { esc };

const ACCOUNT_STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f1ec;color:#1f1b16;margin:0;line-height:1.5}
main{max-width:28rem;margin:3rem auto;padding:1.5rem 2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin-top:0}label{display:block;font-weight:600;margin-top:1rem}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #8a8178;border-radius:6px}
button{font-size:1rem;padding:.6rem 1.2rem;margin:1.2rem .5rem 0 0;border-radius:6px;border:1px solid #6b3d12;cursor:pointer}
button.primary{background:#8a4b14;color:#fff}button.secondary{background:#fff;color:#6b3d12}
.error{background:#fde8e6;color:#8b1a10;padding:.6rem .8rem;border-radius:6px}
code,pre{background:#f0ebe4;padding:.15rem .35rem;border-radius:4px;word-break:break-all}
ul.scopes li{margin:.2rem 0}.muted{color:#5c544b;font-size:.9rem}a{color:#8a4b14}
@media (prefers-color-scheme:dark){body{background:#1d1a17;color:#eee6dc}main{background:#2a2622}code,pre{background:#3a342e}a{color:#f0b27a}
input[type=text],input[type=email],input[type=password]{background:#1d1a17;color:#eee6dc}.muted{color:#b9ae9f}.error{background:#4a1d18;color:#ffd9d3}}
`;

const PUBLIC_STYLE = `
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
.poll{list-style:none;padding:0;margin:.5rem 0}.poll li{margin:.25rem 0}.bar{display:block;width:100%;height:.6rem}
.meta{color:var(--muted);font-size:.9rem;margin:.5rem 0 0}.pager{text-align:center;padding:1rem}
h2{font-size:1.1rem;margin:1.2rem 0 .5rem}.empty{padding:1rem;color:var(--muted)}
.featured ul{list-style:none;padding:0;margin:.4rem 0}.featured li{margin:.4rem 0}.featured h3{font-size:1rem;margin:.8rem 0 0}
.tabs{display:flex;gap:.3rem;list-style:none;padding:0;margin:1rem 0 .5rem;flex-wrap:wrap}.tabs a{display:block;padding:.35rem .8rem;border-radius:6px;text-decoration:none;border:1px solid var(--line)}
.tabs a[aria-current=page]{background:var(--accent);color:var(--accent-fg);border-color:var(--accent)}
.actions{display:flex;gap:1rem;flex-wrap:wrap;margin:.5rem 0 0;font-size:.9rem}.actions a{color:var(--muted)}
.error{background:#fde8e6;color:#8b1a10;padding:.6rem .8rem;border-radius:6px}label{font-weight:600}
input[type=text]{width:100%;padding:.55rem;font-size:1rem;border:1px solid var(--muted);border-radius:6px;background:var(--card);color:var(--fg)}
button.btn{border:0;font-size:1rem;cursor:pointer}ol.rules li{margin:.4rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** The HTML document every page is: `head` lines go after the title, `top` before <main>; `body` is already escaped. */
function documentHtml(o: {
  lang: string;
  title: string;
  meta?: string[];
  head?: string[];
  style: string;
  top?: string;
  body: string;
}): string {
  return `<!DOCTYPE html>
<html lang="${esc(o.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${[...(o.meta ?? []), `<title>${esc(o.title)}</title>`, ...(o.head ?? []), `<style>${o.style}</style>`].join("\n")}
</head>
<body>
${o.top ? `${o.top}\n` : ""}<main>
${o.body}
</main>
</body>
</html>
`;
}

/** A complete account or OAuth page (a centred card); `body` must already be escaped. */
export function layout(title: string, body: string, lang = "en"): string {
  return documentHtml({ lang, title, meta: [`<meta name="referrer" content="no-referrer">`], style: ACCOUNT_STYLE, body });
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
  /** An RSS 2.0 feed of what the page lists (profiles and hashtags). */
  rss?: string;
  /** The page's oEmbed endpoint (status pages). */
  oembed?: string;
  lang?: string | null;
  extra?: [string, string][];
}

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
  return documentHtml({
    lang: meta.lang || "en",
    title: meta.title,
    head: [
      named.map(([k, v]) => `<meta name="${esc(k)}" content="${esc(v)}">`).join("\n"),
      tags.map(([k, v]) => `<meta property="${esc(k)}" content="${esc(v)}">`).join("\n"),
      `<link rel="canonical" href="${esc(meta.url)}">`,
      meta.activityUri ? `<link rel="alternate" type="application/activity+json" href="${esc(meta.activityUri)}">` : "",
      meta.rss ? `<link rel="alternate" type="application/rss+xml" href="${esc(meta.rss)}">` : "",
      meta.oembed ? `<link rel="alternate" type="application/json+oembed" href="${esc(meta.oembed)}">` : "",
      `<link rel="manifest" href="/manifest.json">`,
      `<link rel="icon" href="/icon.svg" type="image/svg+xml">`,
      `<link rel="apple-touch-icon" href="/icon-192.png">`,
    ],
    style: PUBLIC_STYLE,
    top: `<header class="top"><a class="site" href="/">${esc(meta.siteName)}</a><a class="btn" href="${esc(appHref)}">Open in the app</a></header>`,
    body,
  });
}

/** The frameable page of one post for embedding elsewhere: no top bar, links open outside the frame. */
export function embedLayout(title: string, body: string, lang = "en"): string {
  return documentHtml({
    lang,
    title,
    head: [`<meta name="robots" content="noindex">`, `<base target="_blank">`],
    style: `${PUBLIC_STYLE}main{padding:0;max-width:none}.card{margin:0}`,
    body,
  });
}

/**
 * An HTML response that is never cached nor sends a referrer; `cookies` are Set-Cookie values.
 * Its Content-Security-Policy (no script, never framed) is added around the app (http/security-headers).
 */
export function htmlResponse(html: string, status = 200, cookies: string[] = [], headers: Record<string, string> = {}): Response {
  const h = new Headers({
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    ...headers,
  });
  for (const c of cookies) h.append("Set-Cookie", c);
  return new Response(html, { status, headers: h });
}

/** A redirect response (302 by default) with optional Set-Cookie values. */
export function redirectResponse(location: string, status = 302, cookies: string[] = []): Response {
  const h = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const c of cookies) h.append("Set-Cookie", c);
  return new Response(null, { status, headers: h });
}

/**
 * An HTML response for a public page, cacheable briefly. Its Content-Security-Policy (no script,
 * never framed) and Referrer-Policy are added around the app (http/security-headers).
 */
export function pageResponse(html: string, status = 200, method = "GET"): Response {
  return new Response(method === "HEAD" ? null : html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": status === 200 ? "public, max-age=60" : "no-cache",
      Vary: "Accept",
    },
  });
}
