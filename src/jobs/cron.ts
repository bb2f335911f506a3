/** Periodic work: the one list of schedules. croner only enqueues jobs; handlers do the work. */
import { Cron } from "croner";
import type { AppContext } from "../context";
import type { JobKind } from "./kinds";

export interface CronJob {
  /** Cron pattern (croner syntax, seconds optional). */
  pattern: string;
  /** Job kind to enqueue (when none of that kind is queued yet). */
  kind: JobKind;
  /** Scheduled only when this says so (default: always). */
  enabled?: (ctx: AppContext) => boolean;
}

/** Every schedule. */
export const CRON_JOBS: readonly CronJob[] = [
  { pattern: "37 2 * * *", kind: "backup.daily", enabled: (ctx) => ctx.config.backupDir !== null },
  { pattern: "17 3 * * *", kind: "media.remove_unattached" },
  { pattern: "47 3 * * *", kind: "media.remove_remote_cache" },
  { pattern: "*/5 * * * *", kind: "scheduled_status.sweep" },
  { pattern: "13 9 * * *", kind: "mail.digest_sweep" },
  { pattern: "7 * * * *", kind: "db.checkpoint" },
  { pattern: "37 4 * * *", kind: "db.optimize" },
  { pattern: "27 3 * * *", kind: "oauth.remove_expired" },
  { pattern: "57 3 * * *", kind: "media.remove_orphans" },
  { pattern: "23 * * * *", kind: "accounts.refresh_stale" },
  { pattern: "7 4 * * *", kind: "statuses.remove_remote" },
  { pattern: "*/5 * * * *", kind: "trends.refresh" },
  { pattern: "52 4 * * *", kind: "search.merge_index" },
  { pattern: "*/5 * * * *", kind: "search.index_queue" },
];

/** Starts the schedules; returns a function that stops them. */
export function startCron(ctx: AppContext): () => void {
  const crons = CRON_JOBS.filter((j) => j.enabled?.(ctx) ?? true).map(
    (j) =>
      new Cron(j.pattern, { protect: true }, () => {
        if (ctx.jobs.count(j.kind) === 0) ctx.jobs.enqueue(j.kind, {});
      }),
  );
  return () => crons.forEach((c) => c.stop());
}
