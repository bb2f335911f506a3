-- Moderation (admin API): report handling, account sensitivity, the moderation log, domain
-- block details and the report an admin.report notification points at.

-- Reports: who took the report and who resolved it (Mastodon's assigned_account and
-- action_taken_by_account), and when anything last happened to it.
ALTER TABLE reports ADD COLUMN assigned_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE reports ADD COLUMN action_taken_by_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE reports ADD COLUMN updated_at INTEGER;
CREATE INDEX reports_reporter ON reports (account_id, id);
CREATE INDEX reports_unresolved ON reports (target_account_id) WHERE action_taken_at IS NULL;

-- "Sensitive" moderation action: every post of the account shows as sensitive while set.
ALTER TABLE accounts ADD COLUMN sensitized_at INTEGER;

-- Moderation history (Mastodon's AccountWarning): one row per action taken on an account.
CREATE TABLE account_warnings (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER REFERENCES accounts(id) ON DELETE SET NULL,          -- the moderator
  target_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  action            TEXT NOT NULL,     -- none | disable | sensitive | silence | suspend
  text              TEXT NOT NULL DEFAULT '',
  report_id         INTEGER REFERENCES reports(id) ON DELETE SET NULL,
  created_at        INTEGER NOT NULL
);
CREATE INDEX account_warnings_target ON account_warnings (target_account_id, id);

-- Admin::DomainBlock fields the API exposes beyond what federation needs.
ALTER TABLE domain_blocks ADD COLUMN reject_reports INTEGER NOT NULL DEFAULT 0;
ALTER TABLE domain_blocks ADD COLUMN private_comment TEXT;
ALTER TABLE domain_blocks ADD COLUMN public_comment TEXT;
ALTER TABLE domain_blocks ADD COLUMN obfuscate INTEGER NOT NULL DEFAULT 0;

-- admin.report notifications carry the report.
ALTER TABLE notifications ADD COLUMN report_id INTEGER REFERENCES reports(id) ON DELETE CASCADE;
