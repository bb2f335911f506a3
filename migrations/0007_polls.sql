-- Polls attached to statuses, and the votes cast in them.
CREATE TABLE polls (
  id              INTEGER PRIMARY KEY,
  status_id       INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  options         TEXT NOT NULL DEFAULT '[]',     -- JSON [{title}]
  tallies         TEXT NOT NULL DEFAULT '[]',     -- JSON [votes per option], same order
  votes_count     INTEGER NOT NULL DEFAULT 0,
  voters_count    INTEGER NOT NULL DEFAULT 0,
  multiple        INTEGER NOT NULL DEFAULT 0,
  hide_totals     INTEGER NOT NULL DEFAULT 0,
  expires_at      INTEGER,
  last_fetched_at INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX polls_status ON polls (status_id);

CREATE TABLE poll_votes (
  id         INTEGER PRIMARY KEY,
  poll_id    INTEGER NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  choice     INTEGER NOT NULL,
  uri        TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (poll_id, account_id, choice)
);
CREATE INDEX poll_votes_account ON poll_votes (account_id, poll_id);
