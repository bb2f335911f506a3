-- Federation delivery: per-host failure tracker and admin domain blocks.

-- One row per remote host whose deliveries currently fail; a success or an inbound request
-- from the host deletes the row. failure_days counts distinct UTC days with failures
-- (Mastodon's DeliveryFailureTracker); at 7 the host is unavailable and skipped.
CREATE TABLE delivery_failures (
  host            TEXT PRIMARY KEY,
  failing_since   INTEGER NOT NULL,
  last_failure_at INTEGER NOT NULL,
  failures        INTEGER NOT NULL DEFAULT 1,
  failure_days    INTEGER NOT NULL DEFAULT 1,
  unavailable     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Admin domain blocks; a block applies to the domain and all its subdomains.
CREATE TABLE domain_blocks (
  id           INTEGER PRIMARY KEY,
  domain       TEXT NOT NULL,                 -- lower-case, punycode, optional :port
  severity     TEXT NOT NULL DEFAULT 'silence', -- suspend | silence | noop
  reject_media INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX domain_blocks_domain ON domain_blocks (domain);
