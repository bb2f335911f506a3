/** Streaming jobs: each turns a stored change into stream events (see streaming/publish.ts). */
import type { AppContext } from "../../context";
import {
  publishDelete,
  publishFiltersChanged,
  publishNotification,
  publishNotificationsMerged,
  publishStatus,
} from "../../streaming/publish";

/** stream.update {statusId}: a new status or boost (enqueued by fanOutStatus). */
export function runStreamUpdate(ctx: AppContext, p: { statusId: number }): void {
  publishStatus(ctx, p.statusId, "update");
}

/** stream.status_update {statusId}: an edited status. */
export function runStreamStatusUpdate(ctx: AppContext, p: { statusId: number }): void {
  publishStatus(ctx, p.statusId, "status.update");
}

/** stream.delete {statusId, public?}: a deleted status (payload is the id). */
export function runStreamDelete(ctx: AppContext, p: { statusId: number; public?: boolean }): void {
  publishDelete(ctx, p.statusId, p.public);
}

/** stream.notification {notificationId, accountId}: a new notification (enqueued by notify()). */
export function runStreamNotification(ctx: AppContext, p: { notificationId: number; accountId: number }): void {
  publishNotification(ctx, p.notificationId, p.accountId);
}

/** stream.notifications_merged {accountId}: accepted notification requests were merged (requests-accept.ts). */
export function runStreamNotificationsMerged(ctx: AppContext, p: { accountId: number }): void {
  publishNotificationsMerged(ctx, p.accountId);
}

/** stream.filters_changed {accountId}: the account's keyword filters changed. */
export function runStreamFiltersChanged(ctx: AppContext, p: { accountId: number }): void {
  publishFiltersChanged(ctx, p.accountId);
}

/** stream.close_tokens {tokenIds}: revoked tokens lose their open streams. */
export function runStreamCloseTokens(ctx: AppContext, p: { tokenIds: number[] }): void {
  for (const id of p.tokenIds) ctx.hub.closeToken(id);
}
