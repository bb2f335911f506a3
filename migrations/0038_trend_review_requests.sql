-- Trends whose review staff were already asked for by mail (Mastodon's requested_review_at): each item is announced once.
CREATE TABLE trend_review_requests (
  kind         TEXT NOT NULL,
  item         TEXT NOT NULL,
  requested_at INTEGER NOT NULL,
  PRIMARY KEY (kind, item)
);
