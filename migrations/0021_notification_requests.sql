-- Notification requests (Mastodon 4.3). A notification the recipient's policy says to "filter"
-- is stored with filtered = 1: the lists, unread counts and streams leave it out unless asked
-- (include_filtered). Filtered mentions gather in one request per sender; accepting it
-- un-filters that sender's notifications and records a permission so later ones come through.
ALTER TABLE notifications ADD COLUMN filtered INTEGER NOT NULL DEFAULT 0;
CREATE INDEX notifications_filtered ON notifications (account_id, from_account_id, id) WHERE filtered = 1;

CREATE TABLE notification_requests (
  id                  INTEGER PRIMARY KEY,
  account_id          INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  from_account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  last_status_id      INTEGER REFERENCES statuses(id) ON DELETE SET NULL,
  -- Filtered mentions from the sender, counted up to 100 (Mastodon's MAX_MEANINGFUL_COUNT).
  notifications_count INTEGER NOT NULL DEFAULT 0,
  -- Kept for parity with Mastodon's schema; since 4.3 dismissing deletes the request instead.
  dismissed           INTEGER NOT NULL DEFAULT 0,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  UNIQUE (account_id, from_account_id)
);
CREATE INDEX notification_requests_account ON notification_requests (account_id, id);
CREATE INDEX notification_requests_from ON notification_requests (from_account_id);

-- Senders whose notifications skip the filter (Mastodon's NotificationPermission).
CREATE TABLE notification_permissions (
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  from_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (account_id, from_account_id)
) WITHOUT ROWID;
CREATE INDEX notification_permissions_from ON notification_permissions (from_account_id);

-- Whatever deletes a filtered mention (its post deleted, the sender's account removed, a
-- dismissal, clearing notifications) recounts the sender's request and drops it when empty
-- (Mastodon's NotificationRequest#reconsider_existence!).
CREATE TRIGGER notification_requests_recount AFTER DELETE ON notifications
WHEN OLD.filtered = 1 AND OLD.type = 'mention'
BEGIN
  UPDATE notification_requests SET
    notifications_count = (SELECT COUNT(*) FROM (SELECT 1 FROM notifications n
      WHERE n.account_id = OLD.account_id AND n.from_account_id = OLD.from_account_id AND n.filtered = 1 AND n.type = 'mention' LIMIT 100)),
    last_status_id = (SELECT n.status_id FROM notifications n
      WHERE n.account_id = OLD.account_id AND n.from_account_id = OLD.from_account_id AND n.filtered = 1 AND n.type = 'mention'
      ORDER BY n.id DESC LIMIT 1)
  WHERE account_id = OLD.account_id AND from_account_id = OLD.from_account_id;
  DELETE FROM notification_requests
  WHERE account_id = OLD.account_id AND from_account_id = OLD.from_account_id AND notifications_count = 0;
END;
