-- Grouped notifications (Mastodon 4.3, API v2). group_key is set when a notification of a
-- groupable type (favourite, reblog, follow, admin.sign_up) is created: type, target status
-- and an hour bucket, e.g. "favourite-<status id>-<hours since epoch>"; other types keep NULL
-- and are shown as "ungrouped-<id>". The v2 queries read a group newest first through
-- notifications_group.
ALTER TABLE notifications ADD COLUMN group_key TEXT;

-- Existing rows get their own hour's bucket (new ones may also join a bucket up to 12 hours old).
UPDATE notifications SET group_key = CASE
  WHEN type IN ('favourite', 'reblog') AND status_id IS NOT NULL THEN type || '-' || status_id || '-' || (created_at / 3600000)
  WHEN type IN ('follow', 'admin.sign_up') THEN type || '-' || (created_at / 3600000)
  ELSE NULL
END;

CREATE INDEX notifications_group ON notifications (account_id, group_key, id);

-- Mastodon's NotificationPolicy: what to do with notifications from some kinds of senders
-- (accept, filter or drop). No row means every field is 'accept'.
CREATE TABLE notification_policies (
  account_id           INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  for_not_following    TEXT NOT NULL DEFAULT 'accept' CHECK (for_not_following IN ('accept', 'filter', 'drop')),
  for_not_followers    TEXT NOT NULL DEFAULT 'accept' CHECK (for_not_followers IN ('accept', 'filter', 'drop')),
  for_new_accounts     TEXT NOT NULL DEFAULT 'accept' CHECK (for_new_accounts IN ('accept', 'filter', 'drop')),
  for_private_mentions TEXT NOT NULL DEFAULT 'filter' CHECK (for_private_mentions IN ('accept', 'filter', 'drop')),
  for_limited_accounts TEXT NOT NULL DEFAULT 'filter' CHECK (for_limited_accounts IN ('accept', 'filter', 'drop')),
  for_bots             TEXT NOT NULL DEFAULT 'accept' CHECK (for_bots IN ('accept', 'filter', 'drop')),
  updated_at           INTEGER NOT NULL
) WITHOUT ROWID;
