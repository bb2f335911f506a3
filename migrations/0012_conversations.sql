-- Direct conversations (Mastodon's AccountConversation): one row per local participant and
-- thread; participant_account_ids are the other people in it (JSON), last_status_id the newest
-- direct status. Pagination follows last_status_id, as in Mastodon.
CREATE TABLE account_conversations (
  id                      INTEGER PRIMARY KEY,
  account_id              INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  conversation_id         INTEGER NOT NULL,
  participant_account_ids TEXT NOT NULL DEFAULT '[]',
  last_status_id          INTEGER NOT NULL,
  unread                  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, conversation_id)
);
CREATE INDEX account_conversations_recent ON account_conversations (account_id, last_status_id);
