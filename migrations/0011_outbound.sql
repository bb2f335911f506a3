-- Client-filed reports (POST /api/v1/reports) need Mastodon's category and rule ids on the
-- reports table that 0010 created for inbound Flags.
ALTER TABLE reports ADD COLUMN category TEXT NOT NULL DEFAULT 'other'; -- spam | legal | violation | other
ALTER TABLE reports ADD COLUMN rule_ids TEXT;                           -- JSON array of rule ids, or NULL
