-- Lists (Mastodon's List, ListAccount and its Redis list feeds).
-- replies_policy: followed | list | none. exclusive: members' posts stay out of the owner's home feed.
CREATE TABLE lists (
  id             INTEGER PRIMARY KEY,
  account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  title          TEXT NOT NULL,
  replies_policy TEXT NOT NULL DEFAULT 'list',
  exclusive      INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX lists_account ON lists (account_id, id);

-- Members; the owner must follow each one (services/lists keeps that true on unfollow).
CREATE TABLE list_accounts (
  id         INTEGER PRIMARY KEY,
  list_id    INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (list_id, account_id)
);
CREATE INDEX list_accounts_account ON list_accounts (account_id, list_id);

-- Precomputed list timelines, like home_feeds: written on fan-out and when a member is added.
CREATE TABLE list_feeds (
  list_id   INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  PRIMARY KEY (list_id, status_id)
) WITHOUT ROWID;
CREATE INDEX list_feeds_status ON list_feeds (status_id);
