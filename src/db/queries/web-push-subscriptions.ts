/** Queries on `web_push_subscriptions`: one Web Push subscription per access token. */
import type { Database } from "bun:sqlite";

/** A web_push_subscriptions row. */
export interface WebPushSubscriptionRow {
  id: number;
  access_token_id: number;
  user_id: number;
  endpoint: string;
  key_p256dh: string;
  key_auth: string;
  standard: number;
  alerts: string;
  policy: string;
  created_at: number;
  updated_at: number;
}

/** What a delivery needs besides the subscription: the token's value and the user's locale. */
export interface WebPushDeliveryRow extends WebPushSubscriptionRow {
  token: string;
  locale: string;
  account_id: number;
}

/** Stores a subscription, replacing any other of the same access token. */
export function replaceWebPushSubscription(db: Database, s: WebPushSubscriptionRow): WebPushSubscriptionRow {
  db.query("DELETE FROM web_push_subscriptions WHERE access_token_id = ?").run(s.access_token_id);
  return db
    .query<WebPushSubscriptionRow, any[]>(
      `INSERT INTO web_push_subscriptions
         (id, access_token_id, user_id, endpoint, key_p256dh, key_auth, standard, alerts, policy, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      s.id,
      s.access_token_id,
      s.user_id,
      s.endpoint,
      s.key_p256dh,
      s.key_auth,
      s.standard,
      s.alerts,
      s.policy,
      s.created_at,
      s.updated_at,
    )!;
}

/** The subscription of access token `tokenId`, else null. */
export function getWebPushSubscriptionOfToken(db: Database, tokenId: number): WebPushSubscriptionRow | null {
  return db.query<WebPushSubscriptionRow, [number]>("SELECT * FROM web_push_subscriptions WHERE access_token_id = ?").get(tokenId);
}

/** Sets the alerts and policy of token `tokenId`'s subscription; returns the row, or null when it has none. */
export function updateWebPushSubscriptionData(
  db: Database,
  tokenId: number,
  alerts: string,
  policy: string,
  now: number,
): WebPushSubscriptionRow | null {
  return db
    .query<WebPushSubscriptionRow, [string, string, number, number]>(
      "UPDATE web_push_subscriptions SET alerts = ?, policy = ?, updated_at = ? WHERE access_token_id = ? RETURNING *",
    )
    .get(alerts, policy, now, tokenId);
}

/** Deletes the subscriptions of these access tokens (revoked ones); returns how many went. */
export function deleteWebPushSubscriptionsOfTokens(db: Database, tokenIds: readonly number[]): number {
  let n = 0;
  const q = db.query("DELETE FROM web_push_subscriptions WHERE access_token_id = ?");
  for (const id of tokenIds) n += q.run(id).changes;
  return n;
}

/** Deletes one subscription (the push service said it is gone); true when it existed. */
export function deleteWebPushSubscription(db: Database, id: number): boolean {
  return db.query("DELETE FROM web_push_subscriptions WHERE id = ?").run(id).changes > 0;
}

/** The subscriptions of local account `accountId` whose access tokens are live. */
export function listLiveWebPushSubscriptionsOfAccount(db: Database, accountId: number): WebPushSubscriptionRow[] {
  return db
    .query<WebPushSubscriptionRow, [number]>(
      `SELECT s.* FROM web_push_subscriptions s
         JOIN users u ON u.id = s.user_id
         JOIN oauth_access_tokens t ON t.id = s.access_token_id AND t.revoked_at IS NULL
        WHERE u.account_id = ?`,
    )
    .all(accountId);
}

/** Subscription `id` with its live token's value, the user's locale and account, else null (gone or revoked). */
export function getWebPushDelivery(db: Database, id: number): WebPushDeliveryRow | null {
  return db
    .query<WebPushDeliveryRow, [number]>(
      `SELECT s.*, t.token AS token, u.locale AS locale, u.account_id AS account_id
         FROM web_push_subscriptions s
         JOIN users u ON u.id = s.user_id
         JOIN oauth_access_tokens t ON t.id = s.access_token_id AND t.revoked_at IS NULL
        WHERE s.id = ?`,
    )
    .get(id);
}

/** The parts of a notification a push message is made of, else null when it is gone. */
export interface PushNotificationRow {
  id: number;
  account_id: number;
  from_account_id: number;
  type: string;
  status_id: number | null;
  filtered: number;
}

/** Notification `id` as a push delivery reads it, else null. */
export function getPushNotification(db: Database, id: number): PushNotificationRow | null {
  return db
    .query<PushNotificationRow, [number]>(
      "SELECT id, account_id, from_account_id, type, status_id, filtered FROM notifications WHERE id = ?",
    )
    .get(id);
}
