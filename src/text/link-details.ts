/**
 * Reading links and web pages with parse5 (no regex over HTML): the link a preview card is made
 * for (Mastodon's FetchLinkCardService rules), a page's OpenGraph / Twitter / JSON-LD / oEmbed
 * details (Mastodon's LinkDetailsExtractor) and its `rel="me"` links (VerifyLinkService).
 */
import { defaultTreeAdapter as tree, type DefaultTreeAdapterTypes as T, parse, parseFragment } from "parse5";

/** Mastodon's limit on a card URL (it must fit a unique index). */
export const CARD_URL_MAX_BYTES = 2692;

type Node = T.ChildNode | T.Document | T.DocumentFragment;

function* elements(root: Node): Generator<T.Element> {
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (tree.isElementNode(n as T.ChildNode)) yield n as T.Element;
    const kids = tree.getChildNodes(n as T.ParentNode) ?? [];
    const content = (n as T.Template).content;
    if (content) stack.push(content);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

const attr = (e: T.Element, name: string): string | undefined => e.attrs.find((a) => a.name === name)?.value;
const tokens = (v: string | undefined): string[] => (v ?? "").toLowerCase().split(/\s+/).filter(Boolean);

function textContent(e: Node): string {
  let out = "";
  const stack: Node[] = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (tree.isTextNode(n as T.ChildNode)) out += (n as T.TextNode).value;
    const kids = tree.getChildNodes(n as T.ParentNode) ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/**
 * The first link of a status's HTML a card may be made for: `<a>` elements in order, skipping
 * hashtags (`rel~=tag`), mentions (class `u-url`/`h-card`, or an href that is a mentioned
 * account's URL), non-http(s), host-less, local and over-long URLs.
 */
export function firstCardLink(html: string, mentionUrls: ReadonlySet<string>, isLocal: (url: URL) => boolean): string | null {
  for (const a of elements(parseFragment(html))) {
    if (a.tagName !== "a") continue;
    const href = attr(a, "href");
    if (!href) continue;
    if (tokens(attr(a, "rel")).includes("tag")) continue;
    if (/u-url|h-card/.test(attr(a, "class") ?? "")) continue;
    if (mentionUrls.has(href)) continue;
    let u: URL;
    try {
      u = new URL(href);
    } catch {
      continue;
    }
    if ((u.protocol !== "http:" && u.protocol !== "https:") || !u.hostname || isLocal(u)) continue;
    if (Buffer.byteLength(u.href) > CARD_URL_MAX_BYTES) continue;
    return u.href;
  }
  return null;
}

/** What a page says about itself (strings are plain text, URLs absolute http(s)). */
export interface LinkDetails {
  canonicalUrl: string;
  title: string;
  description: string;
  type: "link" | "video";
  html: string;
  width: number;
  height: number;
  image: string | null;
  imageDescription: string;
  providerName: string;
  providerUrl: string;
  authorName: string;
  authorUrl: string;
  /** `fediverse:creator`, e.g. `@alice@example.com`. */
  authorAccount: string | null;
  embedUrl: string;
  language: string | null;
  publishedAt: string | null;
  /** The JSON oEmbed endpoint the page advertises (`<link rel="alternate" type="application/json+oembed">`). */
  oembedUrl: string | null;
}

/** Resolves `s` against `base`; null unless an absolute http(s) URL (same origin only when asked). */
export function validUrl(s: string | undefined | null, base: string, sameOrigin = false): string | null {
  if (!s || s === "null") return null;
  try {
    const u = new URL(s.trim(), base);
    if ((u.protocol !== "http:" && u.protocol !== "https:") || !u.hostname) return null;
    if (sameOrigin && u.hostname !== new URL(base).hostname) return null;
    return u.href;
  } catch {
    return null;
  }
}

const LOCALE_RE = /^[a-z]{2,3}$/;

/** The language part of a locale (`en_US` → `en`), or null. */
function locale(v: string | undefined | null): string | null {
  const l = (v ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return LOCALE_RE.test(l) ? l : null;
}

function structuredData(scripts: string[]): Record<string, any> | null {
  for (const raw of scripts) {
    const text = raw.replace(/^\s*(\/\*\s*<!\[CDATA\[\s*\*\/|\/\/\s*<!\[CDATA\[|\/\*\s*\]\]>\s*\*\/|\/\/\s*\]\]>)\s*$/gm, "").trim();
    if (!text) continue;
    try {
      const json = JSON.parse(text);
      for (const o of Array.isArray(json) ? json : [json])
        if (o && typeof o === "object" && (o["@type"] === "NewsArticle" || o["@type"] === "WebPage")) return o;
    } catch {
      /* invalid JSON-LD: the next one */
    }
  }
  return null;
}

const first = (v: any) => (Array.isArray(v) ? v[0] : v);
const str = (v: any): string | undefined => (typeof v === "string" ? v : undefined);
const int = (v: string | undefined): number => {
  const n = Number.parseInt(v ?? "", 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 100_000) : 0;
};

/** Escapes a value for a double-quoted HTML attribute. */
export function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An iframe of the player at `src` (the only HTML a card carries). */
export function playerIframe(src: string, width: number, height: number): string {
  return `<iframe src="${escapeAttr(src)}" width="${width}" height="${height}" allowfullscreen="true" allowtransparency="true" scrolling="no" frameborder="0"></iframe>`;
}

/** Reads the details of the page `url` from its HTML, as Mastodon's LinkDetailsExtractor. */
export function extractLinkDetails(url: string, html: string): LinkDetails {
  const doc = parse(html);
  const meta = new Map<string, string>();
  const metaByName = new Map<string, string>();
  const links: { rel: string[]; type: string; href: string }[] = [];
  const scripts: string[] = [];
  let title: string | undefined;
  let lang: string | undefined;
  for (const e of elements(doc)) {
    if (e.tagName === "meta") {
      const content = attr(e, "content");
      if (content === undefined) continue;
      for (const key of [attr(e, "property"), attr(e, "name")]) if (key && !meta.has(key)) meta.set(key, content);
      const name = attr(e, "name");
      if (name && !metaByName.has(name)) metaByName.set(name, content);
    } else if (e.tagName === "link") {
      links.push({ rel: tokens(attr(e, "rel")), type: (attr(e, "type") ?? "").toLowerCase(), href: attr(e, "href") ?? "" });
    } else if (e.tagName === "title" && title === undefined) title = textContent(e);
    else if (e.tagName === "html" && lang === undefined) lang = attr(e, "lang");
    else if (e.tagName === "script" && (attr(e, "type") ?? "").toLowerCase() === "application/ld+json") scripts.push(textContent(e));
  }
  const og = (k: string) => meta.get(k);
  const sd = structuredData(scripts);
  const author = first(sd?.author) ?? {};
  const publisher = first(sd?.publisher) ?? {};
  const player = validUrl(og("twitter:player"), url);
  const width = int(og("twitter:player:width"));
  const height = int(og("twitter:player:height"));
  const canonical = links.find((l) => l.rel.includes("canonical"))?.href;
  const site = og("og:site");
  const oembed = links.find((l) => l.rel.includes("alternate") && l.type === "application/json+oembed");
  const sdImage = first(sd?.image);
  return {
    canonicalUrl: validUrl(canonical ?? og("og:url"), url, true) ?? url,
    title: (str(sd?.headline) ?? og("og:title") ?? title ?? "").trim(),
    description: str(sd?.description) ?? og("og:description") ?? metaByName.get("description") ?? "",
    type: player ? "video" : "link",
    html: player ? playerIframe(player, width, height) : "",
    width: player ? width : 0,
    height: player ? height : 0,
    image: validUrl(og("og:image") ?? (typeof sdImage === "object" ? str(sdImage?.url) : str(sdImage)), url),
    imageDescription: og("og:image:alt") ?? "",
    providerName: str(publisher.name) ?? og("og:site_name") ?? "",
    providerUrl: (site ? validUrl(/^https?:\/\//.test(site) ? site : `http://${site}`, url) : null) ?? "",
    authorName: str(author.name) ?? og("og:author") ?? og("og:author:username") ?? "",
    authorUrl: validUrl(str(author.url), url) ?? "",
    authorAccount: og("fediverse:creator")?.trim() || null,
    embedUrl: validUrl(og("twitter:player:stream"), url) ?? "",
    language: locale(str(first(sd?.inLanguage)) ?? og("og:locale") ?? lang),
    publishedAt: str(sd?.datePublished) ?? og("article:published_time") ?? null,
    oembedUrl: oembed ? validUrl(oembed.href, url) : null,
  };
}

/**
 * The first `<iframe>` of oEmbed `html` rebuilt with only its src (http/https), size and
 * presentation attributes, or "" when there is none: Mastodon keeps nothing else of oEmbed HTML.
 */
export function oembedIframe(html: string): string {
  for (const e of elements(parseFragment(html))) {
    if (e.tagName !== "iframe") continue;
    const src = validUrl(attr(e, "src"), "https://invalid.invalid/");
    if (!src || !/^https?:\/\//i.test(attr(e, "src") ?? "")) return "";
    const keep = ["width", "height", "allowfullscreen", "frameborder", "scrolling", "allow"]
      .map((n) => [n, attr(e, n)] as const)
      .filter(([, v]) => v !== undefined)
      .map(([n, v]) => ` ${n}="${escapeAttr(v!)}"`)
      .join("");
    return `<iframe src="${escapeAttr(src)}"${keep}></iframe>`;
  }
  return "";
}

/** The hrefs of `<a>` and `<link>` elements whose rel includes `me`, in document order. */
export function relMeHrefs(html: string): string[] {
  const out: string[] = [];
  for (const e of elements(parse(html)))
    if ((e.tagName === "a" || e.tagName === "link") && tokens(attr(e, "rel")).includes("me")) {
      const href = attr(e, "href");
      if (href !== undefined) out.push(href);
    }
  return out;
}

/** The URL a remote profile field value links to when it is one link whose text is its href (Mastodon's rule). */
export function linkOfFieldHtml(html: string): string | null {
  const frag = parseFragment(html);
  const kids = tree.getChildNodes(frag);
  if (kids.length !== 1 || !tree.isElementNode(kids[0]!)) return null;
  const a = kids[0] as T.Element;
  if (a.tagName !== "a") return null;
  const href = attr(a, "href");
  return href && href === textContent(a) ? href : null;
}
