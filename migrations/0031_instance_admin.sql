-- The owner's tools (issue 14): announcements with reactions and dismissals, and the audit log of staff actions.

-- Mastodon's announcements: Markdown/plain text rendered to HTML when saved (content_html);
-- starts_at/ends_at bound when it is shown (all_day: dates only), published_at null for a draft.
CREATE TABLE announcements (
  id           INTEGER PRIMARY KEY,
  text         TEXT NOT NULL,
  content_html TEXT NOT NULL,
  mentions     TEXT NOT NULL DEFAULT '[]',   -- JSON [{id, username, url, acct}] found when saved
  tags         TEXT NOT NULL DEFAULT '[]',   -- JSON [{name, url}]
  starts_at    INTEGER,
  ends_at      INTEGER,
  all_day      INTEGER NOT NULL DEFAULT 0,
  published_at INTEGER,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

-- One reaction per account, name and announcement (name: a unicode emoji or a custom emoji shortcode).
CREATE TABLE announcement_reactions (
  id              INTEGER PRIMARY KEY,
  announcement_id INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  UNIQUE (announcement_id, account_id, name)
);

-- Announcements a user has dismissed (Mastodon's announcement_mutes): `read` in the entity.
CREATE TABLE announcement_mutes (
  announcement_id INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (announcement_id, account_id)
);

-- Mastodon's Admin::ActionLog: who did what to which record; human_identifier keeps a
-- readable name after the target is gone. action: create, update, destroy, … (Mastodon's verbs).
CREATE TABLE admin_action_logs (
  id               INTEGER PRIMARY KEY,
  account_id       INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  action           TEXT NOT NULL,
  target_type      TEXT NOT NULL,
  target_id        TEXT,
  human_identifier TEXT,
  created_at       INTEGER NOT NULL
);
CREATE INDEX admin_action_logs_created ON admin_action_logs (created_at DESC);
