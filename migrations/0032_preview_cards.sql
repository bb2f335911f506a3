-- Preview cards (issue 15): one card per page URL, shared by every status linking to it
-- (Mastodon's preview_cards and preview_cards_statuses). Text columns are plain text; `html`
-- is only ever a rebuilt <iframe>. The thumbnail is stored under image_path (null: none).
CREATE TABLE preview_cards (
  id                INTEGER PRIMARY KEY,
  url               TEXT NOT NULL UNIQUE,
  title             TEXT NOT NULL DEFAULT '',
  description       TEXT NOT NULL DEFAULT '',
  type              TEXT NOT NULL DEFAULT 'link',
  author_name       TEXT NOT NULL DEFAULT '',
  author_url        TEXT NOT NULL DEFAULT '',
  author_account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
  provider_name     TEXT NOT NULL DEFAULT '',
  provider_url      TEXT NOT NULL DEFAULT '',
  html              TEXT NOT NULL DEFAULT '',
  width             INTEGER NOT NULL DEFAULT 0,
  height            INTEGER NOT NULL DEFAULT 0,
  image_path        TEXT,
  image_remote_url  TEXT,
  image_description TEXT NOT NULL DEFAULT '',
  blurhash          TEXT,
  embed_url         TEXT NOT NULL DEFAULT '',
  language          TEXT,
  published_at      INTEGER,
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);

-- At most one card per status; `url` is the link as the status had it (before redirects).
CREATE TABLE preview_cards_statuses (
  status_id       INTEGER PRIMARY KEY REFERENCES statuses(id) ON DELETE CASCADE,
  preview_card_id INTEGER NOT NULL REFERENCES preview_cards(id) ON DELETE CASCADE,
  url             TEXT NOT NULL
);
CREATE INDEX preview_cards_statuses_card ON preview_cards_statuses (preview_card_id);
