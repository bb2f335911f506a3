-- Favourites and bookmarks lists page by their own row id per account (Mastodon does too).
CREATE INDEX favourites_account ON favourites (account_id, id);
CREATE INDEX bookmarks_account ON bookmarks (account_id, id);
