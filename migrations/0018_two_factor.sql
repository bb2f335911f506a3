-- Two-factor authentication (TOTP, RFC 6238) for local users.
-- Secrets are stored sealed (AES-256-GCM under a key derived from the instance secret), never
-- in plain text; recovery codes only as keyed hashes.
ALTER TABLE users ADD COLUMN otp_secret TEXT;                                -- sealed base32 secret while 2FA is on
ALTER TABLE users ADD COLUMN otp_pending_secret TEXT;                        -- sealed secret being set up, not yet confirmed
ALTER TABLE users ADD COLUMN otp_enabled_at INTEGER;                         -- NULL: 2FA is off
ALTER TABLE users ADD COLUMN otp_recovery_codes TEXT NOT NULL DEFAULT '[]';  -- JSON array of hashes of unused codes
ALTER TABLE users ADD COLUMN otp_last_step INTEGER;                          -- last accepted 30 s step: each code works once
ALTER TABLE users ADD COLUMN otp_failures INTEGER NOT NULL DEFAULT 0;        -- failed codes in the current window
ALTER TABLE users ADD COLUMN otp_failures_window INTEGER NOT NULL DEFAULT 0; -- start (ms) of that window
