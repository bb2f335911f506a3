-- Domain allows (Mastodon's DomainAllow): with LIMITED_FEDERATION_MODE, the only domains federated with.
CREATE TABLE domain_allows (
  id         INTEGER PRIMARY KEY,
  domain     TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
