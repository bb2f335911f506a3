/**
 * Web Push delivery (Mastodon's NotifyService push step and Web::PushNotificationWorker): which
 * subscriptions a new notification goes to, and one encrypted, VAPID-signed POST per job.
 */
import type { AppContext } from "../../context";
import { FetchError, safeFetch } from "../../activitypub/outbound/fetch";
import { getAccount } from "../../db/queries/accounts";
import { isFollowing } from "../../db/queries/follows";
import { getStatus } from "../../db/queries/statuses";
import {
  deleteWebPushSubscription,
  getPushNotification,
  getWebPushDelivery,
  listLiveWebPushSubscriptionsOfAccount,
  type WebPushSubscriptionRow,
} from "../../db/queries/web-push-subscriptions";
import { transaction } from "../../db/transaction";
import { isPushable, parseAlerts, PUSH_TTL_S, PUSH_URGENCY } from "../../model/web-push";
import { avatarUrl } from "../../serializers/mastodon/account";
import { toWebPushNotification } from "../../serializers/mastodon/web-push-notification";
import { setting } from "../instance/stats";
import { vapidKeyPair } from "../instance/vapid";
import { encryptAes128gcm, encryptAesgcm } from "./crypto";
import { vapidJwt } from "./vapid-auth";

/** The job payload: one notification to one subscription. */
export interface WebPushJob {
  subscriptionId: number;
  notificationId: number;
}

function pushable(ctx: AppContext, s: WebPushSubscriptionRow, n: { accountId: number; fromAccountId: number; type: string }): boolean {
  return isPushable(parseAlerts(s.alerts), s.policy, n.type, {
    recipientFollowsSender: () => isFollowing(ctx.db, n.accountId, n.fromAccountId),
    senderFollowsRecipient: () => isFollowing(ctx.db, n.fromAccountId, n.accountId),
  });
}

/**
 * Enqueues `push.deliver` for each live subscription of the recipient whose alerts and policy
 * take this notification. Called by notify() inside its transaction, only for notifications
 * that are shown (never for filtered ones, nor for muted or blocked senders: those are not made).
 */
export function enqueueWebPush(ctx: AppContext, n: { id: number; accountId: number; fromAccountId: number; type: string }): void {
  for (const s of listLiveWebPushSubscriptionsOfAccount(ctx.db, n.accountId)) {
    if (pushable(ctx, s, n)) ctx.jobs.enqueue("push.deliver", { subscriptionId: s.id, notificationId: n.id });
  }
}

/** Outcome of one delivery, for logs and the benchmark. */
export type WebPushResult = "sent" | "skipped" | "removed" | "refused";

/**
 * Sends one notification to one subscription. Skips quietly when either is gone, the token was
 * revoked, the notification is filtered, or the alerts/policy no longer take it. A 4xx other
 * than 408/429 means the subscription is dead: it is deleted (Mastodon's rule, so 404 and 410
 * included). Other failures throw, so the job is retried with backoff.
 */
export async function deliverWebPush(ctx: AppContext, p: WebPushJob): Promise<WebPushResult> {
  const sub = getWebPushDelivery(ctx.db, p.subscriptionId);
  const n = getPushNotification(ctx.db, p.notificationId);
  if (!sub || !n || n.filtered || n.account_id !== sub.account_id) return "skipped";
  if (!pushable(ctx, sub, { accountId: n.account_id, fromAccountId: n.from_account_id, type: n.type })) return "skipped";
  const from = getAccount(ctx.db, n.from_account_id);
  const status = n.status_id === null ? null : getStatus(ctx.db, n.status_id);
  if (!from || (n.status_id !== null && !status)) return "skipped";

  const message = JSON.stringify(
    toWebPushNotification({
      accessToken: sub.token,
      locale: sub.locale || "en",
      notification: { id: n.id, type: n.type },
      from,
      status,
      icon: avatarUrl(ctx, from),
    }),
  );
  const plain = Buffer.from(message);
  const uaPublic = Buffer.from(sub.key_p256dh, "base64url");
  const authSecret = Buffer.from(sub.key_auth, "base64url");
  const keys = vapidKeyPair(ctx);
  const contact = setting(ctx, "site_contact_email");
  const subject = contact ? `mailto:${contact}` : ctx.uris.base;
  const jwt = await vapidJwt(keys, new URL(sub.endpoint).origin, subject, ctx.now());
  const headers: Record<string, string> = {
    "Content-Type": "application/octet-stream",
    TTL: String(PUSH_TTL_S),
    Urgency: PUSH_URGENCY,
  };
  let body: Uint8Array<ArrayBuffer>;
  if (sub.standard) {
    body = new Uint8Array(encryptAes128gcm(plain, uaPublic, authSecret).body);
    headers["Content-Encoding"] = "aes128gcm";
    headers.Authorization = `vapid t=${jwt}, k=${keys.publicKey}`;
  } else {
    const e = encryptAesgcm(plain, uaPublic, authSecret);
    body = new Uint8Array(e.body);
    headers["Content-Encoding"] = "aesgcm";
    headers.Encryption = `salt=${Buffer.from(e.salt).toString("base64url")}`;
    headers["Crypto-Key"] = `dh=${Buffer.from(e.serverPublicKey).toString("base64url")};p256ecdsa=${keys.publicKey}`;
    headers.Authorization = `WebPush ${jwt}`;
  }

  let status_: number;
  try {
    status_ = (await safeFetch(ctx, sub.endpoint, { method: "POST", headers, body, skipBody: true })).status;
  } catch (e) {
    // Refused by policy (private address, blocked domain): retrying cannot help.
    if (e instanceof FetchError && e.permanent) {
      ctx.log.warn(`push ${p.notificationId} to subscription ${sub.id} refused: ${e.message}`);
      return "refused";
    }
    throw e;
  }
  if (status_ >= 200 && status_ < 300) return "sent";
  if (status_ >= 400 && status_ < 500 && status_ !== 408 && status_ !== 429) {
    transaction(ctx.db, () => deleteWebPushSubscription(ctx.db, sub.id));
    ctx.log.info(`push subscription ${sub.id} removed: the push service answered ${status_}`);
    return "removed";
  }
  throw new Error(`push service answered ${status_}`);
}
