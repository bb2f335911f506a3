/**
 * Scheduled statuses: `scheduled_status.publish {id}` runs at the status's time and posts it
 * (a no-op when it was cancelled, already posted, or moved later); `scheduled_status.sweep`,
 * every five minutes, posts any that are overdue, should a job have been lost or given up.
 */
import { publishScheduledStatus, dueScheduledStatuses } from "../../services/scheduled-statuses/publish";
import type { AppContext } from "../../context";

/** scheduled_status.publish {id}: posts one scheduled status when its time comes. */
export function runScheduledStatusPublish(ctx: AppContext, p: { id: number }): void {
  if (typeof p?.id === "number") publishScheduledStatus(ctx, p.id);
}

/** scheduled_status.sweep (every five minutes): posts any overdue scheduled status. */
export function runScheduledStatusSweep(ctx: AppContext): void {
  for (const id of dueScheduledStatuses(ctx)) {
    try {
      publishScheduledStatus(ctx, id);
    } catch (e) {
      ctx.log.warn(`scheduled status ${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
