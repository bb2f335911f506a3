-- Followed hashtags (Mastodon's TagFollow): public posts carrying a followed tag go into the
-- follower's home feed. tag_follows_tag serves the fan-out (which local accounts follow the
-- tags of a new post); the UNIQUE key serves the follower's own list and the `following` flag.
CREATE TABLE tag_follows (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, tag_id)
);
CREATE INDEX tag_follows_tag ON tag_follows (tag_id, account_id);

-- Hashtags featured on a profile (Mastodon's FeaturedTag, at most 10 per account). `name` is
-- the form the owner typed; statuses_count and last_status_at are computed when read.
CREATE TABLE featured_tags (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, tag_id)
);
