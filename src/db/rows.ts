/** Row types of the main tables, as bun:sqlite returns them. */

export interface AccountRow {
  id: number;
  username: string;
  domain: string | null;
  display_name: string;
  note: string;
  note_source: string;
  fields: string;
  locked: number;
  bot: number;
  discoverable: number;
  indexable: number;
  hide_collections: number;
  avatar_path: string | null;
  avatar_remote_url: string | null;
  header_path: string | null;
  header_remote_url: string | null;
  uri: string;
  url: string | null;
  inbox_url: string | null;
  shared_inbox_url: string | null;
  outbox_url: string | null;
  followers_url: string | null;
  following_url: string | null;
  featured_url: string | null;
  public_key_pem: string | null;
  private_key_pem: string | null;
  actor_type: string;
  also_known_as: string;
  moved_to_account_id: number | null;
  memorial: number;
  suspended_at: number | null;
  silenced_at: number | null;
  /** Migration 0019: set while moderators force the account's posts to be sensitive. */
  sensitized_at?: number | null;
  statuses_count: number;
  followers_count: number;
  following_count: number;
  last_status_at: number | null;
  fetched_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface UserRow {
  id: number;
  account_id: number;
  email: string;
  password_hash: string;
  role: string;
  confirmed_at: number | null;
  approved: number;
  disabled: number;
  locale: string;
  settings: string;
  sign_up_ip: string | null;
  reason: string | null;
  created_at: number;
  updated_at: number;
}

export interface StatusRow {
  id: number;
  uri: string;
  url: string | null;
  account_id: number;
  local: number;
  in_reply_to_id: number | null;
  in_reply_to_account_id: number | null;
  reblog_of_id: number | null;
  conversation_id: number | null;
  text: string;
  content: string;
  spoiler_text: string;
  sensitive: number;
  visibility: number;
  language: string | null;
  application_id: number | null;
  poll_id: number | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  media_ids: string;
  created_at: number;
  edited_at: number | null;
  updated_at: number;
  /** Who may quote it: 'public' | 'followers' | 'nobody'. */
  quote_policy: string;
  /** Who may quote it once its (remote) author approves by hand: 'public' | 'followers' | 'nobody'. */
  quote_manual: string;
  /** Accepted quotes of it. */
  quotes_count: number;
}

export interface MediaRow {
  id: number;
  account_id: number;
  status_id: number | null;
  type: string;
  file_key: string | null;
  thumbnail_key: string | null;
  content_type: string | null;
  file_size: number | null;
  remote_url: string | null;
  description: string | null;
  focus_x: number;
  focus_y: number;
  meta: string;
  blurhash: string | null;
  processing: number;
  created_at: number;
  updated_at: number;
  /** Set when the remote-media retention removed the cached files (the media proxy fetches them again). */
  cache_removed_at?: number | null;
}

/** User settings stored as JSON in users.settings. */
export interface UserSettings {
  default_privacy?: string;
  default_sensitive?: boolean;
  default_language?: string | null;
  expand_media?: string;
  expand_spoilers?: boolean;
  /** Default quote policy of new posts: 'public' | 'followers' | 'nobody'. */
  default_quote_policy?: string;
  /** Languages the user reads (Mastodon's chosen_languages): trends in them come first. Null or absent: all. */
  chosen_languages?: string[] | null;
}

/** Which replies to others a list shows (Mastodon's List#replies_policy). */
export type RepliesPolicy = "followed" | "list" | "none";

/** A row of the lists table. */
export interface ListRow {
  id: number;
  account_id: number;
  title: string;
  replies_policy: RepliesPolicy;
  exclusive: number;
  created_at: number;
  updated_at: number;
}

/** A row of the domain_blocks table. */
export interface DomainBlockRow {
  id: number;
  domain: string;
  severity: "suspend" | "silence" | "noop";
  reject_media: number;
  /** 0019: the admin API's extra fields (the CLI leaves them as they are). */
  reject_reports: number;
  private_comment: string | null;
  public_comment: string | null;
  obfuscate: number;
  created_at: number;
  updated_at: number;
}

/** A local post as posting inserts it (local = 1; counters and media_ids start at their defaults). */
export interface NewLocalStatusRow {
  id: number;
  uri: string;
  url: string | null;
  account_id: number;
  in_reply_to_id: number | null;
  in_reply_to_account_id: number | null;
  conversation_id: number;
  text: string;
  content: string;
  spoiler_text: string;
  sensitive: number;
  visibility: number;
  language: string | null;
  application_id: number | null;
  created_at: number;
  updated_at: number;
}

/** A local boost as reblogging inserts it. */
export interface NewReblogRow {
  id: number;
  uri: string;
  url: string | null;
  account_id: number;
  reblog_of_id: number;
  visibility: number;
  created_at: number;
  updated_at: number;
}

/** A tags row (name lower-cased NFKC, display_name as first typed). */
export interface TagRow {
  id: number;
  name: string;
  display_name: string;
  last_status_at: number | null;
  created_at: number;
}

/** An oauth_applications row (a registered client). */
export interface OAuthApplicationRow {
  id: number;
  name: string;
  website: string | null;
  redirect_uris: string;
  scopes: string;
  client_id: string;
  client_secret: string;
  created_at: number;
}

/** An oauth_access_tokens row. */
export interface OAuthAccessTokenRow {
  id: number;
  token: string;
  application_id: number | null;
  user_id: number | null;
  scopes: string;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

/** An oauth_access_grants row: an authorization code, redeemable once. */
export interface OAuthAccessGrantRow {
  id: number;
  code: string;
  application_id: number;
  user_id: number;
  redirect_uri: string;
  scopes: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  expires_at: number;
  used_at: number | null;
}

/** The two-factor columns of a users row, with the password hash that guards changing them. */
export interface UserOtpRow {
  id: number;
  password_hash: string;
  otp_secret: string | null;
  otp_pending_secret: string | null;
  otp_enabled_at: number | null;
  otp_recovery_codes: string;
  otp_last_step: number | null;
  otp_failures: number;
  otp_failures_window: number;
}

/** A notification_policies row without its key and time: accept, filter or drop per kind of sender. */
export interface NotificationPolicyRow {
  for_not_following: "accept" | "filter" | "drop";
  for_not_followers: "accept" | "filter" | "drop";
  for_new_accounts: "accept" | "filter" | "drop";
  for_private_mentions: "accept" | "filter" | "drop";
  for_limited_accounts: "accept" | "filter" | "drop";
  for_bots: "accept" | "filter" | "drop";
}

/** An account_conversations row as the conversation list reads it (participants as a JSON id list). */
export interface AccountConversationRow {
  id: number;
  participant_account_ids: string;
  last_status_id: number;
  unread: number;
}

/** Where a remote account takes deliveries. */
export interface AccountInboxRow {
  domain: string;
  inbox_url: string | null;
  shared_inbox_url: string | null;
}
