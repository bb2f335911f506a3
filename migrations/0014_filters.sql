-- Keyword and status filters (Mastodon's CustomFilter, CustomFilterKeyword, CustomFilterStatus).
-- A filter belongs to one account; context is a JSON array of home|notifications|public|thread|
-- account; action is warn|hide|blur; expires_at is NULL for filters that never expire.
CREATE TABLE custom_filters (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  title      TEXT NOT NULL,
  context    TEXT NOT NULL DEFAULT '[]',
  action     TEXT NOT NULL DEFAULT 'warn' CHECK (action IN ('warn', 'hide', 'blur')),
  expires_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX custom_filters_account ON custom_filters (account_id, id);

CREATE TABLE custom_filter_keywords (
  id               INTEGER PRIMARY KEY,
  custom_filter_id INTEGER NOT NULL REFERENCES custom_filters(id) ON DELETE CASCADE,
  keyword          TEXT NOT NULL,
  whole_word       INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX custom_filter_keywords_filter ON custom_filter_keywords (custom_filter_id, id);

CREATE TABLE custom_filter_statuses (
  id               INTEGER PRIMARY KEY,
  custom_filter_id INTEGER NOT NULL REFERENCES custom_filters(id) ON DELETE CASCADE,
  status_id        INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  UNIQUE (custom_filter_id, status_id)
);
CREATE INDEX custom_filter_statuses_status ON custom_filter_statuses (status_id);
