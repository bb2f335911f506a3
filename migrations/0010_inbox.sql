-- Inbound ActivityPub: ids of activities already accepted (replays are answered 202 and
-- dropped; rows older than a week are pruned), tombstones of statuses deleted before their
-- Create arrived, and reports received as Flag activities (an admin API comes later).
CREATE TABLE inbox_seen (
  activity_id TEXT PRIMARY KEY,
  seen_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX inbox_seen_at ON inbox_seen (seen_at);

CREATE TABLE tombstones (
  uri        TEXT PRIMARY KEY,
  account_id INTEGER,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE reports (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE, -- the reporter
  target_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status_ids        TEXT NOT NULL DEFAULT '[]',                                  -- JSON
  comment           TEXT NOT NULL DEFAULT '',
  forwarded         INTEGER NOT NULL DEFAULT 0,
  uri               TEXT,
  created_at        INTEGER NOT NULL,
  action_taken_at   INTEGER
);
CREATE INDEX reports_target ON reports (target_account_id, id);
CREATE UNIQUE INDEX reports_uri ON reports (uri) WHERE uri IS NOT NULL;
