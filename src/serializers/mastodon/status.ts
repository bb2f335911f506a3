/** Loaded status data → Mastodon Status entity. Pure: all data comes from the view. */
import type { AccountRow, StatusRow } from "../../db/rows";
import { visibilityName } from "../../model/visibility";
import { iso } from "./time";

export interface StatusViewData {
  row: StatusRow;
  account: Record<string, unknown>;
  url: string;
  mentions: { id: string; username: string; url: string; acct: string }[];
  tags: { name: string; url: string }[];
  media: Record<string, unknown>[];
  application: { name: string; website: string | null } | null;
  poll: Record<string, unknown> | null;
  reblog: Record<string, unknown> | null;
  /** Viewer-specific flags; undefined when there is no viewer. */
  viewer?: StatusViewerFlags;
  /** The author is marked sensitive by the moderators: the status shows as sensitive. */
  authorSensitized?: boolean;
  /** The PreviewCard entity (null or absent: none). */
  card?: Record<string, unknown> | null;
  /** Status.quote and Status.quote_approval (viewer-dependent); left out when undefined. */
  quote?: { quote: Record<string, unknown> | null; quote_approval: Record<string, unknown> };
}

/**
 * What the viewer did with a status (pinned: undefined where pinning does not apply), and the
 * viewer's filters that match it (FilterResult entities; none when undefined).
 */
export interface StatusViewerFlags {
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  muted: boolean;
  pinned: boolean | undefined;
  filtered?: unknown[];
}

/** The viewer's fields of a Status, in the order they close the entity. */
export function viewerFields(f: StatusViewerFlags): Record<string, unknown> {
  const out: Record<string, unknown> = { favourited: f.favourited, reblogged: f.reblogged, muted: f.muted, bookmarked: f.bookmarked };
  if (f.pinned !== undefined) out.pinned = f.pinned;
  out.filtered = f.filtered ?? [];
  return out;
}

/** The Mastodon Status entity. */
export function toMastodonStatus(v: StatusViewData): Record<string, unknown> {
  const s = v.row;
  const out: Record<string, unknown> = {
    id: String(s.id),
    created_at: iso(s.created_at),
    in_reply_to_id: s.in_reply_to_id === null ? null : String(s.in_reply_to_id),
    in_reply_to_account_id: s.in_reply_to_account_id === null ? null : String(s.in_reply_to_account_id),
    sensitive: !!s.sensitive || !!v.authorSensitized,
    spoiler_text: s.spoiler_text,
    visibility: visibilityName(s.visibility),
    language: s.language,
    uri: s.uri,
    url: v.url,
    replies_count: s.replies_count,
    reblogs_count: s.reblogs_count,
    favourites_count: s.favourites_count,
    quotes_count: s.quotes_count ?? 0,
    edited_at: s.edited_at === null ? null : iso(s.edited_at),
    content: s.content,
    reblog: v.reblog,
    application: v.application,
    account: v.account,
    media_attachments: v.media,
    mentions: v.mentions,
    tags: v.tags,
    emojis: [],
    card: v.card ?? null,
    poll: v.poll,
  };
  if (v.quote) {
    out.quote = v.quote.quote;
    out.quote_approval = v.quote.quote_approval;
  }
  return v.viewer ? Object.assign(out, viewerFields(v.viewer)) : out;
}

/** Mention entity for an account row. */
export function toMastodonMention(a: AccountRow, url: string): { id: string; username: string; url: string; acct: string } {
  return { id: String(a.id), username: a.username, url, acct: a.domain ? `${a.username}@${a.domain}` : a.username };
}
