/** Parsing a remote Note/Question/Article… (AS2) into the input of a status write, before any database work. */
import type { AppContext } from "../../context";
import { validLanguage } from "../../text/language";
import { escapeHtml, normalizeTag } from "../../text/format";
import { sanitizeHtml, stripTags } from "../../text/sanitize";
import { visibilityFromAudience } from "./addressing";
import { asArray, idOf, isHttpUrl, text, timeOf, urlToHref } from "./json-ld";

/** Object types shown as statuses; the CONVERTED ones show their title and link (as Mastodon). */
export const SUPPORTED_TYPES = new Set(["Note", "Question"]);
export const CONVERTED_TYPES = new Set(["Article", "Page", "Video", "Image", "Audio", "Event"]);

/** A remote media attachment as stored. */
export interface ParsedMedia {
  type: string;
  url: string;
  contentType: string | null;
  description: string | null;
  blurhash: string | null;
  focus: [number, number];
  meta: Record<string, unknown>;
  /** The attachment's `icon` (a preview image of a video or audio file), if any. */
  previewUrl?: string | null;
}

/** A remote poll as stored. */
export interface ParsedPoll {
  options: string[];
  tallies: number[];
  votersCount: number;
  multiple: boolean;
  expiresAt: number | null;
}

/** Everything needed to write a remote status. */
export interface ParsedStatus {
  uri: string;
  url: string | null;
  content: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: number;
  language: string | null;
  publishedAt: number;
  updatedAt: number | null;
  inReplyTo: string | null;
  mentionHrefs: string[];
  addressed: string[];
  tags: { name: string; display: string }[];
  media: ParsedMedia[];
  poll: ParsedPoll | null;
  /** The post this one quotes (FEP-044f `quote`, or an older `_misskey_quote` / `quoteUrl` / `quoteUri`: `legacy`). */
  quote: ParsedQuote | null;
  /** Who may quote it, from interactionPolicy.canQuote.automaticApproval ('nobody' without one, as Mastodon). */
  quotePolicy: "public" | "followers" | "nobody";
  /** Who may quote it after the author approves, from interactionPolicy.canQuote.manualApproval. */
  quoteManual: "public" | "followers" | "nobody";
}

/** The quote a remote post makes. */
export interface ParsedQuote {
  uri: string;
  /** Only an older property names it: there is no approval to check (Mastodon's legacy quote). */
  legacy: boolean;
  /** The QuoteAuthorization (stamp) the post points at, if any. */
  approvalUri: string | null;
}

/** Mastodon's StatusParser#quote_uri: the first of quote, _misskey_quote, quoteUrl, quoteUri. */
export function parseQuote(o: Record<string, any>): ParsedQuote | null {
  for (const key of ["quote", "_misskey_quote", "quoteUrl", "quoteUri"]) {
    const uri = idOf(asArray(o[key])[0]);
    if (!uri || !isHttpUrl(uri)) continue;
    const approval = idOf(asArray(o.quoteAuthorization)[0]);
    return { uri, legacy: !("quote" in o), approvalUri: approval && isHttpUrl(approval) ? approval : null };
  }
  return null;
}

const PUBLIC_NAMES = new Set(["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"]);

/**
 * The stored quote policy of a remote post from its automatically approved audience, or with
 * `kind` 'manualApproval' from the audience whose quotes its author approves by hand.
 */
export function parseQuotePolicy(
  o: Record<string, any>,
  authorFollowers: string | null,
  kind: "automaticApproval" | "manualApproval" = "automaticApproval",
): "public" | "followers" | "nobody" {
  const policy = o.interactionPolicy;
  const canQuote = policy && typeof policy === "object" ? policy.canQuote : undefined;
  const who = canQuote && typeof canQuote === "object" ? asArray(canQuote[kind]).map(idOf) : [];
  if (who.some((u) => !!u && PUBLIC_NAMES.has(u))) return "public";
  if (authorFollowers && who.includes(authorFollowers)) return "followers";
  return "nobody";
}

const BLURHASH_RE = /^[0-9A-Za-z#$%*+,\-.:;=?@[\]^_{|}~]{6,100}$/;
const TAG_RE = /^[\p{L}\p{M}\p{N}_]{1,100}$/u;
/** Mastodon keeps at most this many attachments of a remote status. */
export const MAX_REMOTE_MEDIA = 4;

function mediaType(mime: string | null, asType: string): string {
  if (mime?.startsWith("image/")) return "image";
  if (mime?.startsWith("video/")) return "video";
  if (mime?.startsWith("audio/")) return "audio";
  return asType === "Image" ? "image" : asType === "Video" ? "video" : asType === "Audio" ? "audio" : "unknown";
}

function parseMedia(o: Record<string, any>): ParsedMedia[] {
  const out: ParsedMedia[] = [];
  for (const a of asArray<any>(o.attachment)) {
    if (!a || typeof a !== "object" || out.length >= MAX_REMOTE_MEDIA) continue;
    const url = urlToHref(a.url);
    if (!url) continue;
    const mime = typeof a.mediaType === "string" ? a.mediaType.slice(0, 100).toLowerCase() : null;
    const fp = Array.isArray(a.focalPoint) ? a.focalPoint.map(Number) : [0, 0];
    const clamp = (n: unknown) => (typeof n === "number" && Number.isFinite(n) ? Math.max(-1, Math.min(1, n)) : 0);
    const w = Number(a.width),
      h = Number(a.height);
    const meta = w > 0 && h > 0 && w < 1e5 && h < 1e5 ? { original: { width: w, height: h, size: `${w}x${h}`, aspect: w / h } } : {};
    out.push({
      type: mediaType(mime, String(a.type)),
      url,
      contentType: mime,
      description: typeof a.name === "string" && a.name.trim() !== "" ? a.name.slice(0, 1500) : null,
      blurhash: typeof a.blurhash === "string" && BLURHASH_RE.test(a.blurhash) ? a.blurhash : null,
      focus: [clamp(fp[0]), clamp(fp[1])],
      meta,
      previewUrl: urlToHref(a.icon && typeof a.icon === "object" && !Array.isArray(a.icon) ? a.icon.url : a.icon) ?? null,
    });
  }
  return out;
}

function parsePoll(o: Record<string, any>): ParsedPoll | null {
  if (o.type !== "Question") return null;
  const multiple = Array.isArray(o.anyOf) && o.anyOf.length > 0;
  const items = asArray<any>(multiple ? o.anyOf : o.oneOf)
    .filter((x) => x && typeof x.name === "string")
    .slice(0, 20);
  if (items.length === 0) return null;
  const tallies = items.map((x) => Math.max(0, Math.floor(Number(x.replies?.totalItems) || 0)));
  const voters = Number(o.votersCount);
  return {
    options: items.map((x) => stripTags(x.name).slice(0, 200)),
    tallies,
    votersCount: Number.isFinite(voters) && voters >= 0 ? Math.floor(voters) : multiple ? 0 : tallies.reduce((a, b) => a + b, 0),
    multiple,
    expiresAt: timeOf(o.endTime) ?? timeOf(o.closed) ?? null,
  };
}

/** The HTML of a converted type: its title as a bold paragraph, then the link. */
function convertedContent(o: Record<string, any>, url: string): string {
  const name = stripTags(text(o.name, 500)).trim();
  const summary = stripTags(text(o.summary, 2000)).trim();
  const parts: string[] = [];
  if (name) parts.push(`<p><strong>${escapeHtml(name)}</strong></p>`);
  if (summary) parts.push(`<p>${escapeHtml(summary)}</p>`);
  parts.push(`<p><a href="${escapeHtml(url)}" rel="nofollow noopener noreferrer" target="_blank">${escapeHtml(url)}</a></p>`);
  return parts.join("");
}

/** Parses an object already known to be by `authorFollowers`' owner; null for unsupported types. */
export function fromApNote(ctx: AppContext, o: Record<string, any>, authorFollowers: string | null): ParsedStatus | null {
  const type = String(o.type);
  const converted = CONVERTED_TYPES.has(type);
  if (!SUPPORTED_TYPES.has(type) && !converted) return null;
  const uri = idOf(o);
  if (!uri || !isHttpUrl(uri)) return null;
  const url = urlToHref(o.url, "text/html") ?? null;
  let language: string | null = null;
  let html = typeof o.content === "string" ? o.content : "";
  if (o.contentMap && typeof o.contentMap === "object") {
    const langs = Object.keys(o.contentMap);
    language = validLanguage(langs[0]) ?? null;
    if (!html && typeof o.contentMap[langs[0]!] === "string") html = o.contentMap[langs[0]!];
  }
  const content = converted ? convertedContent(o, url ?? uri) : sanitizeHtml(html);
  const tags: { name: string; display: string }[] = [];
  const mentionHrefs: string[] = [];
  for (const t of asArray<any>(o.tag)) {
    if (!t || typeof t !== "object") continue;
    if (t.type === "Mention" && isHttpUrl(t.href)) {
      if (!mentionHrefs.includes(t.href)) mentionHrefs.push(t.href);
    } else if (t.type === "Hashtag" && typeof t.name === "string") {
      const display = t.name.replace(/^#/, "");
      if (TAG_RE.test(display) && /[\p{L}_]/u.test(display) && !tags.some((x) => x.name === normalizeTag(display)))
        tags.push({ name: normalizeTag(display), display });
    }
  }
  const published = timeOf(o.published);
  const now = ctx.now();
  return {
    uri,
    url,
    content,
    spoilerText: converted ? "" : stripTags(text(o.summary, 2000)).trim(),
    sensitive: o.sensitive === true,
    visibility: visibilityFromAudience(o.to, o.cc, authorFollowers),
    language,
    publishedAt: published !== undefined && published <= now ? published : now,
    updatedAt: timeOf(o.updated) ?? null,
    inReplyTo: (() => {
      const r = idOf(o.inReplyTo);
      return r && isHttpUrl(r) ? r : null;
    })(),
    mentionHrefs: mentionHrefs.slice(0, 50),
    addressed: [...asArray(o.to), ...asArray(o.cc)].map(idOf).filter((x): x is string => !!x && isHttpUrl(x)),
    tags: tags.slice(0, 30),
    media: parseMedia(o),
    poll: parsePoll(o),
    quote: parseQuote(o),
    quotePolicy: parseQuotePolicy(o, authorFollowers),
    quoteManual: parseQuotePolicy(o, authorFollowers, "manualApproval"),
  };
}

/** The actor URI an object is attributed to (Peertube lists several: the first Person wins). */
export function attributedTo(o: Record<string, any>): string | undefined {
  const a = o.attributedTo;
  if (Array.isArray(a)) {
    const person = a.find((x) => x && typeof x === "object" && x.type === "Person");
    return idOf(person ?? a[0]);
  }
  return idOf(a);
}
