-- Which users were active on which UTC day (Mastodon's ActivityTracker "activity:logins"): written with a
-- token's hourly last_used_at, read by the admin dashboard (active_users measure, retention cohorts).
CREATE TABLE user_activity_days (
  day     INTEGER NOT NULL,  -- days since 1970-01-01 UTC
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (day, user_id)
) WITHOUT ROWID;
CREATE INDEX user_activity_days_user ON user_activity_days (user_id, day);
