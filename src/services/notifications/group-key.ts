/**
 * Notification group keys, as Mastodon's Notification::Groups#set_group_key! makes them:
 * favourites and boosts of one status, follows and sign-ups are grouped per type (and status)
 * within a window of at most 12 hours; every other notification is its own group.
 */
import type { AppContext } from "../../context";
import { newestGroupKeyBetween } from "../../db/queries/notifications";

/** Types the server groups (Mastodon's GROUPABLE_NOTIFICATION_TYPES, 4.4). */
export const GROUPABLE_TYPES: readonly string[] = ["favourite", "reblog", "follow", "admin.sign_up"];

/** A group never spans more than this many hour buckets. */
export const MAX_GROUP_SPAN_HOURS = 12;

const HOUR_MS = 3_600_000;

/** The key's type part ("favourite-<status id>", "follow"), or null for ungrouped types. */
export function groupKeyPrefix(type: string, statusId: number | null | undefined): string | null {
  if (type === "favourite" || type === "reblog") return statusId == null ? null : `${type}-${statusId}`;
  if (type === "follow" || type === "admin.sign_up") return type;
  return null;
}

/** "ungrouped-<id>": the key of a notification that is not part of a group. */
export function ungroupedKey(id: number): string {
  return `ungrouped-${id}`;
}

/**
 * The group key for a new notification of `accountId` made at `at` (ms), or null when its type
 * is not grouped. It joins the recipient's newest group of the same prefix when that group
 * started less than 12 hours earlier (one index probe on notifications_group); call inside
 * the transaction that inserts the notification.
 */
export function groupKeyFor(
  ctx: AppContext,
  accountId: number,
  type: string,
  statusId: number | null | undefined,
  at: number,
): string | null {
  const prefix = groupKeyPrefix(type, statusId);
  if (prefix === null) return null;
  const bucket = Math.floor(at / HOUR_MS);
  // Buckets in this window have the same number of digits, so text order is numeric order.
  const newest = newestGroupKeyBetween(ctx.db, accountId, `${prefix}-${bucket - MAX_GROUP_SPAN_HOURS + 1}`, `${prefix}-${bucket}`);
  const previous = newest !== null ? Number(newest.slice(prefix.length + 1)) : NaN;
  const start = Number.isInteger(previous) && previous <= bucket && bucket < previous + MAX_GROUP_SPAN_HOURS ? previous : bucket;
  return `${prefix}-${start}`;
}
