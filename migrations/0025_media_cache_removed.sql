-- When the remote-media retention removed an attachment's cached files (MEDIA_CACHE_RETENTION_DAYS),
-- the API keeps answering with our own URL (/media_proxy/<id>/<style>), which fetches the remote
-- file again on the first view; NULL while cached, never cached, or dropped for a blocked domain.
ALTER TABLE media_attachments ADD COLUMN cache_removed_at INTEGER;
