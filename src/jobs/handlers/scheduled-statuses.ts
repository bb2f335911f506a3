/**
 * Scheduled statuses: `scheduled_status.publish {id}` runs at the status's time and posts it
 * (a no-op when it was cancelled, already posted, or moved later); `scheduled_status.sweep`,
 * every five minutes, posts any that are overdue, should a job have been lost or given up.
 */
import { publishScheduledStatus, dueScheduledStatuses } from "../../services/scheduled-statuses/publish";
import { PUBLISH_JOB } from "../../services/scheduled-statuses/schedule";
import { CRON_JOBS } from "../cron";
import { defineJob } from "../runner";

defineJob(PUBLISH_JOB, (ctx, p: { id: number }) => {
  if (typeof p?.id === "number") publishScheduledStatus(ctx, p.id);
});

defineJob("scheduled_status.sweep", (ctx) => {
  for (const id of dueScheduledStatuses(ctx)) {
    try { publishScheduledStatus(ctx, id); } catch (e) {
      ctx.log.warn(`scheduled status ${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
});

CRON_JOBS.push({ pattern: "*/5 * * * *", kind: "scheduled_status.sweep" });
