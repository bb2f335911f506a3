-- E-mail domain blocks and canonical e-mail blocks (Mastodon's EmailDomainBlock and CanonicalEmailBlock).
CREATE TABLE email_domain_blocks (
  id         INTEGER PRIMARY KEY,
  domain     TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
-- Refused sign-up attempts per block and UTC day (EmailDomainBlock.history's "uses").
CREATE TABLE email_domain_block_attempts (
  block_id INTEGER NOT NULL REFERENCES email_domain_blocks(id) ON DELETE CASCADE,
  day      INTEGER NOT NULL,
  uses     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (block_id, day)
) WITHOUT ROWID;
CREATE TABLE canonical_email_blocks (
  id                   INTEGER PRIMARY KEY,
  canonical_email_hash TEXT NOT NULL UNIQUE,
  created_at           INTEGER NOT NULL
);
