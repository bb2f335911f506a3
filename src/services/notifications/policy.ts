/**
 * The notification filtering policy (Mastodon's NotificationPolicy): per kind of sender,
 * accept, filter or drop. Stored in notification_policies; no row means Mastodon's defaults (POLICY_DEFAULTS).
 * notify() applies it (policy-check.ts): "drop" means never created, "filter" means stored
 * filtered and gathered in a notification request (requests-*.ts).
 */
import type { AppContext } from "../../context";
import { validation } from "../../model/errors";
import { getNotificationPolicy, upsertNotificationPolicy } from "../../db/queries/notification-policies";
import { transaction } from "../../db/transaction";

/** The policy's fields, in Mastodon's order. */
export const POLICY_FIELDS = [
  "for_not_following",
  "for_not_followers",
  "for_new_accounts",
  "for_private_mentions",
  "for_limited_accounts",
  "for_bots",
] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];
export type PolicyValue = "accept" | "filter" | "drop";
export const POLICY_VALUES: readonly PolicyValue[] = ["accept", "filter", "drop"];

/** A policy as stored (or the defaults). */
export type NotificationPolicyRow = Record<PolicyField, PolicyValue>;

/** Mastodon's defaults: private mentions from strangers and limited accounts are filtered, the rest accepted. */
export const POLICY_DEFAULTS: Readonly<NotificationPolicyRow> = {
  for_not_following: "accept",
  for_not_followers: "accept",
  for_new_accounts: "accept",
  for_private_mentions: "filter",
  for_limited_accounts: "filter",
  for_bots: "accept",
};
const DEFAULTS = POLICY_DEFAULTS;

/** The account's policy, or the defaults when it never set one. */
export function loadNotificationPolicy(ctx: AppContext, accountId: number): NotificationPolicyRow {
  const row = getNotificationPolicy(ctx.db, accountId);
  return row ? { ...row } : { ...DEFAULTS };
}

/**
 * Changes some fields of the account's policy and returns the whole policy. Every value must be
 * accept, filter or drop (422 otherwise, nothing written). No side effects.
 */
export function updateNotificationPolicy(
  ctx: AppContext,
  accountId: number,
  changes: Partial<Record<PolicyField, string>>,
): NotificationPolicyRow {
  for (const f of POLICY_FIELDS) {
    const v = changes[f];
    if (v !== undefined && !POLICY_VALUES.includes(v as PolicyValue)) throw validation(`${humanize(f)} is not included in the list`);
  }
  return transaction(ctx.db, () => {
    const next = { ...loadNotificationPolicy(ctx, accountId), ...(changes as Partial<NotificationPolicyRow>) };
    upsertNotificationPolicy(ctx.db, accountId, next, ctx.now());
    return next;
  });
}

function humanize(f: string): string {
  const s = f.replace(/_/g, " ");
  return s[0]!.toUpperCase() + s.slice(1);
}
