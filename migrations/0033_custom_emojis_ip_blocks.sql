-- Custom emoji administration (issue 14): a static rendition, disabling, the remote emoji's id and
-- when its image last changed; and IP blocks (Mastodon's ip_blocks).
ALTER TABLE custom_emojis ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE custom_emojis ADD COLUMN image_static_key TEXT;
ALTER TABLE custom_emojis ADD COLUMN image_content_type TEXT;
ALTER TABLE custom_emojis ADD COLUMN image_file_size INTEGER;
ALTER TABLE custom_emojis ADD COLUMN uri TEXT;
ALTER TABLE custom_emojis ADD COLUMN updated_at INTEGER;

CREATE TABLE ip_blocks (
  id         INTEGER PRIMARY KEY,
  ip         TEXT NOT NULL,
  severity   TEXT NOT NULL,
  comment    TEXT NOT NULL DEFAULT '',
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ip_blocks_ip ON ip_blocks (ip);
