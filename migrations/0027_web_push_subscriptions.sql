-- Web Push subscriptions (Mastodon's web_push_subscriptions): one per access token, gone with it.
CREATE TABLE web_push_subscriptions (
  id              INTEGER PRIMARY KEY,
  access_token_id INTEGER NOT NULL UNIQUE REFERENCES oauth_access_tokens(id) ON DELETE CASCADE,
  user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  endpoint        TEXT NOT NULL,
  key_p256dh      TEXT NOT NULL,  -- base64url, no padding: the 65-byte uncompressed P-256 point
  key_auth        TEXT NOT NULL,  -- base64url, no padding: the 16-byte auth secret
  standard        INTEGER NOT NULL DEFAULT 0, -- 1: RFC 8291 aes128gcm; 0: legacy aesgcm (draft 04)
  alerts          TEXT NOT NULL DEFAULT '{}', -- JSON: notification type -> true/false
  policy          TEXT NOT NULL DEFAULT 'all', -- all | followed | follower | none
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX web_push_subscriptions_user ON web_push_subscriptions (user_id);
