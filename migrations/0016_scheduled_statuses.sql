-- Scheduled statuses (Mastodon's scheduled_statuses): the POST /api/v1/statuses parameters
-- kept until `scheduled_at`, when a `scheduled_status.publish` job posts them.
CREATE TABLE scheduled_statuses (
  id              INTEGER PRIMARY KEY,
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  scheduled_at    INTEGER NOT NULL,            -- ms since the epoch
  params          TEXT NOT NULL DEFAULT '{}',  -- Mastodon's params hash as JSON
  idempotency_key TEXT,
  created_at      INTEGER NOT NULL
);
CREATE INDEX scheduled_statuses_account ON scheduled_statuses (account_id, scheduled_at);
CREATE INDEX scheduled_statuses_due ON scheduled_statuses (scheduled_at);
CREATE INDEX scheduled_statuses_idempotency ON scheduled_statuses (account_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Uploads waiting for a scheduled status: kept by the unattached-media cleanup.
ALTER TABLE media_attachments ADD COLUMN scheduled_status_id INTEGER REFERENCES scheduled_statuses(id) ON DELETE SET NULL;
CREATE INDEX media_attachments_scheduled ON media_attachments (scheduled_status_id) WHERE scheduled_status_id IS NOT NULL;
