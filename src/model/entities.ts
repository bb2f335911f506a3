/**
 * Declared shapes of the Mastodon REST entities clients parse most strictly (Status, Account,
 * Notification, Relationship, Instance and what they embed), as Mastodon documents them
 * (docs.joinmastodon.org/entities) and as our serializers return them. Types only: the golden
 * test (tests/golden/entities.test.ts) checks API output against them.
 */

/** ISO 8601 date-time string, e.g. "2024-01-01T10:00:00.000Z". */
export type IsoDateTime = string;
/** ISO 8601 calendar date at midnight UTC, as Account.created_at ("2024-01-01T00:00:00.000Z"). */
export type IsoDay = string;

/** A profile metadata field. */
export interface Field {
  name: string;
  /** HTML. */
  value: string;
  verified_at: IsoDateTime | null;
}

/** A custom emoji. */
export interface CustomEmoji {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
  category: string | null;
}

/** A user's role as shown on CredentialAccount.role. */
export interface Role {
  id: string;
  name: string;
  /** Bitmask as a decimal string. */
  permissions: string;
  color: string;
  highlighted: boolean;
}

/** The Account entity. */
export interface Account {
  id: string;
  username: string;
  /** `user` for local accounts, `user@domain` for remote ones. */
  acct: string;
  display_name: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean | null;
  indexable: boolean;
  group: boolean;
  created_at: IsoDay;
  /** HTML. */
  note: string;
  url: string;
  uri: string;
  avatar: string;
  avatar_static: string;
  header: string;
  header_static: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  /** A date ("2024-01-01"), not a date-time. */
  last_status_at: string | null;
  hide_collections: boolean | null;
  noindex: boolean;
  emojis: CustomEmoji[];
  roles: Role[];
  fields: Field[];
  /** Present (true) only for memorialized accounts. */
  memorial?: boolean;
  /** Present (true) only for suspended accounts. */
  suspended?: boolean;
  /** Present (true) only for silenced (limited) accounts. */
  limited?: boolean;
  /** Present only when the account has moved. */
  moved?: Account | null;
}

/** The `source` of a CredentialAccount: raw values for the profile editor. */
export interface AccountSource {
  privacy: "public" | "unlisted" | "private" | "direct";
  sensitive: boolean;
  language: string | null;
  note: string;
  fields: Field[];
  follow_requests_count: number;
  hide_collections: boolean;
  discoverable: boolean;
  indexable: boolean;
  attribution_domains: string[];
}

/** The CredentialAccount entity (verify_credentials, update_credentials). */
export interface CredentialAccount extends Account {
  source: AccountSource;
  role: Role;
}

/** A MediaAttachment. `url` is null while the original is processing. */
export interface MediaAttachment {
  id: string;
  type: "unknown" | "image" | "gifv" | "video" | "audio";
  url: string | null;
  preview_url: string | null;
  remote_url: string | null;
  preview_remote_url: string | null;
  text_url: string | null;
  meta: Record<string, unknown>;
  description: string | null;
  blurhash: string | null;
}

/** Status.mentions[]. */
export interface StatusMention {
  id: string;
  username: string;
  url: string;
  acct: string;
}

/** Status.tags[]. */
export interface StatusTag {
  name: string;
  url: string;
}

/** Status.application. */
export interface StatusApplication {
  name: string;
  website: string | null;
}

/** An author of a PreviewCard: `account` is set when the page names a known account (`fediverse:creator`). */
export interface PreviewCardAuthor {
  name: string;
  url: string;
  account: Account | null;
}

/** The PreviewCard entity (Status.card, GET /api/v1/statuses/:id/card). */
export interface PreviewCard {
  url: string;
  title: string;
  description: string;
  language: string | null;
  type: "link" | "photo" | "video" | "rich";
  author_name: string;
  author_url: string;
  provider_name: string;
  provider_url: string;
  /** An <iframe> for video cards, else "". */
  html: string;
  width: number;
  height: number;
  image: string | null;
  image_description: string;
  embed_url: string;
  blurhash: string | null;
  published_at: IsoDateTime | null;
  authors: PreviewCardAuthor[];
}

/** A poll option. `votes_count` is null while totals are hidden. */
export interface PollOption {
  title: string;
  votes_count: number | null;
}

/** The Poll entity. `voted` and `own_votes` are present only for an authenticated viewer. */
export interface Poll {
  id: string;
  expires_at: IsoDateTime | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  options: PollOption[];
  emojis: CustomEmoji[];
  voted?: boolean;
  own_votes?: number[];
}

/** Quote.state and ShallowQuote.state (Mastodon 4.5). */
export type QuoteState =
  | "pending"
  | "accepted"
  | "rejected"
  | "revoked"
  | "deleted"
  | "unauthorized"
  | "blocked_account"
  | "blocked_domain"
  | "muted_account";

/** Status.quote: the quoted Status when the viewer may see it. */
export interface Quote {
  state: QuoteState;
  quoted_status: Status | null;
}

/** Status.quote of a status shown inside a quote. */
export interface ShallowQuote {
  state: QuoteState;
  quoted_status_id: string | null;
}

/** Status.quote_approval: who may quote, and how that applies to the viewer. */
export interface QuoteApproval {
  automatic: string[];
  manual: string[];
  current_user: "automatic" | "manual" | "denied" | "unknown";
}

/** The Status entity. The viewer fields (favourited … filtered) are present only with a token. */
export interface Status {
  id: string;
  created_at: IsoDateTime;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: "public" | "unlisted" | "private" | "direct";
  language: string | null;
  uri: string;
  url: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  quotes_count: number;
  edited_at: IsoDateTime | null;
  /** HTML. */
  content: string;
  reblog: Status | null;
  application: StatusApplication | null;
  account: Account;
  media_attachments: MediaAttachment[];
  mentions: StatusMention[];
  tags: StatusTag[];
  emojis: CustomEmoji[];
  /** The preview card of the status's first link (null: none, or not fetched yet). */
  card: PreviewCard | null;
  poll: Poll | null;
  /** A Quote (a ShallowQuote inside a quote), or null when the status quotes nothing. */
  quote: Quote | ShallowQuote | null;
  quote_approval: QuoteApproval;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  /** Present only where pinning applies (the viewer's own statuses). */
  pinned?: boolean;
  /** FilterResult entities of the viewer's matching filters. */
  filtered?: unknown[];
}

/** Notification types Mastodon defines (v1). */
export type NotificationType =
  | "mention"
  | "status"
  | "reblog"
  | "follow"
  | "follow_request"
  | "favourite"
  | "poll"
  | "update"
  | "quote"
  | "quoted_update"
  | "admin.sign_up"
  | "admin.report"
  | "severed_relationships"
  | "moderation_warning";

/**
 * The Notification entity (v1, ungrouped). `status` is present for the status types,
 * `report` for admin.report and `moderation_warning` for moderation_warning.
 */
export interface Notification {
  id: string;
  type: NotificationType;
  created_at: IsoDateTime;
  group_key: string;
  account: Account;
  status?: Status | null;
  report?: Record<string, unknown> | null;
  moderation_warning?: Record<string, unknown> | null;
}

/** The Relationship entity: the viewer's relation to account `id`. */
export interface Relationship {
  id: string;
  following: boolean;
  showing_reblogs: boolean;
  notifying: boolean;
  languages: string[] | null;
  followed_by: boolean;
  blocking: boolean;
  blocked_by: boolean;
  muting: boolean;
  muting_notifications: boolean;
  requested: boolean;
  requested_by: boolean;
  domain_blocking: boolean;
  endorsed: boolean;
  note: string;
}

/** A server rule. */
export interface Rule {
  id: string;
  text: string;
  hint: string;
}

/** The v2 Instance entity (GET /api/v2/instance). */
export interface Instance {
  domain: string;
  title: string;
  version: string;
  source_url: string;
  description: string;
  usage: { users: { active_month: number } };
  thumbnail: { url: string; blurhash?: string; versions?: Record<string, string> };
  icon: { src: string; size: string }[];
  languages: string[];
  configuration: {
    urls: { streaming: string; status: string | null; about: string; privacy_policy: string | null; terms_of_service: string | null };
    vapid: { public_key: string };
    accounts: { max_featured_tags: number; max_pinned_statuses: number };
    statuses: { max_characters: number; max_media_attachments: number; characters_reserved_per_url: number };
    media_attachments: {
      supported_mime_types: string[];
      image_size_limit: number;
      image_matrix_limit: number;
      video_size_limit: number;
      video_frame_rate_limit: number;
      video_matrix_limit: number;
      description_limit: number;
    };
    polls: { max_options: number; max_characters_per_option: number; min_expiration: number; max_expiration: number };
    translation: { enabled: boolean };
    timelines_access: Record<"live_feeds" | "hashtag_feeds" | "trending_link_feeds", { local: string; remote: string }>;
    limited_federation: boolean;
  };
  registrations: {
    enabled: boolean;
    approval_required: boolean;
    reason_required: boolean;
    message: string | null;
    min_age: number | null;
    url: string | null;
  };
  api_versions: { mastodon: number };
  contact: { email: string; account: Account | null };
  rules: Rule[];
}
