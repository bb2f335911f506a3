/**
 * The one HTML sanitizer: remote HTML → Mastodon's allowlist (Sanitize::Config::MASTODON_STRICT),
 * used by federation on the way in and by the server-rendered pages on the way out (same
 * elements, attributes and drop list; pages only decorate links differently).
 *
 * Built on parse5 (the WHATWG parser jsdom uses): the input is parsed into a tree the way a
 * browser parses it inside a <div>, the tree is walked with an explicit stack (so a megabyte of
 * nested tags cannot overflow the call stack) and a new tree of allowed nodes is serialized.
 * The output is therefore balanced: every end tag closes an element the output itself opened.
 * It is also built so that a browser re-parses it into that same tree wherever it is inserted
 * (see `placeable`): otherwise a start tag such as <li> or <p> in the output could close an
 * element of the page around it.
 */
import { defaultTreeAdapter as tree, type DefaultTreeAdapterTypes as T, html as H, parseFragment, serialize } from "parse5";

/** Mastodon's MASTODON_STRICT elements. */
const ALLOWED = new Set([
  "p",
  "br",
  "span",
  "a",
  "del",
  "s",
  "pre",
  "blockquote",
  "code",
  "b",
  "strong",
  "u",
  "i",
  "em",
  "ul",
  "ol",
  "li",
  "ruby",
  "rt",
  "rp",
]);
/** Elements dropped together with their content (every other element is unwrapped: its content stays). */
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
/** Allowed elements whose start tag closes an open <p> when a browser parses it. */
const CLOSES_P = new Set(["p", "ul", "ol", "pre", "blockquote", "li"]);
/** Mastodon's LINK_PROTOCOLS: the only schemes a link may have (relative links are not links). */
const LINK_PROTOCOLS = new Set(["http", "https", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "xmpp", "magnet", "gemini"]);
/** Microformat and Mastodon classes that survive (Mastodon keeps these to render mentions and links). */
const CLASS_OK = /^(mention|hashtag|ellipsis|invisible|(h|p|u|dt|e)-[a-z0-9-]+)$/i;
const LANG_OK = /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i;
const INTEGER = /^[+-]?\d{1,9}$/;
/** Characters no kept link may hold: whitespace, controls, bidi overrides, and the quotes and brackets of markup. */
const HREF_BAD = /[\s\p{Cc}\u202a-\u202e\u2066-\u2069"'<>`]/u;
/** A path on this server (not `//host` or `/\host`, which browsers read as another host). */
const LOCAL_HREF = /^\/(?![/\\])[^\\]*$/;
/** Longest input parsed (a remote note or bio); the rest is cut before parsing. */
const MAX_INPUT = 200_000;
/** Kept elements nested deeper than this are unwrapped (browsers flatten deep trees their own way). */
const MAX_DEPTH = 48;
const HTML_NS = H.NS.HTML;

/**
 * How links come out. "federation": Mastodon's rules (only LINK_PROTOCOLS; a link without one
 * becomes a span; rel and target=_blank added). "page": the public pages' (also local paths; a
 * link without a safe target keeps its text but loses its href; rel includes ugc, no target).
 */
type LinkPolicy = "federation" | "page";
type Attr = T.Element["attrs"][number];

const isElement = (n: T.ChildNode): n is T.Element => "tagName" in n;
const attrOf = (el: T.Element, name: string): string | null => el.attrs.find((a) => a.name === name)?.value ?? null;

function parse(html: string, max = MAX_INPUT): T.DocumentFragment {
  return parseFragment(tree.createElement("div", HTML_NS, []), html.slice(0, max), {});
}

/** The href a link keeps, or null: the scheme is read the way a browser's URL parser reads it. */
function safeHref(raw: string | null, links: LinkPolicy): string | null {
  if (raw === null) return null;
  // URL parsing trims C0 controls and spaces at both ends and drops tabs and newlines anywhere.
  const h = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  if (h === "" || HREF_BAD.test(h)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(h)?.[1]?.toLowerCase();
  if (scheme === undefined) return links === "page" && LOCAL_HREF.test(h) ? h : null;
  if (!LINK_PROTOCOLS.has(scheme)) return null;
  if ((scheme === "http" || scheme === "https") && !/^https?:\/\/[^/\\]/i.test(h)) return null;
  return h;
}

function keepClasses(v: string | null): string | null {
  if (!v) return null;
  const ok = v.split(/[\t\n\f\r ]+/).filter((c) => CLASS_OK.test(c));
  return ok.length ? ok.join(" ") : null;
}

/** The kept element for `el` (tag possibly changed) with Mastodon's attributes, in a fixed order. */
function cleanElement(el: T.Element, tag: string, links: LinkPolicy): { tag: string; attrs: Attr[] } {
  const attrs: Attr[] = [];
  const add = (name: string, value: string | null) => {
    if (value !== null) attrs.push({ name, value });
  };
  const cls = tag === "a" || tag === "span" || tag === "p" ? keepClasses(attrOf(el, "class")) : null;
  if (tag === "a") {
    const href = safeHref(attrOf(el, "href"), links);
    if (links === "page") {
      add("href", href);
      add("class", cls);
      add("rel", "nofollow noopener noreferrer ugc");
    } else if (href === null) {
      // Mastodon turns links with unsupported schemes into text; a span keeps their classes.
      tag = "span";
      add("class", cls);
    } else {
      add("href", href);
      add("rel", "nofollow noopener noreferrer");
      add("target", "_blank");
      add("class", cls);
    }
  } else {
    add("class", cls);
  }
  if (tag === "a" || tag === "span") add("translate", attrOf(el, "translate") === "no" ? "no" : null);
  if (tag === "ol") {
    const start = attrOf(el, "start");
    add("start", start !== null && INTEGER.test(start.trim()) ? String(parseInt(start, 10)) : null);
    add("reversed", attrOf(el, "reversed") !== null ? "" : null);
  }
  if (tag === "li") {
    const value = attrOf(el, "value");
    add("value", value !== null && INTEGER.test(value.trim()) ? String(parseInt(value, 10)) : null);
  }
  const lang = attrOf(el, "lang");
  add("lang", lang !== null && LANG_OK.test(lang) ? lang : null);
  return { tag, attrs };
}

/** Where the walk writes: the output parent and what a browser would have open around it. */
interface Frame {
  nodes: T.ChildNode[];
  i: number;
  out: T.ParentNode;
  /** Tag of `out` ("" at the top). */
  parent: string;
  inP: boolean;
  inA: boolean;
  depth: number;
}

/**
 * Whether a kept `tag` re-parses as a child of the frame's element: no <p>, list or block inside
 * a <p> (its start tag would close the <p>), no link inside a link, <li> only in a list and
 * <rt>/<rp> only in <ruby> (their start tags close open elements up to a list item or ruby,
 * which could be the page's own).
 */
function placeable(tag: string, f: Frame): boolean {
  if (f.depth >= MAX_DEPTH) return false;
  if (f.inP && CLOSES_P.has(tag)) return false;
  if (tag === "a" && f.inA) return false;
  if (tag === "li") return f.parent === "ul" || f.parent === "ol";
  if (tag === "rt" || tag === "rp") return f.parent === "ruby";
  return true;
}

/** Text content of a node (iteratively). */
function textContent(node: T.ParentNode): string {
  let out = "";
  const stack: T.ChildNode[] = [...node.childNodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeName === "#text") out += (n as T.TextNode).value;
    else if ("childNodes" in n) for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
  }
  return out;
}

/** Mastodon's MATH_TRANSFORMER (FEP-dc88): a <math> with a TeX or plain-text annotation becomes that text. */
function mathText(math: T.Element): string | null {
  const semantics = math.childNodes.find(isElement);
  if (!semantics || semantics.tagName !== "semantics") return null;
  const annotation = (encoding: string) =>
    semantics.childNodes.find((n): n is T.Element => isElement(n) && n.tagName === "annotation" && attrOf(n, "encoding") === encoding);
  const tex = annotation("application/x-tex");
  if (tex) return attrOf(math, "display") === "block" ? `$$${textContent(tex)}$$` : `$${textContent(tex)}$`;
  const plain = annotation("text/plain");
  return plain ? textContent(plain) : null;
}

function appendText(out: T.ParentNode, text: string): void {
  // A browser drops a newline right after <pre>: double it so the one that was there survives.
  if (out.nodeName === "pre" && out.childNodes.length === 0 && text.startsWith("\n")) text = `\n${text}`;
  tree.insertText(out, text);
}

function sanitizeWith(html: unknown, links: LinkPolicy): string {
  if (typeof html !== "string" || html === "") return "";
  const root = tree.createDocumentFragment();
  const stack: Frame[] = [{ nodes: parse(html).childNodes, i: 0, out: root, parent: "", inP: false, inA: false, depth: 0 }];
  const open = (f: Frame, tag: string, attrs: Attr[]): Frame => {
    const el = tree.createElement(tag, HTML_NS, attrs);
    tree.appendChild(f.out, el);
    return { ...f, nodes: [], i: 0, out: el, parent: tag, inP: f.inP || tag === "p", inA: f.inA || tag === "a", depth: f.depth + 1 };
  };
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    const node = f.nodes[f.i++];
    if (!node) {
      stack.pop();
      continue;
    }
    if (node.nodeName === "#text") {
      appendText(f.out, (node as T.TextNode).value);
      continue;
    }
    if (!isElement(node)) continue; // comments (CDATA is a comment in HTML), doctypes
    const tag = node.tagName;
    if (node.namespaceURI !== HTML_NS) {
      // SVG and MathML: only a <math> with an annotation survives, as its text.
      const text = tag === "math" && node.namespaceURI === H.NS.MATHML ? mathText(node) : null;
      if (text) appendText(f.out, text);
      continue;
    }
    if (DROP_WITH_CONTENT.has(tag)) continue;
    let next: Frame = { ...f, nodes: node.childNodes, i: 0 };
    if (HEADINGS.has(tag)) {
      // Mastodon shows headings as bold paragraphs (just bold inside a paragraph).
      let g = f;
      if (placeable("p", f)) g = open(f, "p", []);
      if (placeable("strong", g)) g = open(g, "strong", cleanElement(node, "strong", links).attrs);
      next = { ...g, nodes: node.childNodes, i: 0 };
    } else if (ALLOWED.has(tag) && placeable(tag, f)) {
      const kept = cleanElement(node, tag, links);
      next = { ...open(f, kept.tag, kept.attrs), nodes: node.childNodes, i: 0 };
    }
    if (next.nodes.length) stack.push(next);
  }
  return serialize(root).trim();
}

/** Sanitizes remote HTML (note content, bios, field values) to Mastodon's allowlist, balanced. */
export function sanitizeHtml(html: unknown): string {
  return sanitizeWith(html, "federation");
}

/** The same allowlist for HTML shown on server-rendered pages (stored content is sanitized again there). */
export function sanitizePageHtml(html: unknown): string {
  return sanitizeWith(html, "page");
}

/**
 * Walks the text of parsed HTML in document order, skipping what is dropped with its content;
 * `separator` sees each element first and may add text before it. Iterative, for deep trees.
 */
function collectText(html: string, max: number, separator?: (tag: string, sofar: string) => string): string {
  let out = "";
  const stack: T.ChildNode[] = [...parse(html, max).childNodes].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeName === "#text") out += (n as T.TextNode).value;
    if (!isElement(n) || n.namespaceURI !== HTML_NS || DROP_WITH_CONTENT.has(n.tagName)) continue;
    if (separator) out += separator(n.tagName, out);
    for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
  }
  return out;
}

/**
 * Plain text with every tag removed and entities decoded, for what is plain text in Mastodon
 * but may arrive as HTML: poll options, field names, content warnings, link titles and card text.
 * Escape it where it is shown.
 */
export function stripTags(html: unknown): string {
  return typeof html === "string" ? collectText(html, 20_000) : "";
}

/** Plain text of (sanitized) HTML with paragraph and line breaks kept, for meta descriptions. */
export function textOf(html: string): string {
  const out = collectText(html, MAX_INPUT, (tag, sofar) => (tag === "br" ? "\n" : tag === "p" && sofar ? "\n\n" : ""));
  return out
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
