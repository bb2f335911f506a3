-- Moderation warnings shown to the moderated user (Mastodon 4.3's AccountWarning and the
-- moderation_warning notification).

-- The posts a warning is about (a report's posts when the action came from a report), JSON ids.
ALTER TABLE account_warnings ADD COLUMN status_ids TEXT NOT NULL DEFAULT '[]';

-- moderation_warning notifications carry their warning.
ALTER TABLE notifications ADD COLUMN account_warning_id INTEGER REFERENCES account_warnings(id) ON DELETE CASCADE;
