/**
 * Plain text as typed by a local user → Mastodon-style HTML, with the accounts it mentions
 * and the hashtags it uses. Pure: the caller passes a MentionLookup that finds the mentioned
 * accounts (db/queries/accounts.ts `mentionLookup`; remote ones must already be known: resolve
 * them first, see services/federation/mentions.ts).
 */
import type { AccountRow } from "../db/rows";
import { isLocalDomain as namesThisInstance, type Uris } from "../model/uris";

/** What formatting needs from the instance: its domain and the URLs of tags and local profiles. */
export interface FormatContext {
  config: { localDomain: string; webDomain?: string };
  uris: Pick<Uris, "tag" | "profile">;
}

/**
 * Finds mentioned accounts: `local` gets lower-cased usernames of local accounts, `remote`
 * lower-cased [username, domain] pairs (only unsuspended accounts); each is called only with
 * a non-empty list.
 */
export interface MentionLookup {
  local(lowerNames: string[]): AccountRow[];
  remote(handles: [username: string, domain: string][]): AccountRow[];
}

/** What `formatText` returns. */
export interface FormattedText {
  html: string;
  /** Resolved accounts (local, or remote ones already known), in order of first mention, deduplicated. */
  mentions: AccountRow[];
  /** Lower-cased (NFKC) hashtag names, deduplicated, in order of appearance. */
  tags: string[];
}

const URL_SRC = String.raw`https?:\/\/[^\s<>"\u0000-\u001f\u007f]+`;
// Mastodon's MENTION_RE: not after a word char, "=" or "/"; optional @domain (we also allow a port).
const MENTION_SRC = String.raw`(?<![=\/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@([\p{L}\p{N}_.-]*[\p{L}\p{N}_](?::\d{1,5})?))?`;
const HASHTAG_SRC = String.raw`(?<![=\/)\p{L}\p{N}_&#])#([\p{L}\p{M}\p{N}_]+)`;
const TOKEN_RE = new RegExp(`(${URL_SRC})|${MENTION_SRC}|${HASHTAG_SRC}`, "giu");
const HASHTAG_OK = /[\p{L}_]/u;

/** Escapes text for use in HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Lower-cased, NFKC-normalised hashtag name (how tags.name stores it). */
export function normalizeTag(name: string): string {
  return name.normalize("NFKC").toLowerCase();
}

/** Drops trailing punctuation and unbalanced closing brackets from a matched URL. */
function trimUrl(u: string): string {
  for (;;) {
    const last = u[u.length - 1]!;
    if (/[.,;:!?'*]/.test(last)) {
      u = u.slice(0, -1);
      continue;
    }
    if (last === ")" && count(u, "(") < count(u, ")")) {
      u = u.slice(0, -1);
      continue;
    }
    if (last === "]" && count(u, "[") < count(u, "]")) {
      u = u.slice(0, -1);
      continue;
    }
    return u;
  }
}
function count(s: string, ch: string): number {
  return s.split(ch).length - 1;
}

type Token =
  | { kind: "text"; text: string }
  | { kind: "url"; url: string }
  | { kind: "mention"; raw: string; username: string; domain: string | null }
  | { kind: "tag"; raw: string; name: string };

/** Splits one line into text, URL, mention and hashtag tokens. */
function tokenize(line: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (const m of line.matchAll(TOKEN_RE)) {
    const start = m.index!;
    if (start < pos) continue;
    let raw = m[0];
    let tok: Token | null = null;
    if (m[1]) {
      raw = trimUrl(m[1]);
      if (/^https?:\/\/[^/?#\s]+/.test(raw) && !/^https?:\/\/$/.test(raw)) tok = { kind: "url", url: raw };
    } else if (m[2]) {
      tok = { kind: "mention", raw, username: m[2], domain: m[3] ?? null };
    } else if (m[4] && HASHTAG_OK.test(m[4])) {
      tok = { kind: "tag", raw, name: m[4] };
    }
    if (!tok) continue;
    if (start > pos) out.push({ kind: "text", text: line.slice(pos, start) });
    out.push(tok);
    pos = start + raw.length;
  }
  if (pos < line.length) out.push({ kind: "text", text: line.slice(pos) });
  return out;
}

/** Splits text the way Rails' simple_format does: paragraphs on blank lines, lines inside. */
function paragraphs(text: string): string[][] {
  const t = text.replace(/\r\n?/g, "\n").replace(/^\n+|\s+$/g, "");
  if (t === "") return [];
  return t.split(/\n\n+/).map((p) => p.split("\n"));
}

/** Mastodon's shortened link: scheme (and www.) hidden, 30 visible chars, rest hidden. */
function linkHtml(url: string): string {
  const prefix = /^https?:\/\/(www\.)?/i.exec(url)![0];
  const rest = url.slice(prefix.length);
  const cut = rest.length > 30;
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span>` +
    `<span class="${cut ? "ellipsis" : ""}">${escapeHtml(rest.slice(0, 30))}</span>` +
    `<span class="invisible">${escapeHtml(rest.slice(30))}</span></a>`
  );
}

/** The hashtags in `text` as {name (normalised), display (first typed form)}, deduplicated. */
export function extractHashtags(text: string): { name: string; display: string }[] {
  const seen = new Map<string, string>();
  for (const line of text.split(/\r\n?|\n/)) {
    for (const t of tokenize(line)) if (t.kind === "tag" && !seen.has(normalizeTag(t.name))) seen.set(normalizeTag(t.name), t.name);
  }
  return [...seen].map(([name, display]) => ({ name, display }));
}

/** True when a mention's domain part names this instance (or is absent). */
function isLocalDomain(ctx: FormatContext, domain: string | null): boolean {
  return domain === null || namesThisInstance(ctx.config, domain);
}

/** The `@user` / `@user@domain` mentions in `text` (domain null when absent), deduplicated. */
export function extractMentions(text: string): { username: string; domain: string | null }[] {
  const seen = new Map<string, { username: string; domain: string | null }>();
  for (const line of text.split(/\r\n?|\n/)) {
    for (const t of tokenize(line)) {
      if (t.kind !== "mention") continue;
      const key = `${t.username.toLowerCase()}@${(t.domain ?? "").toLowerCase()}`;
      if (!seen.has(key)) seen.set(key, { username: t.username, domain: t.domain });
    }
  }
  return [...seen.values()];
}

/** Key of a remote handle in the lookup map. */
const handleKey = (username: string, domain: string) => `${username.toLowerCase()}@${domain.toLowerCase()}`;

/** The profile URL a mention links to (as serializers/mastodon/account.ts `profileUrl`). */
function mentionHref(ctx: FormatContext, a: AccountRow): string {
  return a.url || (a.domain ? a.uri : ctx.uris.profile(a.username));
}

/**
 * Renders plain text to HTML: escaped, `<p>` per paragraph, `<br />` per line break, URLs,
 * mentions of accounts `lookup` finds and hashtags linked. Unknown mentions stay plain text.
 */
export function formatText(ctx: FormatContext, text: string, lookup: MentionLookup): FormattedText {
  const paras = paragraphs(text).map((p) => p.map(tokenize));
  const wanted = new Set<string>();
  const remote = new Map<string, [string, string]>();
  for (const p of paras)
    for (const line of p)
      for (const t of line) {
        if (t.kind !== "mention") continue;
        if (isLocalDomain(ctx, t.domain)) wanted.add(t.username.toLowerCase());
        else remote.set(handleKey(t.username, t.domain!), [t.username.toLowerCase(), t.domain!.toLowerCase()]);
      }
  const rows = wanted.size ? lookup.local([...wanted]) : [];
  const byName = new Map(rows.map((r) => [r.username.toLowerCase(), r]));
  const remoteRows = remote.size ? lookup.remote([...remote.values()]) : [];
  const byHandle = new Map(remoteRows.map((r) => [handleKey(r.username, r.domain ?? ""), r]));

  const mentions = new Map<number, AccountRow>();
  const tags = new Set<string>();
  const render = (t: Token): string => {
    switch (t.kind) {
      case "text":
        return escapeHtml(t.text);
      case "url":
        return linkHtml(t.url);
      case "mention": {
        const a = isLocalDomain(ctx, t.domain) ? byName.get(t.username.toLowerCase()) : byHandle.get(handleKey(t.username, t.domain!));
        if (!a) return escapeHtml(t.raw);
        if (!mentions.has(a.id)) mentions.set(a.id, a);
        return `<span class="h-card" translate="no"><a href="${escapeHtml(mentionHref(ctx, a))}" class="u-url mention">@<span>${escapeHtml(a.username)}</span></a></span>`;
      }
      case "tag":
        tags.add(normalizeTag(t.name));
        return `<a href="${escapeHtml(ctx.uris.tag(t.name))}" class="mention hashtag" rel="tag">#<span>${escapeHtml(t.name)}</span></a>`;
    }
  };
  const html = paras.map((p) => `<p>${p.map((line) => line.map(render).join("")).join("<br />")}</p>`).join("");
  return { html, mentions: [...mentions.values()], tags: [...tags] };
}

const graphemes = new Intl.Segmenter();
const ONE_CLUSTER_EACH = /^[\x00-\x0c\x0e-\x7f]*$/;

/**
 * Length of a status as Mastodon's StatusLengthValidator counts it: grapheme clusters, each
 * URL counting 23, and `@user@domain` counting as `@user`.
 */
export function statusLength(text: string): number {
  const replaced = text.replace(TOKEN_RE, (m0, url: string | undefined, user: string | undefined) => {
    if (url) {
      const u = trimUrl(url);
      return "x".repeat(23) + m0.slice(u.length);
    }
    if (user) return "@" + user;
    return m0;
  });
  // ASCII without CR: every character is its own grapheme cluster (only CR LF joins two).
  if (ONE_CLUSTER_EACH.test(replaced)) return replaced.length;
  let n = 0;
  for (const _ of graphemes.segment(replaced)) n++;
  return n;
}
