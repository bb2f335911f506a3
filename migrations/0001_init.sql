-- Hearth initial schema. Times are integer milliseconds since the Unix epoch.
-- Ids are snowflake-style integers (ms * 1024 + sequence), safe as JS numbers.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE accounts (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL,
  domain              TEXT,                       -- NULL for local accounts
  display_name        TEXT NOT NULL DEFAULT '',
  note                TEXT NOT NULL DEFAULT '',   -- HTML
  note_source         TEXT NOT NULL DEFAULT '',   -- plain text as typed (local only)
  fields              TEXT NOT NULL DEFAULT '[]', -- JSON [{name, value, verified_at}]
  locked              INTEGER NOT NULL DEFAULT 0,
  bot                 INTEGER NOT NULL DEFAULT 0,
  discoverable        INTEGER NOT NULL DEFAULT 1,
  indexable           INTEGER NOT NULL DEFAULT 1,
  hide_collections    INTEGER NOT NULL DEFAULT 0,
  avatar_path         TEXT,
  avatar_remote_url   TEXT,
  header_path         TEXT,
  header_remote_url   TEXT,
  uri                 TEXT NOT NULL,
  url                 TEXT,
  inbox_url           TEXT,
  shared_inbox_url    TEXT,
  outbox_url          TEXT,
  followers_url       TEXT,
  following_url       TEXT,
  featured_url        TEXT,
  public_key_pem      TEXT,
  private_key_pem     TEXT,
  actor_type          TEXT NOT NULL DEFAULT 'Person',
  also_known_as       TEXT NOT NULL DEFAULT '[]',
  moved_to_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  memorial            INTEGER NOT NULL DEFAULT 0,
  suspended_at        INTEGER,
  silenced_at         INTEGER,
  statuses_count      INTEGER NOT NULL DEFAULT 0,
  followers_count     INTEGER NOT NULL DEFAULT 0,
  following_count     INTEGER NOT NULL DEFAULT 0,
  last_status_at      INTEGER,
  fetched_at          INTEGER,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
CREATE UNIQUE INDEX accounts_handle ON accounts (lower(username), ifnull(lower(domain), ''));
CREATE UNIQUE INDEX accounts_uri ON accounts (uri);
CREATE INDEX accounts_domain ON accounts (domain);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  account_id      INTEGER NOT NULL UNIQUE REFERENCES accounts(id) ON DELETE CASCADE,
  email           TEXT NOT NULL,
  password_hash   TEXT NOT NULL,
  role            TEXT NOT NULL DEFAULT 'user',   -- owner | admin | moderator | user
  confirmed_at    INTEGER,
  approved        INTEGER NOT NULL DEFAULT 1,
  disabled        INTEGER NOT NULL DEFAULT 0,
  locale          TEXT NOT NULL DEFAULT 'en',
  settings        TEXT NOT NULL DEFAULT '{}',     -- JSON: posting defaults, reading prefs
  sign_up_ip      TEXT,
  reason          TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE oauth_applications (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  website       TEXT,
  redirect_uris TEXT NOT NULL,                  -- newline separated
  scopes        TEXT NOT NULL,                  -- space separated
  client_id     TEXT NOT NULL UNIQUE,
  client_secret TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE oauth_access_grants (
  id                    INTEGER PRIMARY KEY,
  code                  TEXT NOT NULL UNIQUE,
  application_id        INTEGER NOT NULL REFERENCES oauth_applications(id) ON DELETE CASCADE,
  user_id               INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  redirect_uri          TEXT NOT NULL,
  scopes                TEXT NOT NULL,
  code_challenge        TEXT,
  code_challenge_method TEXT,
  expires_at            INTEGER NOT NULL,
  used_at               INTEGER,
  created_at            INTEGER NOT NULL
);

CREATE TABLE oauth_access_tokens (
  id             INTEGER PRIMARY KEY,
  token          TEXT NOT NULL UNIQUE,
  application_id INTEGER REFERENCES oauth_applications(id) ON DELETE CASCADE,
  user_id        INTEGER REFERENCES users(id) ON DELETE CASCADE, -- NULL for client_credentials
  scopes         TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  revoked_at     INTEGER,
  last_used_at   INTEGER
);
CREATE INDEX oauth_access_tokens_user ON oauth_access_tokens (user_id);

CREATE TABLE web_sessions (
  id         TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  user_agent TEXT,
  ip         TEXT,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);

CREATE TABLE statuses (
  id                     INTEGER PRIMARY KEY,
  uri                    TEXT NOT NULL,
  url                    TEXT,
  account_id             INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  local                  INTEGER NOT NULL DEFAULT 1,
  in_reply_to_id         INTEGER,
  in_reply_to_account_id INTEGER,
  reblog_of_id           INTEGER REFERENCES statuses(id) ON DELETE CASCADE,
  conversation_id        INTEGER,
  text                   TEXT NOT NULL DEFAULT '',  -- source as typed (local only)
  content                TEXT NOT NULL DEFAULT '',  -- HTML
  spoiler_text           TEXT NOT NULL DEFAULT '',
  sensitive              INTEGER NOT NULL DEFAULT 0,
  visibility             INTEGER NOT NULL DEFAULT 0, -- 0 public, 1 unlisted, 2 private, 3 direct
  language               TEXT,
  application_id         INTEGER REFERENCES oauth_applications(id) ON DELETE SET NULL,
  poll_id                INTEGER,
  replies_count          INTEGER NOT NULL DEFAULT 0,
  reblogs_count          INTEGER NOT NULL DEFAULT 0,
  favourites_count       INTEGER NOT NULL DEFAULT 0,
  media_ids              TEXT NOT NULL DEFAULT '[]', -- JSON, ordered
  created_at             INTEGER NOT NULL,
  edited_at              INTEGER,
  updated_at             INTEGER NOT NULL
);
CREATE UNIQUE INDEX statuses_uri ON statuses (uri);
CREATE INDEX statuses_account ON statuses (account_id, id);
CREATE INDEX statuses_reply ON statuses (in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
CREATE INDEX statuses_reblog ON statuses (reblog_of_id, account_id) WHERE reblog_of_id IS NOT NULL;
CREATE INDEX statuses_conversation ON statuses (conversation_id);
CREATE INDEX statuses_public ON statuses (id) WHERE visibility = 0 AND reblog_of_id IS NULL;
CREATE INDEX statuses_public_local ON statuses (local, id) WHERE visibility = 0 AND reblog_of_id IS NULL;

CREATE TABLE status_edits (
  id           INTEGER PRIMARY KEY,
  status_id    INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  account_id   INTEGER NOT NULL,
  text         TEXT NOT NULL DEFAULT '',
  content      TEXT NOT NULL DEFAULT '',
  spoiler_text TEXT NOT NULL DEFAULT '',
  sensitive    INTEGER NOT NULL DEFAULT 0,
  media_ids    TEXT NOT NULL DEFAULT '[]',
  poll         TEXT,
  created_at   INTEGER NOT NULL
);
CREATE INDEX status_edits_status ON status_edits (status_id, id);

CREATE TABLE mentions (
  id         INTEGER PRIMARY KEY,
  status_id  INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  silent     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (status_id, account_id)
);
CREATE INDEX mentions_account ON mentions (account_id, status_id);

CREATE TABLE tags (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,               -- lower-cased
  display_name   TEXT NOT NULL,
  last_status_at INTEGER,
  created_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX tags_name ON tags (name);

CREATE TABLE statuses_tags (
  tag_id    INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  PRIMARY KEY (tag_id, status_id)
) WITHOUT ROWID;
CREATE INDEX statuses_tags_status ON statuses_tags (status_id);

CREATE TABLE favourites (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status_id  INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  uri        TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, status_id)
);
CREATE INDEX favourites_status ON favourites (status_id, id);

CREATE TABLE bookmarks (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status_id  INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, status_id)
);

CREATE TABLE status_pins (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status_id  INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, status_id)
);

CREATE TABLE conversation_mutes (
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id INTEGER NOT NULL,
  PRIMARY KEY (account_id, conversation_id)
) WITHOUT ROWID;

CREATE TABLE follows (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  show_reblogs      INTEGER NOT NULL DEFAULT 1,
  notify            INTEGER NOT NULL DEFAULT 0,
  languages         TEXT,                       -- JSON array or NULL
  uri               TEXT,
  created_at        INTEGER NOT NULL,
  UNIQUE (account_id, target_account_id)
);
CREATE INDEX follows_target ON follows (target_account_id, account_id);

CREATE TABLE follow_requests (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  show_reblogs      INTEGER NOT NULL DEFAULT 1,
  notify            INTEGER NOT NULL DEFAULT 0,
  languages         TEXT,
  uri               TEXT,
  created_at        INTEGER NOT NULL,
  UNIQUE (account_id, target_account_id)
);
CREATE INDEX follow_requests_target ON follow_requests (target_account_id, id);

CREATE TABLE blocks (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  uri               TEXT,
  created_at        INTEGER NOT NULL,
  UNIQUE (account_id, target_account_id)
);
CREATE INDEX blocks_target ON blocks (target_account_id);

CREATE TABLE mutes (
  id                 INTEGER PRIMARY KEY,
  account_id         INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  hide_notifications INTEGER NOT NULL DEFAULT 1,
  expires_at         INTEGER,
  created_at         INTEGER NOT NULL,
  UNIQUE (account_id, target_account_id)
);

CREATE TABLE account_notes (
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  comment           TEXT NOT NULL,
  PRIMARY KEY (account_id, target_account_id)
) WITHOUT ROWID;

-- Precomputed home timelines (Mastodon keeps these in Redis).
CREATE TABLE home_feeds (
  account_id INTEGER NOT NULL,
  status_id  INTEGER NOT NULL,
  PRIMARY KEY (account_id, status_id)
) WITHOUT ROWID;
CREATE INDEX home_feeds_status ON home_feeds (status_id);

CREATE TABLE notifications (
  id              INTEGER PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  from_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  type            TEXT NOT NULL,
  status_id       INTEGER REFERENCES statuses(id) ON DELETE CASCADE,
  created_at      INTEGER NOT NULL
);
CREATE INDEX notifications_account ON notifications (account_id, id);

CREATE TABLE markers (
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  timeline     TEXT NOT NULL,
  last_read_id INTEGER NOT NULL,
  version      INTEGER NOT NULL DEFAULT 0,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (account_id, timeline)
) WITHOUT ROWID;

CREATE TABLE media_attachments (
  id               INTEGER PRIMARY KEY,
  account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status_id        INTEGER REFERENCES statuses(id) ON DELETE SET NULL,
  type             TEXT NOT NULL,                -- image | gifv | video | audio | unknown
  file_key         TEXT,                         -- storage key of the original
  thumbnail_key    TEXT,                         -- storage key of the small preview
  content_type     TEXT,
  file_size        INTEGER,
  remote_url       TEXT,
  description      TEXT,
  focus_x          REAL NOT NULL DEFAULT 0,
  focus_y          REAL NOT NULL DEFAULT 0,
  meta             TEXT NOT NULL DEFAULT '{}',
  blurhash         TEXT,
  processing       INTEGER NOT NULL DEFAULT 0,   -- 0 done, 1 queued, 2 failed
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX media_attachments_status ON media_attachments (status_id);
CREATE INDEX media_attachments_unattached ON media_attachments (created_at) WHERE status_id IS NULL;

CREATE TABLE idempotency_keys (
  account_id INTEGER NOT NULL,
  key        TEXT NOT NULL,
  status_id  INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, key)
) WITHOUT ROWID;

CREATE TABLE custom_emojis (
  id                INTEGER PRIMARY KEY,
  shortcode         TEXT NOT NULL,
  domain            TEXT,
  image_key         TEXT,
  image_remote_url  TEXT,
  visible_in_picker INTEGER NOT NULL DEFAULT 1,
  category          TEXT,
  created_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX custom_emojis_shortcode ON custom_emojis (shortcode, ifnull(domain, ''));

CREATE TABLE rules (
  id         INTEGER PRIMARY KEY,
  text       TEXT NOT NULL,
  hint       TEXT NOT NULL DEFAULT '',
  position   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  payload      TEXT NOT NULL DEFAULT '{}',
  run_at       INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  last_error   TEXT,
  created_at   INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs (run_at);
