/** Creates a notification for a local account, honouring blocks, domain blocks and notification-hiding mutes. */
import type { AppContext } from "../../context";
import { getAccountDomain } from "../../db/queries/accounts";
import { isBlocking } from "../../db/queries/blocks";
import { isDomainBlockedBy } from "../../db/queries/account-domain-blocks";
import { isFollowing } from "../../db/queries/follows";
import { mutesNotificationsFrom } from "../../db/queries/mutes";
import { hasSameNotification, insertNotification } from "../../db/queries/notifications";
import { enqueueWebPush } from "../push/send";
import { groupKeyFor } from "./group-key";
import { policyDecision } from "./policy-check";
import { recordFilteredNotification } from "./requests-record";
import type { NotificationType } from "../../model/entities";

export type { NotificationType };

/**
 * Writes a notification row for `accountId` (only local accounts get them). Returns its id,
 * or null when it was suppressed (self, remote recipient, block, mute, duplicate, the
 * recipient's notification policy). Enqueues stream.notification and push.deliver (one per Web
 * Push subscription that takes it), except for notifications the policy filters: those are
 * stored filtered, ungrouped, and gathered in a request.
 */
export function notify(
  ctx: AppContext,
  n: { accountId: number; fromAccountId: number; type: NotificationType; statusId?: number | null; reportId?: number | null },
): number | null {
  const db = ctx.db;
  // A poll's end is announced to its own author too (Mastodon's one self-notification).
  if (n.accountId === n.fromAccountId && n.type !== "poll") return null;
  const rec = getAccountDomain(db, n.accountId);
  if (!rec || rec.domain !== null) return null;
  if (isBlocking(db, n.accountId, n.fromAccountId)) return null;
  // Mastodon's NotifyService#blocked_domain?: nothing from a domain the recipient hides, unless they follow the sender.
  if (
    isDomainBlockedBy(db, n.accountId, getAccountDomain(db, n.fromAccountId)?.domain ?? null) &&
    !isFollowing(db, n.accountId, n.fromAccountId)
  )
    return null;
  const t = ctx.now();
  if (mutesNotificationsFrom(db, n.accountId, n.fromAccountId, t)) return null;
  const statusId = n.statusId ?? null;
  if (["favourite", "reblog", "follow", "follow_request", "mention"].includes(n.type)) {
    if (hasSameNotification(db, n.accountId, n.fromAccountId, n.type, statusId)) return null;
  }
  const decision = policyDecision(ctx, { accountId: n.accountId, fromAccountId: n.fromAccountId, type: n.type, statusId });
  if (decision === "drop") return null;
  const filtered = decision === "filter";
  const id = ctx.ids.next();
  insertNotification(db, {
    id,
    accountId: n.accountId,
    fromAccountId: n.fromAccountId,
    type: n.type,
    statusId,
    createdAt: t,
    groupKey: filtered ? null : groupKeyFor(ctx, n.accountId, n.type, statusId, t),
    reportId: n.reportId ?? null,
    filtered: filtered ? 1 : 0,
  });
  if (filtered) recordFilteredNotification(ctx, { accountId: n.accountId, fromAccountId: n.fromAccountId, type: n.type, statusId });
  else {
    ctx.jobs.enqueue("stream.notification", { notificationId: id, accountId: n.accountId });
    enqueueWebPush(ctx, { id, accountId: n.accountId, fromAccountId: n.fromAccountId, type: n.type });
  }
  return id;
}
