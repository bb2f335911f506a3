/**
 * Local status → Note/Question, pure over loaded data: db/views/activitypub.ts `loadNoteData`
 * loads what a page of notes needs in a fixed number of queries.
 */
import type { AppContext } from "../../context";
import type { AccountRow, MediaRow, StatusRow } from "../../db/rows";
import { DIRECT, PRIVATE, PUBLIC, UNLISTED } from "../../model/visibility";
import { pollExpired, pollTallies, pollTitles, type PollRow } from "../mastodon/poll";
import { acct } from "../mastodon/account";
import type { CustomEmojiRow } from "../mastodon/custom-emoji";
import { toApEmoji } from "./emoji";
import { apTime, OBJECT_CONTEXT, PUBLIC_COLLECTION } from "./context";

/** Everything the Note serializer needs besides the status rows (loaded by db/views/activitypub.ts `loadNoteData`). */
export interface NoteData {
  /** The originals of boosts, by id (a boost is serialized as its original). */
  originals: Map<number, StatusRow>;
  accounts: Map<number, Pick<AccountRow, "id" | "username" | "domain" | "uri" | "url" | "followers_url">>;
  parents: Map<number, string>;
  mentions: Map<number, number[]>;
  tags: Map<number, { name: string; display_name: string }[]>;
  media: Map<number, MediaRow[]>;
  polls: Map<number, PollRow>;
  /** Custom emoji each status's text uses (absent: none). */
  emojis?: Map<number, CustomEmojiRow[]>;
  /** The quote each status makes (absent: none): the quoted post's URI (null once it is gone) and the stamp of an accepted quote. */
  quotes?: Map<number, { quotedUri: string | null; approvalUri: string | null }>;
}

/**
 * Mastodon 4.5's quote fields of a Note: `quote` (a Tombstone once the quoted post is gone),
 * `_misskey_quote` and `quoteUri` for older software, `quoteAuthorization` when approved.
 */
function quoteFields(q: { quotedUri: string | null; approvalUri: string | null } | undefined): Record<string, unknown> {
  if (!q) return {};
  const out: Record<string, unknown> = { quote: q.quotedUri ?? { type: "Tombstone" } };
  if (q.quotedUri !== null) {
    out._misskey_quote = q.quotedUri;
    out.quoteUri = q.quotedUri;
  }
  if (q.approvalUri !== null) out.quoteAuthorization = q.approvalUri;
  return out;
}

/** interactionPolicy.canQuote: outgoing posts only state automatic approval (the author alone when nobody else may). */
function quotePolicyOf(policy: string, followers: string, authorUri: string): Record<string, unknown> {
  const approved = policy === "public" ? [PUBLIC_COLLECTION] : policy === "followers" ? [followers] : [authorUri];
  return { canQuote: { automaticApproval: approved } };
}

/** to/cc of a status as Mastodon addresses it. */
export function audience(visibility: number, followersUrl: string, mentioned: string[]): { to: string[]; cc: string[] } {
  switch (visibility) {
    case PUBLIC:
      return { to: [PUBLIC_COLLECTION], cc: [followersUrl, ...mentioned] };
    case UNLISTED:
      return { to: [followersUrl], cc: [PUBLIC_COLLECTION, ...mentioned] };
    case PRIVATE:
      return { to: [followersUrl], cc: mentioned };
    case DIRECT:
    default:
      return { to: mentioned, cc: [] };
  }
}

function mediaDocument(ctx: AppContext, m: MediaRow): Record<string, unknown> {
  let meta: any = {};
  try {
    meta = JSON.parse(m.meta);
  } catch {
    /* none */
  }
  const doc: Record<string, unknown> = {
    type: "Document",
    mediaType: m.content_type ?? "application/octet-stream",
    url: m.file_key ? ctx.storage.url(m.file_key) : m.remote_url,
    name: m.description || null,
    blurhash: m.blurhash ?? undefined,
  };
  if (m.type !== "audio") doc.focalPoint = [m.focus_x, m.focus_y];
  if (meta?.original?.width) doc.width = meta.original.width;
  if (meta?.original?.height) doc.height = meta.original.height;
  return doc;
}

/** The Note (or Question) of `s` built from loaded data; pure. `withContext` adds @context. */
export function noteFromData(ctx: AppContext, s: StatusRow, d: NoteData, withContext = true): Record<string, unknown> {
  const author = d.accounts.get(s.account_id)!;
  const followers = author.followers_url ?? ctx.uris.followers(author.username);
  const mentioned = (d.mentions.get(s.id) ?? []).map((id) => d.accounts.get(id)).filter((a) => !!a);
  const { to, cc } = audience(
    s.visibility,
    followers,
    mentioned.map((a) => a!.uri),
  );
  const poll = d.polls.get(s.id);
  const note: Record<string, unknown> = {};
  if (withContext) note["@context"] = OBJECT_CONTEXT;
  Object.assign(note, {
    id: s.uri,
    type: poll ? "Question" : "Note",
    summary: s.spoiler_text || null,
    inReplyTo: s.in_reply_to_id !== null ? (d.parents.get(s.in_reply_to_id) ?? null) : null,
    published: apTime(s.created_at),
    url: s.local ? ctx.uris.statusUrl(author.username, s.id) : (s.url ?? s.uri),
    attributedTo: author.uri,
    to,
    cc,
    sensitive: !!s.sensitive,
    content: s.content,
  });
  if (s.edited_at !== null) note.updated = apTime(s.edited_at);
  Object.assign(note, quoteFields(d.quotes?.get(s.id)));
  if (s.language) note.contentMap = { [s.language]: s.content };
  const order: number[] = (() => {
    try {
      return JSON.parse(s.media_ids);
    } catch {
      return [];
    }
  })();
  const media = (d.media.get(s.id) ?? [])
    .slice()
    .sort((a, b) => (order.indexOf(a.id) + 1 || 1e9) - (order.indexOf(b.id) + 1 || 1e9) || a.id - b.id);
  note.attachment = media.map((m) => mediaDocument(ctx, m));
  note.tag = [
    ...mentioned.map((a) => ({
      type: "Mention",
      href: a!.uri,
      name: `@${a!.domain ? acct(a!) : `${a!.username}@${ctx.config.localDomain}`}`,
    })),
    ...(d.tags.get(s.id) ?? []).map((t) => ({ type: "Hashtag", href: ctx.uris.tag(t.name), name: `#${t.display_name || t.name}` })),
    ...(d.emojis?.get(s.id) ?? []).map((e) => toApEmoji(ctx, e)),
  ];
  if (poll) {
    const titles = pollTitles(poll);
    const tallies = pollTallies(poll);
    note[poll.multiple ? "anyOf" : "oneOf"] = titles.map((name, i) => ({
      type: "Note",
      name,
      replies: { type: "Collection", totalItems: tallies[i] ?? 0 },
    }));
    if (poll.expires_at !== null) note.endTime = apTime(poll.expires_at);
    if (pollExpired(poll, ctx.now()) && poll.expires_at !== null) note.closed = apTime(poll.expires_at);
    note.votersCount = poll.voters_count;
  }
  note.interactionPolicy = quotePolicyOf(s.quote_policy, followers, author.uri);
  return note;
}

/**
 * The Note (or Question) object of a status, with to/cc, tags, attachments, inReplyTo.
 * A boost is serialized as its original. `data` comes from loadNoteData (db/views/activitypub.ts).
 */
export function toApNote(ctx: AppContext, s: StatusRow, data: NoteData): Record<string, unknown> {
  if (s.reblog_of_id !== null) {
    const orig = data.originals.get(s.reblog_of_id);
    if (orig) s = orig;
  }
  return noteFromData(ctx, s, data);
}
