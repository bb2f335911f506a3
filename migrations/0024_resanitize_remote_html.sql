-- Remote HTML stored before the tree-based sanitizer may hold stray end tags (the streaming one let
-- them through). SQL cannot run the sanitizer, so this enqueues the durable job that re-sanitizes
-- remote statuses, their earlier versions, and remote bios and fields in batches
-- (services/federation/resanitize-html.ts). Nothing to do on a server that has seen no remote account.
INSERT INTO jobs (kind, payload, run_at, created_at)
SELECT 'federation.resanitize_html', '{"table":"statuses","afterId":0}', 0, CAST(strftime('%s', 'now') AS INTEGER) * 1000
WHERE EXISTS (SELECT 1 FROM accounts WHERE domain IS NOT NULL);
