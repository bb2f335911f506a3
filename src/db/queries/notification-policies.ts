/** Queries on `notification_policies` (one row per account that changed Mastodon's defaults). */
import type { Database } from "bun:sqlite";
import type { NotificationPolicyRow } from "../rows";

/** The account's stored policy, else null (it never set one). */
export function getNotificationPolicy(db: Database, accountId: number): NotificationPolicyRow | null {
  return db
    .query<NotificationPolicyRow, [number]>(
      "SELECT for_not_following, for_not_followers, for_new_accounts, for_private_mentions, for_limited_accounts, for_bots FROM notification_policies WHERE account_id = ?",
    )
    .get(accountId);
}

/** Stores the account's whole policy. */
export function upsertNotificationPolicy(db: Database, accountId: number, p: NotificationPolicyRow, now: number): void {
  db.query(
    `INSERT INTO notification_policies (account_id, for_not_following, for_not_followers, for_new_accounts, for_private_mentions, for_limited_accounts, for_bots, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET for_not_following = excluded.for_not_following, for_not_followers = excluded.for_not_followers, for_new_accounts = excluded.for_new_accounts, for_private_mentions = excluded.for_private_mentions, for_limited_accounts = excluded.for_limited_accounts, for_bots = excluded.for_bots, updated_at = excluded.updated_at`,
  ).run(
    accountId,
    p.for_not_following,
    p.for_not_followers,
    p.for_new_accounts,
    p.for_private_mentions,
    p.for_limited_accounts,
    p.for_bots,
    now,
  );
}
