-- Discovery (issue 13): user domain blocks, trends with their review, featured and dismissed suggestions.

-- A user hides a whole remote domain (Mastodon's account_domain_blocks).
CREATE TABLE account_domain_blocks (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  domain     TEXT NOT NULL,               -- lower-cased, punycode
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, domain)
);

-- What the trends job found trending: kind 'tag' (item = tag id), 'status' (item = status id)
-- or 'link' (item = URL). score is the decayed score at updated_at; max_score/max_score_at keep
-- the peak the decay starts from (tags and links, as Mastodon's max_score columns).
CREATE TABLE trends (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  item         TEXT NOT NULL,
  score        REAL NOT NULL DEFAULT 0,
  max_score    REAL NOT NULL DEFAULT 0,
  max_score_at INTEGER,
  language     TEXT,
  updated_at   INTEGER NOT NULL,
  UNIQUE (kind, item)
);
CREATE INDEX trends_score ON trends (kind, score DESC);

-- Staff review of trend candidates (Mastodon's trendable / reviewed_at): kept when an item
-- drops out of the trends, so it is not asked about again. state: 'approved' | 'rejected'.
CREATE TABLE trend_reviews (
  kind        TEXT NOT NULL,
  item        TEXT NOT NULL,
  state       TEXT NOT NULL,
  reviewed_at INTEGER NOT NULL,
  PRIMARY KEY (kind, item)
) WITHOUT ROWID;

-- Accounts staff feature in suggestions (Mastodon's "staff" source).
CREATE TABLE featured_suggestions (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);

-- Suggestions a user dismissed (DELETE /api/v1/suggestions/:account_id).
CREATE TABLE suggestion_dismissals (
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at        INTEGER NOT NULL,
  PRIMARY KEY (account_id, target_account_id)
) WITHOUT ROWID;
