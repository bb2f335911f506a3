-- Outgoing e-mail (SMTP_SERVER): confirmations, password resets, e-mail changes, security notices, digests.
ALTER TABLE users ADD COLUMN unconfirmed_email TEXT;             -- a requested new address, until its link is followed
ALTER TABLE users ADD COLUMN created_by_application_id INTEGER;  -- the app a sign-up came through (may resend its confirmation)
ALTER TABLE users ADD COLUMN digest_emails INTEGER NOT NULL DEFAULT 0;  -- mail unread notifications while away
ALTER TABLE users ADD COLUMN digest_last_notification_id INTEGER;      -- newest notification already in a digest

-- Single-use links sent by mail; only the SHA-256 of the token is kept.
CREATE TABLE user_email_tokens (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose     TEXT NOT NULL,            -- confirmation | reset_password | email_change
  token_hash  TEXT NOT NULL UNIQUE,
  email       TEXT,                     -- the address the link confirms (email_change, confirmation)
  expires_at  INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX user_email_tokens_user ON user_email_tokens (user_id, purpose);

-- Successful browser sign-ins, to tell a new address or browser from a known one (Mastodon's login_activities).
CREATE TABLE login_activities (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  ip          TEXT,
  user_agent  TEXT,
  created_at  INTEGER NOT NULL
);
CREATE INDEX login_activities_user ON login_activities (user_id, ip);
