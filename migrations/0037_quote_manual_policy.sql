-- Who may quote a remote post after its author approves by hand (interactionPolicy.canQuote.manualApproval):
-- 'public' | 'followers' | 'nobody'. Local posts never ask for manual approval (Mastodon 4.5 offers none).
ALTER TABLE statuses ADD COLUMN quote_manual TEXT NOT NULL DEFAULT 'nobody';
