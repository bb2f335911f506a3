-- Featured profiles (Mastodon's AccountPin, "endorsements"): accounts a user features on their
-- profile. Only followed accounts can be featured; unfollowing removes the row (services/follows).
-- The UNIQUE key serves the owner's list and the Relationship `endorsed` flag.
CREATE TABLE endorsements (
  id                INTEGER PRIMARY KEY,
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at        INTEGER NOT NULL,
  UNIQUE (account_id, target_account_id)
);
CREATE INDEX endorsements_target ON endorsements (target_account_id);
