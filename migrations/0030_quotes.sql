-- Quote posts (issue 13, Mastodon 4.5 / FEP-044f).

-- Who may quote a status: 'public' | 'followers' | 'nobody' (statuses from before this
-- migration, and remote ones that publish no canQuote policy, are quotable by no one but
-- their author, as Mastodon treats a zero quote_approval_policy).
ALTER TABLE statuses ADD COLUMN quote_policy TEXT NOT NULL DEFAULT 'nobody';
-- Accepted quotes of the status.
ALTER TABLE statuses ADD COLUMN quotes_count INTEGER NOT NULL DEFAULT 0;

-- A status quoting another (Mastodon's quotes table): one per quoting status.
-- state: 'pending' | 'accepted' | 'rejected' | 'revoked'. quoted_status_id turns NULL when
-- the quoted post is deleted (shown as 'deleted'); quoted_uri keeps what the quote points to.
-- legacy: an unauthorized Misskey-style quote (quoteUrl / _misskey_quote / quoteUri).
-- request_uri: the QuoteRequest's id; approval_uri: the QuoteAuthorization's id.
CREATE TABLE quotes (
  id                INTEGER PRIMARY KEY,
  status_id         INTEGER NOT NULL UNIQUE REFERENCES statuses(id) ON DELETE CASCADE,
  account_id        INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  quoted_status_id  INTEGER REFERENCES statuses(id) ON DELETE SET NULL,
  quoted_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  quoted_uri        TEXT NOT NULL,
  state             TEXT NOT NULL,
  legacy            INTEGER NOT NULL DEFAULT 0,
  request_uri       TEXT,
  approval_uri      TEXT,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX quotes_quoted_status ON quotes (quoted_status_id, id);
CREATE INDEX quotes_quoted_uri ON quotes (quoted_uri);
CREATE INDEX quotes_approval_uri ON quotes (approval_uri) WHERE approval_uri IS NOT NULL;
CREATE INDEX quotes_request_uri ON quotes (request_uri) WHERE request_uri IS NOT NULL;
