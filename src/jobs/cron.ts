/** Periodic work: croner only enqueues jobs; handlers do the work. Append schedules to CRON_JOBS. */
import { Cron } from "croner";
import type { AppContext } from "../context";

export interface CronJob {
  /** Cron pattern (croner syntax, seconds optional). */
  pattern: string;
  /** Job kind to enqueue. */
  kind: string;
  payload?: unknown;
}

/** Schedules registered by each area (media cleanup, …). */
export const CRON_JOBS: CronJob[] = [];

/** Starts the schedules; returns a function that stops them. */
export function startCron(ctx: AppContext): () => void {
  const crons = CRON_JOBS.map((j) => new Cron(j.pattern, { protect: true }, () => {
    if (ctx.jobs.count(j.kind) === 0) ctx.jobs.enqueue(j.kind, j.payload ?? {});
  }));
  return () => crons.forEach((c) => c.stop());
}
