-- Indexes found missing by the features benchmark (scripts/bench/features.ts) on a
-- 1,000,000-status database.

-- A recipient's notifications from one sender: notify()'s duplicate check (which otherwise
-- reads every notification of the recipient: ~2.5 ms at 10,000), the from-one-account list
-- filter, and the ON DELETE CASCADE of from_account_id when an account is deleted.
CREATE INDEX notifications_from ON notifications (from_account_id, account_id, id);

-- The admin accounts list filtered by status=suspended or silenced walked every account
-- (~1 ms per 10,000) when few match; these hold only the moderated ones. The grouped
-- notification queries probe accounts_suspended by name (INDEXED BY) for each row they walk.
CREATE INDEX accounts_suspended ON accounts (id) WHERE suspended_at IS NOT NULL;
CREATE INDEX accounts_silenced ON accounts (id) WHERE silenced_at IS NOT NULL;

-- GET /api/v1/scheduled_statuses pages by id: scheduled_statuses_account (account_id,
-- scheduled_at) made it read and sort all of the account's (up to 300) for each page.
CREATE INDEX scheduled_statuses_account_id ON scheduled_statuses (account_id, id);
